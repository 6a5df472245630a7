import Foundation
import Logging
import Synchronization
import TuskCore
import TuskMetadata

/// The loop of one `tusk worker` process: claims datum tasks from the shared queue, runs each
/// with a local `DatumExecutor` (the worker's own `/pfs` namespace and object store client),
/// heartbeats while it runs, and writes the result under its lease.
///
/// It exists so that a worker is nothing but this loop around the same executor the embedded
/// daemon uses: the worker needs no gRPC connection to the daemon, only the metadata database
/// and the object store. Outputs are made durable (`makeDurable`, the object store's barrier)
/// before the result that names them is written. When the lease is lost (the daemon requeued
/// the task after missed heartbeats, or the job ended) the running datum is cancelled, which
/// kills its process group, and its result is never written.
public struct DatumTaskWorker: Sendable {
    public var database: any SQLDatabase
    public var executor: any DatumExecutor
    public var workerID: String
    /// Only this pipeline's tasks, or any pipeline's when nil.
    public var pipeline: PipelineID?
    /// Datums run at the same time by this worker.
    public var slots: Int
    public var heartbeatInterval: Duration
    /// How long an idle slot waits before looking for work again.
    public var idleInterval: Duration
    public var makeDurable: @Sendable () async throws -> Void
    public var clock: any WallClock
    public var logger: Logger

    public init(
        database: any SQLDatabase, executor: any DatumExecutor, workerID: String, pipeline: PipelineID? = nil, slots: Int = 1,
        heartbeatInterval: Duration = .milliseconds(2500), idleInterval: Duration = .milliseconds(100),
        makeDurable: @escaping @Sendable () async throws -> Void, clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "tusk.worker")
    ) {
        self.database = database
        self.executor = executor
        self.workerID = workerID
        self.pipeline = pipeline
        self.slots = max(1, slots)
        self.heartbeatInterval = heartbeatInterval
        self.idleInterval = idleInterval
        self.makeDurable = makeDurable
        self.clock = clock
        self.logger = logger
    }

    /// Runs every slot until the task is cancelled.
    public func run() async throws {
        logger.info("worker \(workerID) serving \(pipeline.map { "pipeline \($0)" } ?? "every pipeline") with \(slots) slot(s)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in 0..<slots {
                group.addTask { try await self.serveSlot(slot) }
            }
            try await group.waitForAll()
        }
    }

    private func serveSlot(_ slot: Int) async throws {
        var failures = 0
        while !Task.isCancelled {
            do {
                if let task = try await claim() {
                    failures = 0
                    try await process(task)
                    continue
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.warning("worker \(workerID) slot \(slot): \(error) (retrying)")
                try await Task.sleep(for: idleInterval * min(50, 1 << min(failures, 6)))
                continue
            }
            try await Task.sleep(for: idleInterval)
        }
    }

    /// Claims the next task, or returns nil when none is waiting.
    func claim() async throws -> ClaimedDatumTask? {
        let pipeline = self.pipeline
        guard try await database.read({ try await DatumTaskQueue.hasQueued($0, pipeline: pipeline) }) else { return nil }
        let lease = UUID().uuidString.lowercased()
        let worker = workerID
        let now = clock.now()
        return try await database.write { transaction in
            try await DatumTaskQueue.claim(transaction, worker: worker, pipeline: pipeline, lease: lease, now: now)
        }
    }

    /// Runs one claimed task to its result (or to the loss of its lease).
    func process(_ task: ClaimedDatumTask) async throws {
        let lines = LogLines()
        let executor = self.executor
        let logger = self.logger
        logger.debug("worker \(workerID) runs \(task.kind.rawValue) \(task.unit.datumID) of job \(task.unit.jobID) (task \(task.id))")
        let result: DatumTaskResult
        do {
            result = try await withThrowingTaskGroup(of: DatumTaskResult?.self) { group in
                group.addTask {
                    // A datum that cannot even start fails like any other (the job decides about
                    // retries); only cancellation, the loss of the lease, ends without a result.
                    do {
                        switch task.kind {
                        case .datum:
                            return DatumTaskResult(try await executor.run(task.unit, log: { lines.append($0) }))
                        case .errorCommand:
                            return DatumTaskResult(errorCommandRecovered: try await executor.runErrorCommand(task.unit, log: { lines.append($0) }))
                        }
                    } catch let error where !(error is CancellationError) {
                        return DatumTaskResult(DatumExecution(
                            outcome: .failed(reason: "worker \(self.workerID) could not run it: \(error)"), exitCode: nil,
                            stderrTail: "", outputs: [], stats: DatumStats()))
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: self.heartbeatInterval)
                        let pending = lines.take()
                        let alive = try await self.database.write { transaction in
                            try await DatumTaskQueue.heartbeat(transaction, task: task, logs: pending)
                        }
                        if !alive { throw DatumTaskLeaseLost(taskID: task.id) }
                    }
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let next { return next }
                }
                throw CancellationError()
            }
        } catch let lost as DatumTaskLeaseLost {
            logger.warning("worker \(workerID): \(lost); the datum was stopped")
            return
        }
        try await makeDurable()
        let pending = lines.take()
        let now = clock.now()
        let accepted = try await database.write { transaction in
            try await DatumTaskQueue.complete(transaction, task: task, result: result, logs: pending, now: now)
        }
        if !accepted {
            logger.warning("worker \(workerID): the result of task \(task.id) was refused, its lease was lost meanwhile")
        }
    }
}

/// Log lines of a running datum waiting for the next heartbeat, numbered in arrival order.
final class LogLines: Sendable {
    private let state = Mutex<(next: Int64, lines: [(Int64, DatumLogLine)])>((1, []))

    func append(_ line: DatumLogLine) {
        state.withLock { state in
            state.lines.append((state.next, line))
            state.next += 1
        }
    }

    func take() -> [(Int64, DatumLogLine)] {
        state.withLock { state in
            let taken = state.lines
            state.lines = []
            return taken
        }
    }
}
