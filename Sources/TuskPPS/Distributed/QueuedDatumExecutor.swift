import Foundation
import Logging
import TuskCore
import TuskMetadata

/// Runs datums on `tusk worker` processes instead of in the daemon: each run becomes a row in
/// the `datum_tasks` queue of the shared metadata database, and the call returns when a worker
/// has written its result.
///
/// It exists so that the job run (`JobRun`) stays the same whether datums run here or on
/// other hosts: `parallelism_spec` still bounds how many of a job's datums are in flight, so it
/// bounds how many workers a pipeline occupies. One poller per daemon reads the progress of
/// every task in flight in one query: finished results resume their callers, workers' log lines
/// go to the job's log, and a leased task whose heartbeat counter has not moved for
/// `leaseTimeout` (measured on this daemon's monotonic clock) goes back to the queue for another
/// worker. A task's result is accepted once, from the worker holding its current lease, so a
/// datum is never counted twice. Only one daemon may serve a queue.
public actor QueuedDatumExecutor: DatumExecutor {
    private struct Waiter {
        var continuation: CheckedContinuation<DatumTaskResult, any Error>
        var log: @Sendable (DatumLogLine) -> Void
        var heartbeat: Int64 = -1
        var heartbeatSeen = ContinuousClock.now
        var worker = ""
    }

    private let database: any SQLDatabase
    private let clock: any WallClock
    private let leaseTimeout: Duration
    private let pollInterval: Duration
    private let logger: Logger
    private var waiters: [String: Waiter] = [:]
    /// Tasks queued whose caller has not registered its continuation yet.
    private var unregistered: Set<String> = []
    /// Tasks whose caller was cancelled before it registered.
    private var abandoned: Set<String> = []
    private var poller: Task<Void, Never>?
    /// The one removal of leftover tasks, which every first submission waits for (a flag set
    /// before the removal's await would let a concurrent submission enqueue before it).
    private var clearing: Task<Void, any Error>?

    /// - Parameters:
    ///   - leaseTimeout: how long a claimed task's heartbeat may stand still before the task is
    ///     given to another worker (workers heartbeat about every `leaseTimeout / 4`).
    ///   - pollInterval: how often the daemon reads the progress of its tasks.
    public init(
        database: any SQLDatabase, clock: any WallClock = SystemWallClock(), leaseTimeout: Duration = .seconds(10),
        pollInterval: Duration = .milliseconds(50), logger: Logger = Logger(label: "tusk.pps.tasks")
    ) {
        self.database = database
        self.clock = clock
        self.leaseTimeout = leaseTimeout
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public nonisolated func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution {
        try await submit(.datum, unit, log: log).execution()
    }

    public nonisolated func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool {
        try await submit(.errorCommand, unit, log: log).recovered
    }

    /// Queues one task and waits for its result; cancelling the caller removes the task (a
    /// worker still running it finds its lease gone at its next heartbeat and stops).
    nonisolated func submit(_ kind: DatumTaskKind, _ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumTaskResult {
        try await clearLeftoversOnce()
        let id = UUID().uuidString.lowercased()
        let now = clock.now()
        await expect(id)
        do {
            try await database.write { transaction in
                try await DatumTaskQueue.enqueue(transaction, id: id, kind: kind, unit: unit, now: now)
            }
        } catch {
            await forget(id)
            throw error
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Task { await self.register(id, continuation: continuation, log: log) }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
    }

    private func clearLeftoversOnce() async throws {
        let removal: Task<Void, any Error>
        if let clearing {
            removal = clearing
        } else {
            let database = self.database
            removal = Task { try await database.write { transaction in try await DatumTaskQueue.removeAll(transaction) } }
            clearing = removal
        }
        do {
            try await removal.value
        } catch {
            // The next submission tries again.
            if clearing == removal { clearing = nil }
            throw error
        }
    }

    private func expect(_ id: String) {
        unregistered.insert(id)
    }

    private func forget(_ id: String) {
        unregistered.remove(id)
        abandoned.remove(id)
    }

    private func register(_ id: String, continuation: CheckedContinuation<DatumTaskResult, any Error>, log: @escaping @Sendable (DatumLogLine) -> Void) {
        unregistered.remove(id)
        if abandoned.remove(id) != nil {
            continuation.resume(throwing: CancellationError())
            Task { try? await self.database.write { try await DatumTaskQueue.remove($0, ids: [id]) } }
            return
        }
        waiters[id] = Waiter(continuation: continuation, log: log)
        if poller == nil {
            poller = Task { await self.poll() }
        }
    }

    private func abandon(_ id: String) async {
        guard let waiter = waiters.removeValue(forKey: id) else {
            // Not registered yet: the registration will see this and give up. Already finished:
            // nothing to do.
            if unregistered.contains(id) { abandoned.insert(id) }
            return
        }
        waiter.continuation.resume(throwing: CancellationError())
        do {
            try await database.write { try await DatumTaskQueue.remove($0, ids: [id]) }
        } catch {
            logger.warning("cannot remove the abandoned datum task \(id): \(error)")
        }
    }

    /// Polls until no task is in flight, then ends (the next `submit` starts it again).
    private func poll() async {
        while !waiters.isEmpty {
            do {
                try await pollOnce()
            } catch {
                logger.warning("reading datum task progress failed (retrying): \(error)")
            }
            if waiters.isEmpty { break }
            try? await Task.sleep(for: pollInterval)
        }
        poller = nil
    }

    private func pollOnce() async throws {
        let ids = Array(waiters.keys)
        let (progress, logs) = try await database.read { transaction in
            (try await DatumTaskQueue.progress(transaction, ids: ids), try await DatumTaskQueue.pendingLogs(transaction, ids: ids))
        }
        for line in logs {
            waiters[line.taskID]?.log(line.line)
        }
        var finished: [String] = []
        var stale: [(id: String, heartbeat: Int64, worker: String)] = []
        let now = ContinuousClock.now
        for row in progress {
            guard var waiter = waiters[row.id] else { continue }
            switch row.state {
            case .done:
                waiters[row.id] = nil
                finished.append(row.id)
                do {
                    let result = try JSONDecoder().decode(DatumTaskResult.self, from: Data(row.resultJSON.utf8))
                    waiter.continuation.resume(returning: result)
                } catch {
                    waiter.continuation.resume(throwing: TuskError.internal(
                        "the result worker \(row.worker) wrote for datum task \(row.id) cannot be read: \(error)"))
                }
            case .leased:
                if row.heartbeat != waiter.heartbeat || row.worker != waiter.worker {
                    waiter.heartbeat = row.heartbeat
                    waiter.worker = row.worker
                    waiter.heartbeatSeen = now
                    waiters[row.id] = waiter
                } else if now - waiter.heartbeatSeen > leaseTimeout {
                    stale.append((row.id, row.heartbeat, row.worker))
                }
            case .queued:
                waiter.heartbeat = -1
                waiter.worker = ""
                waiters[row.id] = waiter
            }
        }
        for id in ids where !progress.contains(where: { $0.id == id }) {
            if let waiter = waiters.removeValue(forKey: id) {
                waiter.continuation.resume(throwing: TuskError(.aborted, "datum task \(id) disappeared from the queue (another daemon serving the same database?)"))
            }
        }
        guard !finished.isEmpty || !logs.isEmpty || !stale.isEmpty else { return }
        let done = finished
        let silent = stale
        let requeued = try await database.write { transaction in
            try await DatumTaskQueue.forgetLogs(transaction, logs)
            try await DatumTaskQueue.remove(transaction, ids: done)
            var requeued: [(id: String, worker: String)] = []
            for task in silent where try await DatumTaskQueue.requeue(transaction, id: task.id, heartbeat: task.heartbeat) {
                requeued.append((task.id, task.worker))
            }
            return requeued
        }
        for task in requeued {
            logger.warning("worker \(task.worker) stopped heartbeating for \(leaseTimeout); datum task \(task.id) goes to another worker")
            waiters[task.id]?.heartbeat = -1
            waiters[task.id]?.worker = ""
        }
    }
}
