import Logging
import PostgresNIO
import Synchronization
import TuskCore
import TuskMetadata

/// One open transaction on one PostgreSQL connection, as handed to a `read` or `write` body.
///
/// Its statements run one at a time (a body may start several concurrently; they queue). It
/// refuses statements once the body has returned, and once any statement in it has failed: the
/// server has aborted the transaction by then, and a later `COMMIT` would silently roll back, so
/// the failure is remembered here and `commit` throws instead.
final class PostgresTransaction: SQLTransaction {
    enum Mode: Sendable {
        case read
        case write
    }

    private struct State: Sendable {
        var isFinished = false
        var failure: TuskError?
    }

    /// The key of the advisory lock every write transaction takes first, so writes from every
    /// process sharing the database run one at a time ("tuskmeta" in ASCII).
    static let writeLockKey: Int64 = 0x7475_736B_6D65_7461

    let mode: Mode
    private let connection: PostgresConnection
    private let location: PostgresLocation
    private let rewriter: PlaceholderRewriter
    private let logger: Logger
    private let statementGate = SerialGate()
    private let state = Mutex(State())

    private init(connection: PostgresConnection, mode: Mode, location: PostgresLocation, rewriter: PlaceholderRewriter, logger: Logger) {
        self.connection = connection
        self.mode = mode
        self.location = location
        self.rewriter = rewriter
        self.logger = logger
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
        finish()
        if let failure = state.withLock({ $0.failure }) {
            throw TuskError(
                .internal,
                "the transaction on metadata database \(location) was rolled back: a statement in it failed "
                    + "(\(failure.message)) and the body carried on; a failed statement aborts the whole "
                    + "transaction, so let its error propagate, or use ON CONFLICT ... DO NOTHING",
                location: "metadata database \(location)",
                cause: failure
            )
        }
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
        state.withLock { $0.isFinished = true }
    }

    private func run(_ sql: String, _ binds: [SQLValue]) async throws -> PostgresQueryResult {
        let rewritten = rewriter.rewrite(sql)
        guard rewritten.parameterCount == binds.count else {
            throw TuskError.internal(
                "\(PostgresErrorTranslation.summary(of: sql)) has \(rewritten.parameterCount) placeholders but "
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
        try checkUsable(sql)
        _ = await statementGate.enter()
        do {
            try checkUsable(sql)
            let result = try await run()
            await statementGate.leave()
            return result
        } catch {
            await statementGate.leave()
            let translated = PostgresErrorTranslation.translate(error, sql: sql, location: location)
            state.withLock { state in
                if state.failure == nil, !state.isFinished { state.failure = translated }
            }
            throw translated
        }
    }

    private func checkUsable(_ sql: String) throws {
        let (isFinished, failure) = state.withLock { ($0.isFinished, $0.failure) }
        let operation = PostgresErrorTranslation.summary(of: sql)
        let databaseName = "metadata database \(location)"
        if isFinished {
            throw TuskError(
                .internal,
                "\(operation) was not run: its transaction on \(databaseName) has already ended; "
                    + "use a transaction only inside the body it was handed to",
                location: databaseName
            )
        }
        if let failure {
            throw TuskError(
                .internal,
                "\(operation) was not run: an earlier statement in the same transaction failed "
                    + "(\(failure.message)); a failed statement aborts the whole transaction, so let its error "
                    + "propagate, or use ON CONFLICT ... DO NOTHING",
                location: databaseName,
                cause: failure
            )
        }
    }
}

/// The connection closed while a statement was waiting for its result.
struct ConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection closed" }
}
