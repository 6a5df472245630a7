import Logging
import PostgresNIO
import Synchronization
import TuskCore
import TuskMetadata

/// One open transaction on one PostgreSQL connection, as handed to a `read` or `write` body.
///
/// Its statements follow `TransactionStatements`: one at a time, none after the body returned,
/// none after a failure (the server has aborted the transaction by then, and a later `COMMIT`
/// would silently roll back, so `commit` throws instead).
final class PostgresTransaction: SQLTransaction {
    enum Mode: Sendable {
        case read
        case write
    }

    /// The key of the advisory lock every write transaction takes first, so writes from every
    /// process sharing the database run one at a time ("tuskmeta" in ASCII).
    static let writeLockKey: Int64 = 0x7475_736B_6D65_7461

    let mode: Mode
    private let connection: PostgresConnection
    private let location: PostgresLocation
    private let rewriter: PlaceholderRewriter
    private let logger: Logger
    private let statements: TransactionStatements

    private init(connection: PostgresConnection, mode: Mode, location: PostgresLocation, rewriter: PlaceholderRewriter, logger: Logger) {
        self.connection = connection
        self.mode = mode
        self.location = location
        self.rewriter = rewriter
        self.logger = logger
        self.statements = TransactionStatements(databaseDescription: "metadata database \(location)")
    }

    /// Begins a transaction on `connection`. A write runs at `READ COMMITTED` and first takes the
    /// database-wide advisory write lock (held until it commits or rolls back; under it every
    /// statement sees every earlier write). A read is a `REPEATABLE READ READ ONLY` snapshot,
    /// pinned at once by a first statement.
    static func begin(
        on connection: PostgresConnection,
        mode: Mode,
        location: PostgresLocation,
        rewriter: PlaceholderRewriter,
        logger: Logger
    ) async throws -> PostgresTransaction {
        let statements: [String]
        switch mode {
        case .write:
            statements = ["BEGIN ISOLATION LEVEL READ COMMITTED", "SELECT pg_advisory_xact_lock(\(writeLockKey))"]
        case .read:
            statements = ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SELECT 1"]
        }
        var began = false
        for sql in statements {
            do {
                _ = try await send(PostgresQuery(unsafeSQL: sql), on: connection, logger: logger)
                began = true
            } catch {
                if began {
                    _ = try? await send(PostgresQuery(unsafeSQL: "ROLLBACK"), on: connection, logger: logger)
                }
                throw PostgresErrorTranslation.translate(error, sql: sql, location: location)
            }
        }
        return PostgresTransaction(connection: connection, mode: mode, location: location, rewriter: rewriter, logger: logger)
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> Int {
        try await serialized(sql) {
            let result = try await run(sql, binds)
            switch result.metadata.command {
            case "INSERT", "UPDATE", "DELETE", "MERGE": return result.metadata.rows ?? 0
            default: return 0
            }
        }
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await serialized(sql) {
            try SQLRow.rows(from: try await run(sql, binds).rows)
        }
    }

    /// Commits, unless a statement failed earlier; then it throws and the caller rolls back.
    func commit() async throws {
        try statements.finishForCommit()
        do {
            _ = try await Self.send(PostgresQuery(unsafeSQL: "COMMIT"), on: connection, logger: logger)
        } catch {
            throw PostgresErrorTranslation.translate(error, sql: "COMMIT", location: location)
        }
    }

    /// Rolls back; returns false when even that failed, so the connection should be discarded.
    func rollback() async -> Bool {
        finish()
        do {
            _ = try await Self.send(PostgresQuery(unsafeSQL: "ROLLBACK"), on: connection, logger: logger)
            return true
        } catch {
            return false
        }
    }

    /// Refuses any further statement, for a transaction object kept beyond its body.
    func finish() {
        statements.finish()
    }

    private func run(_ sql: String, _ binds: [SQLValue]) async throws -> PostgresQueryResult {
        let rewritten = rewriter.rewrite(sql)
        guard rewritten.parameterCount == binds.count else {
            throw TuskError.internal(
                "\(TransactionStatements.summary(of: sql)) has \(rewritten.parameterCount) placeholders but "
                    + "\(binds.count) values were bound"
            )
        }
        return try await Self.send(PostgresQuery(unsafeSQL: rewritten.sql, binds: PostgresBindings(binds)), on: connection, logger: logger)
    }

    /// Runs one query, failing it when the connection closes first: postgres-nio (1.33.2) leaves a
    /// query waiting forever when the server ends the session (`pg_terminate_backend`, a server
    /// shutdown) while the connection sits idle inside a transaction.
    static func send(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> PostgresQueryResult {
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let settled = Mutex(false)
        let settle: @Sendable (Result<PostgresQueryResult, any Error>) -> Void = { result in
            guard settled.withLock({ done in
                defer { done = true }
                return !done
            }) else { return }
            promise.completeWith(result)
        }
        connection.query(query, logger: logger).whenComplete(settle)
        connection.closeFuture.whenComplete { _ in settle(.failure(ConnectionClosed())) }
        return try await promise.futureResult.get()
    }

    private func serialized<T: Sendable>(_ sql: String, _ run: () async throws -> T) async throws -> T {
        try await statements.run(sql, translate: { PostgresErrorTranslation.translate($0, sql: sql, location: location) }, run)
    }
}

/// The connection closed while a statement was waiting for its result.
struct ConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection closed" }
}
