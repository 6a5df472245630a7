import Foundation
import Synchronization
import Testing
import TuskCore
import TuskMetadata
import TuskPFS
@testable import TuskPPS
import TuskStorage
import TuskTesting

/// Datums handed to workers through the `datum_tasks` queue: results, logs, lost workers,
/// fenced results and cancellation, over a real SQLite database (the queue's SQL is portable;
/// the PostgreSQL run is the cross-host test).
@Suite(.serialized) struct DistributedDatumTests {
    /// Starts a worker loop over `executor`; cancel the task to make the worker vanish without
    /// a word, as a SIGKILL would.
    func startWorker(_ harness: RuntimeHarness, id: String, executor: any DatumExecutor, pipeline: PipelineID? = nil) -> Task<Void, Never> {
        let worker = DatumTaskWorker(
            database: harness.database, executor: executor, workerID: id, pipeline: pipeline, slots: 2,
            heartbeatInterval: .milliseconds(100), idleInterval: .milliseconds(20), makeDurable: {})
        return Task { try? await worker.run() }
    }

    /// A work unit for the queue-level tests, which never run it.
    let trueUnit = DatumWorkUnit(
        jobID: "j", datumID: "d", pipeline: "p", project: "default", outputCommitID: "j", inputs: [],
        transform: TransformSpec(cmd: ["true"]), timeout: nil, attempt: 1)

    /// Queues `trueUnit` as task "t1" and claims it for `worker` under the lease "lease-<worker>".
    func enqueueAndClaim(_ harness: RuntimeHarness, worker: String) async throws -> ClaimedDatumTask {
        let now = Timestamp(microseconds: 1)
        let unit = trueUnit
        try await harness.database.write { try await DatumTaskQueue.enqueue($0, id: "t1", kind: .datum, unit: unit, now: now) }
        return try #require(try await harness.database.write {
            try await DatumTaskQueue.claim($0, worker: worker, pipeline: nil, lease: "lease-\(worker)", now: now)
        })
    }

    func createEdges(_ harness: RuntimeHarness, files: Int) async throws -> JobInfo {
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        var inputs: [String: String] = [:]
        for index in 0..<files { inputs["/f\(index).png"] = "F\(index)" }
        _ = try await harness.put("images", inputs)
        _ = try await harness.pipelines.createPipelines(
            text: #"{"pipeline": {"name": "edges"}, "parallelism_spec": {"constant": 4}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "images", "glob": "/*"}}}"#,
            defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let first = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        return try await harness.waitForJob("edges", first.key.id)
    }

    @Test func aRemoteWorkerRunsEveryDatumAndItsLogsReachTheJob() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let worker = startWorker(harness, id: "w1", executor: harness.executor)
            defer { worker.cancel() }
            let job = try await createEdges(harness, files: 6)
            #expect(job.state == .success)
            #expect(job.counters.processed == 6)
            #expect(harness.executor.runCount == 6)
            for index in 0..<6 {
                #expect(try await harness.read("edges", "/f\(index).png") == "copy:/f\(index).png")
            }
            var lines: [String] = []
            for try await entry in harness.pipelines.logs(LogQuery(pipeline: try PipelineID(name: "edges"))) where entry.isUser {
                lines.append(entry.message)
            }
            #expect(lines.count == 6)
            #expect(lines.allSatisfy { $0.hasPrefix("processing") })
            let left = try await harness.database.read { try await $0.query("SELECT id FROM datum_tasks") }
            #expect(left.isEmpty)
        }
    }

    @Test func aVanishedWorkersDatumsGoToAnotherWorkerAndCountOnce() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let stuck = HangingExecutor()
            let doomed = startWorker(harness, id: "doomed", executor: stuck)
            async let job = createEdges(harness, files: 12)
            await stuck.waitUntilRunning(2)
            doomed.cancel()
            await doomed.value
            let survivor = startWorker(harness, id: "survivor", executor: harness.executor)
            defer { survivor.cancel() }
            let finished = try await job
            #expect(finished.state == .success)
            #expect(finished.counters.processed == 12)
            #expect(finished.counters.failed == 0)
            #expect(harness.executor.runCount == 12)
            let datums = try await harness.pipelines.listDatums(finished.key, states: [])
            #expect(datums.count == 12)
            #expect(datums.allSatisfy { $0.state == .success && $0.attempts == 1 })
            for index in 0..<12 {
                #expect(try await harness.read("edges", "/f\(index).png") == "copy:/f\(index).png")
            }
        }
    }

    @Test func aResultUnderALostLeaseIsRefused() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let now = Timestamp(microseconds: 1)
            let first = try await enqueueAndClaim(harness, worker: "a")
            #expect(first.unit == trueUnit)
            let requeued = try await harness.database.write { try await DatumTaskQueue.requeue($0, id: "t1", heartbeat: 1) }
            #expect(requeued)
            let second = try #require(try await harness.database.write {
                try await DatumTaskQueue.claim($0, worker: "b", pipeline: nil, lease: "lease-b", now: now)
            })
            let result = DatumTaskResult(errorCommandRecovered: true)
            let stale = try await harness.database.write { try await DatumTaskQueue.complete($0, task: first, result: result, logs: [], now: now) }
            #expect(!stale)
            let alive = try await harness.database.write { try await DatumTaskQueue.heartbeat($0, task: first, logs: []) }
            #expect(!alive)
            let current = try await harness.database.write { try await DatumTaskQueue.complete($0, task: second, result: result, logs: [], now: now) }
            #expect(current)
            let rows = try await harness.database.read { try await DatumTaskQueue.progress($0, ids: ["t1"]) }
            #expect(rows.first?.state == .done)
            #expect(rows.first?.worker == "b")
        }
    }

    @Test func aRequeueLosesToAFreshHeartbeat() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let claimed = try await enqueueAndClaim(harness, worker: "a")
            let alive = try await harness.database.write { try await DatumTaskQueue.heartbeat($0, task: claimed, logs: []) }
            #expect(alive)
            let requeued = try await harness.database.write { try await DatumTaskQueue.requeue($0, id: "t1", heartbeat: 1) }
            #expect(!requeued, "the daemon saw heartbeat 1, but the worker has beaten since")
        }
    }

    @Test func aWorkerForOnePipelineLeavesOthersAlone() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let other = startWorker(harness, id: "other", executor: harness.executor, pipeline: try PipelineID(name: "another"))
            defer { other.cancel() }
            async let job = createEdges(harness, files: 3)
            try await Task.sleep(for: .milliseconds(400))
            #expect(harness.executor.runCount == 0)
            let right = startWorker(harness, id: "right", executor: harness.executor, pipeline: try PipelineID(name: "edges"))
            defer { right.cancel() }
            #expect(try await job.state == .success)
            #expect(harness.executor.runCount == 3)
        }
    }

    @Test func cancellingTheJobRemovesItsQueuedTasks() async throws {
        try await RuntimeHarness.with(remote: true) { harness in
            let queue = QueuedDatumExecutor(database: harness.database, pollInterval: .milliseconds(10))
            let waiting = Task { try await queue.run(trueUnit, log: { _ in }) }
            var queued = 0
            while queued == 0 {
                queued = try await harness.database.read { try await $0.query("SELECT id FROM datum_tasks") }.count
                try await Task.sleep(for: .milliseconds(10))
            }
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            var left = 1
            while left > 0 {
                left = try await harness.database.read { try await $0.query("SELECT id FROM datum_tasks") }.count
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(left == 0)
        }
    }
}

/// An executor whose datums never finish, standing in for a worker host that stops answering.
final class HangingExecutor: DatumExecutor {
    private let running = Mutex<(count: Int, waiters: [(Int, CheckedContinuation<Void, Never>)])>((0, []))

    func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution {
        let ready = running.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            let count = state.count
            let ready = state.waiters.filter { $0.0 <= count }.map(\.1)
            state.waiters.removeAll { $0.0 <= count }
            return ready
        }
        for waiter in ready { waiter.resume() }
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }

    func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool { false }

    /// Returns once `count` datums are running.
    func waitUntilRunning(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = running.withLock { state -> Bool in
                if state.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}
