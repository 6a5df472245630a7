/// Where one datum of a job is.
public enum DatumProgress: Sendable, Hashable, Codable {
    /// Waiting for a slot; `attempt` is the attempt it will run as.
    case queued(attempt: Int)
    case running(attempt: Int)
    /// Failed all tries (last error kept); waiting for a slot to run `err_cmd`.
    case queuedErrorCommand(error: String)
    case runningErrorCommand(error: String)
    case succeeded
    case skipped
    case failed(error: String)
    case recovered

    var isInFlight: Bool {
        switch self {
        case .running, .runningErrorCommand: return true
        default: return false
        }
    }

    var isQueued: Bool {
        switch self {
        case .queued, .queuedErrorCommand: return true
        default: return false
        }
    }

    /// The queued form of an in-flight datum whose run was lost (cancel, crash): the same
    /// attempt again, since the loss was not the datum's fault.
    var requeued: DatumProgress {
        switch self {
        case .running(let attempt): return .queued(attempt: attempt)
        case .runningErrorCommand(let error): return .queuedErrorCommand(error: error)
        default: return self
        }
    }
}

extension JobStateMachine {
    mutating func plan(toProcess: [String], toSkip: [String]) -> [JobAction] {
        state = .running
        waitingReason = nil
        var seen = Set<String>()
        for id in toSkip where seen.insert(id).inserted {
            order.append(id)
            progress[id] = .skipped
        }
        for id in toProcess where seen.insert(id).inserted {
            order.append(id)
            progress[id] = .queued(attempt: 1)
            queue.append(id)
        }
        counters.total = seen.count
        counters.skipped = counters.total - queue.count
        return advance()
    }

    mutating func datumFailed(_ id: String, attempt: Int, error: String) -> [JobAction] {
        guard state == .running, case .running(let current)? = progress[id], current == attempt else { return [] }
        if attempt < configuration.datumTries {
            progress[id] = .running(attempt: attempt + 1)
            return [.retryDatum(id: id, attempt: attempt + 1)]
        }
        let summary = "failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(error)"
        if configuration.hasErrorCommand {
            progress[id] = .runningErrorCommand(error: summary)
            return [.runErrorCommand(id: id)]
        }
        return finishDatum(id, as: .failed(error: summary))
    }

    /// Records a final outcome for an in-flight datum and moves the job on.
    mutating func finishDatum(_ id: String, as outcome: DatumProgress) -> [JobAction] {
        guard state == .running, let current = progress[id] else { return [] }
        switch (current, outcome) {
        case (.running, .succeeded):
            counters.processed += 1
        case (.runningErrorCommand, .recovered):
            counters.recovered += 1
        case (.running, .failed(let error)), (.runningErrorCommand, .failed(let error)):
            counters.failed += 1
            if firstFailure == nil { firstFailure = "datum \(id) \(error)" }
        default:
            return []
        }
        progress[id] = outcome
        return advance()
    }

    /// Fills free slots from the queue; when nothing is queued or running, moves past running.
    mutating func advance() -> [JobAction] {
        var actions: [JobAction] = []
        // Over the values, not `order`: one pass without a hash look-up per datum (this runs
        // after every datum of a job).
        var inFlight = progress.values.reduce(0) { $0 + ($1.isInFlight ? 1 : 0) }
        while inFlight < configuration.parallelism, !queue.isEmpty {
            let id = queue.removeFirst()
            switch progress[id] {
            case .queued(let attempt)?:
                progress[id] = .running(attempt: attempt)
                actions.append(attempt == 1 ? .runDatum(id: id) : .retryDatum(id: id, attempt: attempt))
            case .queuedErrorCommand(let error)?:
                progress[id] = .runningErrorCommand(error: error)
                actions.append(.runErrorCommand(id: id))
            default:
                continue
            }
            inFlight += 1
        }
        guard inFlight == 0, queue.isEmpty else { return actions }
        if counters.failed > 0 {
            let count = counters.failed == 1 ? "1 datum" : "\(counters.failed) datums"
            return actions + end(.failure, reason: "\(count) failed; first: \(firstFailure ?? "unknown")")
        }
        if configuration.hasEgress {
            state = .egressing
            return actions + [.startEgress]
        }
        state = .finishing
        return actions + [.finishOutputCommit]
    }
}
