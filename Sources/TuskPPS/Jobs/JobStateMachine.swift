/// The life of one job as a pure value: fed `JobEvent`s, it updates its state and counters and
/// returns the `JobAction`s the I/O shell must perform (in the style of the postgres-nio and
/// async-http-client state machines).
///
/// It owns the rules: at most `parallelism` datums (or `err_cmd` runs) in flight, retries up to
/// `datum_tries`, `err_cmd` after the last failed try, egress before finishing, a reason for
/// every non-success end, and resumption after a crash in which datums that already succeeded
/// are not run again. It is `Codable`, so the shell can persist it after every event. Events
/// that do not apply in the current state (late results of cancelled datums, anything after a
/// terminal state) are ignored and return no actions.
public struct JobStateMachine: Sendable, Hashable, Codable {
    public let configuration: JobConfiguration
    public internal(set) var state: JobState = .created
    public internal(set) var counters = JobCounters()
    /// How many times the job was resumed after a crash (`JobInfo.restart`).
    public private(set) var restartCount = 0

    /// Where each datum is; see `DatumProgress`.
    var progress: [String: DatumProgress] = [:]
    /// Datum ids in plan order (processed and skipped).
    var order: [String] = []
    /// Ids waiting for a free slot, front first.
    var queue: [String] = []
    var waitingReason: String?
    var endReason: String?
    /// The first datum that failed for good, for the job's failure reason.
    var firstFailure: String?

    public init(configuration: JobConfiguration) {
        self.configuration = configuration
    }

    /// Why the job is where it is: set for every waiting state and every non-success end;
    /// nil while running and after success.
    public var reason: String? {
        switch state {
        case .created: return waitingReason ?? "waiting for the job's input commits"
        case .starting: return waitingReason ?? "planning datums"
        case .running, .success: return nil
        case .egressing: return "copying the output commit to the egress destination"
        case .finishing: return "finishing the output commit"
        case .failure, .killed, .unrunnable: return endReason
        }
    }

    /// Ids of datums running now (transform or `err_cmd`), in plan order.
    public var runningDatums: [String] {
        order.filter { progress[$0]?.isInFlight ?? false }
    }

    /// The state of one datum, or nil when the job has no such datum.
    public func datumProgress(_ id: String) -> DatumProgress? { progress[id] }

    /// Applies `event` and returns what to do next, in order.
    public mutating func handle(_ event: JobEvent) -> [JobAction] {
        if state.isTerminal { return [] }
        switch event {
        case .start:
            guard state == .created else { return [] }
            state = .starting
            waitingReason = nil
            var actions: [JobAction] = [.planDatums]
            if let timeout = configuration.jobTimeout { actions.append(.scheduleJobTimeout(timeout)) }
            return actions
        case .waiting(let reason):
            if state == .created || state == .starting { waitingReason = reason }
            return []
        case .datumsPlanned(let toProcess, let toSkip):
            guard state == .created || state == .starting else { return [] }
            return plan(toProcess: toProcess, toSkip: toSkip)
        case .datumStarted:
            return []
        case .datumSucceeded(let id):
            return finishDatum(id, as: .succeeded)
        case .datumFailed(let id, let attempt, let error):
            return datumFailed(id, attempt: attempt, error: error)
        case .datumSkipped(let id):
            guard state == .running, progress[id]?.isQueued == true else { return [] }
            queue.removeAll { $0 == id }
            progress[id] = .skipped
            counters.skipped += 1
            return advance()
        case .datumRecovered(let id):
            return finishDatum(id, as: .recovered)
        case .errorCommandFailed(let id, let error):
            guard state == .running, case .runningErrorCommand(let earlier)? = progress[id] else { return [] }
            return finishDatum(id, as: .failed(error: "\(earlier); err_cmd failed too: \(error)"))
        case .egressSucceeded:
            guard state == .egressing else { return [] }
            state = .finishing
            return [.finishOutputCommit]
        case .egressFailed(let error):
            guard state == .egressing else { return [] }
            return end(.failure, reason: "egress failed: \(error)")
        case .outputCommitFinished:
            guard state == .finishing else { return [] }
            state = .success
            return [.jobSucceeded]
        case .outputFailed(let error):
            guard state == .finishing || state == .egressing else { return [] }
            return end(.failure, reason: error)
        case .stopRequested(let reason):
            return end(.killed, reason: reason.isEmpty ? "stopped by request" : reason)
        case .jobTimeoutElapsed:
            let limit = configuration.jobTimeout.map { " of \(DurationText.format($0))" } ?? ""
            return end(.failure, reason: "job timed out: it ran longer than its job_timeout\(limit)")
        case .upstreamFailed(let reason):
            return end(.unrunnable, reason: reason)
        case .restartedAfterCrash:
            return resume()
        }
    }

    /// Ends the job in a non-success terminal state, cancelling whatever is in flight.
    mutating func end(_ final: JobState, reason: String) -> [JobAction] {
        let running = runningDatums
        for id in running {
            progress[id] = progress[id]?.requeued
        }
        queue.removeAll()
        state = final
        endReason = reason
        var actions: [JobAction] = []
        if !running.isEmpty { actions.append(.cancelDatums(running)) }
        actions.append(.failJob(state: final, reason: reason))
        return actions
    }

    private mutating func resume() -> [JobAction] {
        restartCount += 1
        if restartCount > configuration.maximumRestarts {
            return end(.failure, reason: "the job was interrupted by \(restartCount) daemon restarts (limit \(configuration.maximumRestarts)); giving up")
        }
        switch state {
        case .created:
            return []
        case .starting:
            return [.planDatums]
        case .running:
            let interrupted = runningDatums
            for id in interrupted { progress[id] = progress[id]?.requeued }
            queue = interrupted + queue.filter { !interrupted.contains($0) }
            return advance()
        case .egressing:
            return [.startEgress]
        case .finishing:
            return [.finishOutputCommit]
        case .success, .failure, .killed, .unrunnable:
            return []
        }
    }
}
