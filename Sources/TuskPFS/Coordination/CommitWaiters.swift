import TuskCore

/// Lets callers block until a commit changes state (`inspect commit --wait`, `wait commit`).
///
/// A waiter registers first, then re-reads the database, then waits; a change that lands
/// between the read and the wait marks the registration as fired, so it is never missed.
/// `changed()` wakes all waiters of a commit, which then re-read its state.
actor CommitWaiters {
    private enum Slot {
        case pending
        case fired
        case waiting(CheckedContinuation<Void, Never>)
    }

    private var slots: [String: [UInt64: Slot]] = [:]
    private var nextToken: UInt64 = 0
    private var observers: [@Sendable () -> Void] = []

    /// Registers a handler called after every commit change (e.g. to wake a scheduler).
    func observe(_ handler: @escaping @Sendable () -> Void) {
        observers.append(handler)
    }

    static func key(repoRowID: String, id: CommitID) -> String { repoRowID + "/" + id.value }

    /// Registers interest in `key`; call before reading the state you will wait on.
    func register(_ key: String) -> UInt64 {
        nextToken += 1
        slots[key, default: [:]][nextToken] = .pending
        return nextToken
    }

    /// Suspends until the commit changes after `register` (or returns at once if it already has).
    func wait(_ key: String, token: UInt64) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                switch slots[key]?[token] {
                case .pending?:
                    if Task.isCancelled {
                        slots[key]?[token] = nil
                        continuation.resume()
                    } else {
                        slots[key]?[token] = .waiting(continuation)
                    }
                default:
                    slots[key]?[token] = nil
                    continuation.resume()
                }
            }
        } onCancel: {
            Task { await self.fire(key, token: token) }
        }
    }

    /// Drops a registration that will not be waited on.
    func unregister(_ key: String, token: UInt64) {
        slots[key]?[token] = nil
        if slots[key]?.isEmpty == true { slots[key] = nil }
    }

    private func fire(_ key: String, token: UInt64) {
        guard let slot = slots[key]?[token] else { return }
        if case .waiting(let continuation) = slot {
            slots[key]?[token] = nil
            continuation.resume()
        } else {
            slots[key]?[token] = .fired
        }
    }

    /// Wakes every waiter of the commit.
    func changed(_ key: String) {
        for observer in observers { observer() }
        guard let entries = slots[key] else { return }
        for token in entries.keys { fire(key, token: token) }
        if slots[key]?.isEmpty == true { slots[key] = nil }
    }

    /// Wakes every waiter (used when many commits change at once, e.g. drops).
    func changedAll() {
        for observer in observers { observer() }
        for (key, entries) in slots {
            for token in entries.keys { fire(key, token: token) }
        }
    }
}
