import TuskCore

/// Counts the read transactions in progress on one `PostgresDatabase`, so `close` can wait for
/// them before it stops the pool, and turns reads away once the database is closing.
///
/// It exists because reads run concurrently (unlike writes, which a gate already serializes),
/// so nothing else knows when the last one has finished.
actor ReadTracker {
    private let databaseDescription: String
    private var running = 0
    private var isClosed = false
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init(databaseDescription: String) {
        self.databaseDescription = databaseDescription
    }

    /// Registers a read; throws `.unavailable` once the database is closing.
    func begin() throws {
        if isClosed {
            throw TuskError(.unavailable, "\(databaseDescription) is closed", location: databaseDescription)
        }
        running += 1
    }

    /// Unregisters a read that `begin` registered.
    func end() {
        running -= 1
        if running == 0 {
            for waiter in drainWaiters { waiter.resume() }
            drainWaiters.removeAll()
        }
    }

    /// Refuses new reads and waits until the running ones have ended.
    func close() async {
        isClosed = true
        if running > 0 {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
    }
}
