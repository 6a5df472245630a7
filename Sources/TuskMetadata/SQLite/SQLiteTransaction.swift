internal import SQLiteNIO
import Synchronization
import TuskCore

/// One open transaction on one SQLite connection, as handed to a `read` or `write` body.
///
/// Its statements run one at a time (a body may start several concurrently; they queue), so the
/// count of changed rows that follows each statement belongs to it. It refuses statements once the
/// body has returned, and, like PostgreSQL, once any statement in it has failed.
final class SQLiteTransaction: SQLTransaction {
    enum Mode: Sendable {
        case read
        case write
    }

    private struct State: Sendable {
        var isFinished = false
        var failure: TuskError?
        /// SQLite's running total of changed rows on this connection after the last statement.
        var totalChanges: Int64
    }

    let mode: Mode
    private let connection: SQLiteConnection
    private let databaseDescription: String
    private let statementGate = SerialGate()
    private let state: Mutex<State>

    private init(connection: SQLiteConnection, mode: Mode, databaseDescription: String, totalChanges: Int64) {
        self.connection = connection
        self.mode = mode
        self.databaseDescription = databaseDescription
        self.state = Mutex(State(totalChanges: totalChanges))
    }

    /// Begins a transaction on `connection`. A write takes SQLite's write lock at once
    /// (`BEGIN IMMEDIATE`); a read pins its snapshot at once by reading the schema table.
    static func begin(
        on connection: SQLiteConnection,
        mode: Mode,
        databaseDescription: String
    ) async throws -> SQLiteTransaction {
        let begin = mode == .write ? "BEGIN IMMEDIATE" : "BEGIN"
        let start = "SELECT total_changes() AS total, (SELECT count(*) FROM sqlite_master) AS tables"
        var sql = begin
        do {
            _ = try await connection.query(begin, [])
            sql = start
            let rows = try await connection.query(start, [])
            let total = rows.first?.column("total")?.integer ?? 0
            return SQLiteTransaction(
                connection: connection,
                mode: mode,
                databaseDescription: databaseDescription,
                totalChanges: Int64(total)
            )
        } catch {
            if sql == start { _ = try? await connection.query("ROLLBACK", []) }
            throw SQLiteErrorTranslation.translate(
                error, sql: sql, databaseDescription: databaseDescription, inReadTransaction: mode == .read
            )
        }
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> Int {
        try await serialized(sql) {
            _ = try await connection.query(sql, binds.map(SQLiteData.init))
            let rows = try await connection.query("SELECT changes() AS changes, total_changes() AS total", [])
            let changes = Int64(rows.first?.column("changes")?.integer ?? 0)
            let total = Int64(rows.first?.column("total")?.integer ?? 0)
            // changes() still reports the last INSERT/UPDATE/DELETE after a statement that changed
            // nothing (DDL, SELECT), so it only counts when the running total moved.
            return state.withLock { state in
                let moved = total != state.totalChanges
                state.totalChanges = total
                return moved ? Int(changes) : 0
            }
        }
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await serialized(sql) {
            let rows = try await connection.query(sql, binds.map(SQLiteData.init))
            return try SQLRow.rows(from: rows)
        }
    }

    /// Commits, unless a statement failed earlier; then it throws and the caller rolls back.
    func commit() async throws {
        finish()
        if let failure = state.withLock({ $0.failure }) {
            throw TuskError(
                .internal,
                "the transaction on \(databaseDescription) was rolled back: a statement in it failed "
                    + "(\(failure.message)) and the body carried on; a failed statement aborts the whole "
                    + "transaction, so let its error propagate, or use ON CONFLICT ... DO NOTHING",
                location: databaseDescription,
                cause: failure
            )
        }
        do {
            _ = try await connection.query("COMMIT", [])
        } catch {
            throw SQLiteErrorTranslation.translate(
                error, sql: "COMMIT", databaseDescription: databaseDescription, inReadTransaction: mode == .read
            )
        }
    }

    /// Rolls back; returns false when even that failed, so the connection should be discarded.
    func rollback() async -> Bool {
        finish()
        do {
            _ = try await connection.query("ROLLBACK", [])
            return true
        } catch {
            return false
        }
    }

    /// Refuses any further statement, for a transaction object kept beyond its body.
    func finish() {
        state.withLock { $0.isFinished = true }
    }

    private func serialized<T: Sendable>(
        _ sql: String,
        _ run: () async throws -> T
    ) async throws -> T {
        try checkUsable(sql)
        _ = await statementGate.enter()
        do {
            try checkUsable(sql)
            let result = try await run()
            await statementGate.leave()
            return result
        } catch {
            await statementGate.leave()
            let translated = SQLiteErrorTranslation.translate(
                error, sql: sql, databaseDescription: databaseDescription, inReadTransaction: mode == .read
            )
            state.withLock { state in
                if state.failure == nil, !state.isFinished { state.failure = translated }
            }
            throw translated
        }
    }

    private func checkUsable(_ sql: String) throws {
        let (isFinished, failure) = state.withLock { ($0.isFinished, $0.failure) }
        let operation = SQLiteErrorTranslation.summary(of: sql)
        if isFinished {
            throw TuskError(
                .internal,
                "\(operation) was not run: its transaction on \(databaseDescription) has already ended; "
                    + "use a transaction only inside the body it was handed to",
                location: databaseDescription
            )
        }
        if let failure {
            throw TuskError(
                .internal,
                "\(operation) was not run: an earlier statement in the same transaction failed "
                    + "(\(failure.message)); a failed statement aborts the whole transaction, so let its error "
                    + "propagate, or use ON CONFLICT ... DO NOTHING",
                location: databaseDescription,
                cause: failure
            )
        }
    }
}
