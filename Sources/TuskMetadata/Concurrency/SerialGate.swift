/// An asynchronous mutual-exclusion gate that admits one holder at a time, first come first served.
///
/// It exists because a transaction body suspends (it awaits its statements), so an actor's own
/// isolation cannot keep two transactions apart: the actor would interleave them at every await.
/// Callers wait in a FIFO queue of continuations instead. A gate can be closed, after which every
/// waiter and every later caller is turned away.
///
/// It is public so that other `SQLDatabase` implementations (PostgreSQL) serialize their writes
/// within a process the same way.
public actor SerialGate {
    private var isHeld = false
    private var isClosed = false
    private var waiters: [CheckedContinuation<Bool, Never>] = []
    private var firstWaiter = 0

    public init() {}

    /// How many callers are waiting; for tests and diagnostics.
    public var waitingCount: Int { waiters.count - firstWaiter }

    /// Waits for the gate; returns true once the caller holds it, false when the gate is closed.
    public func enter() async -> Bool {
        if isClosed { return false }
        if !isHeld {
            isHeld = true
            return true
        }
        return await withCheckedContinuation { continuation in
            waiters.append(continuation)
        }
    }

    /// Hands the gate to the longest-waiting caller, or opens it when nobody waits.
    public func leave() {
        guard let next = popWaiter() else {
            isHeld = false
            return
        }
        next.resume(returning: true)
    }

    /// Closes the gate for good; the caller must hold it. Every waiter is turned away.
    public func leaveAndClose() {
        isClosed = true
        isHeld = false
        while let waiter = popWaiter() {
            waiter.resume(returning: false)
        }
    }

    private func popWaiter() -> CheckedContinuation<Bool, Never>? {
        guard firstWaiter < waiters.count else { return nil }
        let waiter = waiters[firstWaiter]
        firstWaiter += 1
        if firstWaiter == waiters.count {
            waiters.removeAll(keepingCapacity: true)
            firstWaiter = 0
        } else if firstWaiter > 64, firstWaiter * 2 > waiters.count {
            waiters.removeFirst(firstWaiter)
            firstWaiter = 0
        }
        return waiter
    }
}
