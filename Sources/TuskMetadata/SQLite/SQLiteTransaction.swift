internal import SQLiteNIO
import Synchronization
import TuskCore

/// One open transaction on one SQLite connection, as handed to a `read` or `write` body.
///
/// Its statements follow `TransactionStatements` (one at a time, so the count of changed rows
/// that follows each statement belongs to it; none after the body returned or after a failure,
/// as in PostgreSQL).
final class SQLiteTransaction: SQLTransaction {
    enum Mode: Sendable {
        case read
        case write
    }

    let mode: Mode
    private let connection: SQLiteConnection
    private let databaseDescription: String
    private let statements: TransactionStatements
    /// SQLite's running total of changed rows on this connection after the last statement.
    private let totalChanges: Mutex<Int64>

    private init(connection: SQLiteConnection, mode: Mode, databaseDescription: String, totalChanges: Int64) {
        self.connection = connection
        self.mode = mode
        self.databaseDescription = databaseDescription
        self.statements = TransactionStatements(databaseDescription: databaseDescription)
        self.totalChanges = Mutex(totalChanges)
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
            return totalChanges.withLock { previous in
                let moved = total != previous
                previous = total
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
        try statements.finishForCommit()
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
        statements.finish()
    }

    private func serialized<T: Sendable>(_ sql: String, _ run: () async throws -> T) async throws -> T {
        try await statements.run(sql, translate: { error in
            SQLiteErrorTranslation.translate(error, sql: sql, databaseDescription: databaseDescription, inReadTransaction: mode == .read)
        }, run)
    }
}
