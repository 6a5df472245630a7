/// The statements a caller may run inside one `SQLDatabase.read` or `SQLDatabase.write`.
///
/// It exists so that the PFS and PPS engines write their queries once, against this protocol,
/// and run unchanged on SQLite and PostgreSQL. Placeholders are `?`; a PostgreSQL implementation
/// rewrites them to `$1`, `$2`, ...
///
/// A transaction is valid only while the body it was handed to runs. A statement that fails
/// aborts the whole transaction (as PostgreSQL does): later statements in it throw, and the body
/// should let the error propagate so everything rolls back. To tolerate a duplicate, write
/// `INSERT ... ON CONFLICT (...) DO NOTHING` and look at the number of rows changed instead.
public protocol SQLTransaction: Sendable {
    /// Runs one statement that returns no rows and reports how many rows it inserted, updated or
    /// deleted (0 for statements that change no rows, such as DDL).
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> Int

    /// Runs one statement and returns all of its rows.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLTransaction {
    /// Runs one statement without bound values.
    @discardableResult
    public func execute(_ sql: String) async throws -> Int {
        try await execute(sql, [])
    }

    /// Runs one query without bound values.
    public func query(_ sql: String) async throws -> [SQLRow] {
        try await query(sql, [])
    }

    /// Runs one query and returns its first row, or nil when it returned none.
    public func queryFirst(_ sql: String, _ binds: [SQLValue] = []) async throws -> SQLRow? {
        try await query(sql, binds).first
    }
}
