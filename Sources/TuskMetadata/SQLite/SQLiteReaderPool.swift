internal import SQLiteNIO
import TuskCore

/// The connections that run read transactions on one SQLite file, opened on demand up to a limit.
///
/// It exists because a read transaction holds its connection for as long as its body runs (the
/// snapshot lives on the connection), so concurrent reads need connections of their own. Callers
/// beyond the limit wait, first come first served, for one to come back.
actor SQLiteReaderPool {
    private let path: String
    private let databaseDescription: String
    private let maximumCount: Int
    private var idle: [SQLiteConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var isClosed = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    init(path: String, databaseDescription: String, maximumCount: Int) {
        self.path = path
        self.databaseDescription = databaseDescription
        self.maximumCount = max(1, maximumCount)
    }

    /// A pool dropped without `close()` still closes its idle connections (the close keeps each
    /// connection alive until it completes), so an unclosed database never leaks handles.
    deinit {
        for connection in idle where !connection.isClosed { _ = connection.close() }
    }

    /// A connection for one read transaction; hand it back with `checkIn`.
    func checkOut() async throws -> SQLiteConnection {
        if isClosed { throw closedError() }
        if let connection = idle.popLast() { return connection }
        if openCount < maximumCount {
            openCount += 1
            do {
                return try await SQLiteConnectionSetup.openReader(path: path, databaseDescription: databaseDescription)
            } catch {
                await connectionGone()
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(continuation)
        }
    }

    /// Returns a connection; one whose transaction could not be ended (`healthy == false`) is closed.
    func checkIn(_ connection: SQLiteConnection, healthy: Bool) async {
        if isClosed || !healthy {
            try? await connection.close()
            await connectionGone()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Closes idle connections, turns waiters away and waits until every connection in use is back.
    func close() async {
        if !isClosed {
            isClosed = true
            for waiter in waiters { waiter.resume(throwing: closedError()) }
            waiters.removeAll()
            let closing = idle
            idle.removeAll()
            for connection in closing {
                try? await connection.close()
                openCount -= 1
            }
        }
        if openCount > 0 {
            await withCheckedContinuation { closeWaiters.append($0) }
        }
    }

    /// Accounts for a connection that closed or never opened, and lets a waiter open a replacement.
    private func connectionGone() async {
        openCount -= 1
        if !isClosed, !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            openCount += 1
            do {
                let connection = try await SQLiteConnectionSetup.openReader(
                    path: path, databaseDescription: databaseDescription
                )
                if isClosed {
                    try? await connection.close()
                    openCount -= 1
                    waiter.resume(throwing: closedError())
                } else {
                    waiter.resume(returning: connection)
                }
            } catch {
                openCount -= 1
                waiter.resume(throwing: error)
            }
        }
        resumeCloseWaitersIfDrained()
    }

    private func resumeCloseWaitersIfDrained() {
        guard isClosed, openCount == 0 else { return }
        for waiter in closeWaiters { waiter.resume() }
        closeWaiters.removeAll()
    }

    private func closedError() -> TuskError {
        TuskError(.unavailable, "\(databaseDescription) is closed", location: databaseDescription)
    }
}
