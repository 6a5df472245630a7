/// The metadata store: a SQL database reached only through whole transactions.
///
/// It exists as the seam between the engines (PFS, PPS) and the SQL engine underneath: SQLite in
/// the embedded mode, PostgreSQL when scaled out. Every implementation passes the shared
/// conformance suite in `TuskTesting` (`SQLDatabaseConformance`).
///
/// Errors thrown by statements are `TuskError`s: a unique or primary-key violation is
/// `.alreadyExists`, a foreign-key violation `.failedPrecondition`, anything else `.internal` with
/// the engine's error as the cause. Errors thrown by a body pass through unchanged.
///
/// Transactions do not nest: opening a transaction on a database from inside a body that already
/// holds one on the same database throws `.failedPrecondition` (it would deadlock, or read a
/// snapshot that misses the enclosing transaction's own writes). Pass the open transaction down.
public protocol SQLDatabase: Sendable {
    /// The engine behind this database.
    var dialect: SQLDialect { get }

    /// Runs `body` in one write transaction: all of it commits or none of it does (it rolls back
    /// when `body` throws). Write transactions are serialized: one runs at a time, in the order
    /// they asked.
    func write<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T

    /// Runs `body` against a consistent read snapshot taken when it starts; it may run
    /// concurrently with writes and other reads, and it never sees writes committed after it
    /// started. Statements that write are refused.
    func read<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T

    /// Waits for the running write transaction, then closes every connection. Transactions
    /// requested afterwards throw `.unavailable`. Closing twice is harmless.
    func close() async throws
}
