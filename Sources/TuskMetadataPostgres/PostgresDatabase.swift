import Logging
import PostgresNIO
import TuskCore
import TuskMetadata

/// The scaled-out metadata store: a `SQLDatabase` in a PostgreSQL database that several Tusk
/// daemons and workers share.
///
/// It exists so that PFS and PPS run unchanged on a server-side database. Write transactions are
/// serialized across every process sharing the database: each takes the transaction-scoped
/// advisory lock `PostgresTransaction.writeLockKey` as its first statement, and within one process
/// writes also queue on a gate first, so a process holds at most one connection waiting for that
/// lock. Reads are `REPEATABLE READ READ ONLY` snapshots on a pool of connections and run
/// concurrently with writes. The database must order text byte by byte (see `PostgresServerSetup`);
/// `open` checks that and refuses any other.
public final class PostgresDatabase: SQLDatabase {
    public let dialect: SQLDialect = .postgres
    /// Where the database is (its description carries no password).
    public let location: PostgresLocation
    /// How errors name this database: `metadata database postgres://user@host:port/name`.
    public let databaseDescription: String

    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let writeGate = SerialGate()
    private let reads: ReadTracker
    private let rewriter = PlaceholderRewriter()
    private let logger: Logger

    private init(location: PostgresLocation, client: PostgresClient, runTask: Task<Void, Never>, logger: Logger) {
        self.location = location
        self.databaseDescription = "metadata database \(location)"
        self.client = client
        self.runTask = runTask
        self.reads = ReadTracker(databaseDescription: "metadata database \(location)")
        self.logger = logger
    }

    /// A database dropped without `close()` stops its pool in the background.
    deinit {
        runTask.cancel()
    }

    /// Opens the database at `url` (`postgres://user[:password]@host[:port]/database[?sslmode=...]`).
    ///
    /// It connects once first, so an unreachable server or a refused login fails here, at once,
    /// with host, port and reason. With `createIfMissing`, a missing database is created with the
    /// byte-order collation Tusk needs. At most `maximumReaders` read transactions run at once.
    public static func open(
        url: String,
        createIfMissing: Bool = false,
        maximumReaders: Int = 4,
        logger: Logger = Logger(label: "tusk.metadata.postgres")
    ) async throws -> PostgresDatabase {
        try await open(
            PostgresLocation(url: url), createIfMissing: createIfMissing, maximumReaders: maximumReaders, logger: logger
        )
    }

    /// Opens the database at `location`; see `open(url:createIfMissing:maximumReaders:logger:)`.
    public static func open(
        _ location: PostgresLocation,
        createIfMissing: Bool = false,
        maximumReaders: Int = 4,
        logger: Logger = Logger(label: "tusk.metadata.postgres")
    ) async throws -> PostgresDatabase {
        let check: @Sendable () async throws -> Void = {
            try await PostgresServerSetup.withConnection(to: location, logger: logger) { connection in
                try await PostgresServerSetup.checkOrdering(connection, location: location, logger: logger)
            }
        }
        do {
            try await check()
        } catch let error as TuskError where error.code == .notFound && createIfMissing {
            // Only a missing database sends us to the maintenance database, which a restricted
            // user may not be allowed to reach.
            try await PostgresServerSetup.createDatabaseIfMissing(location, logger: logger)
            try await check()
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: location.password, database: location.database, tls: .disable
        )
        let tlsSettings = PostgresServerSetup.tlsConfiguration(location.tlsMode)
        switch location.tlsMode {
        case .disable: configuration.tls = .disable
        case .prefer: configuration.tls = .prefer(tlsSettings)
        case .require, .verifyCA, .verifyFull: configuration.tls = .require(tlsSettings)
        }
        configuration.options.connectTimeout = .seconds(10)
        // One connection for the write in progress (writes queue on the gate before leasing one)
        // and the readers.
        configuration.options.maximumConnections = max(1, maximumReaders) + 1
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        return PostgresDatabase(location: location, client: client, runTask: runTask, logger: logger)
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try TransactionNesting.check(self, databaseDescription: databaseDescription)
        return try await CancellationShield.run(body) { body in
            guard await self.writeGate.enter() else { throw self.closedError() }
            let result = await self.run(body, mode: .write)
            await self.writeGate.leave()
            return try result.get()
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try TransactionNesting.check(self, databaseDescription: databaseDescription)
        return try await CancellationShield.run(body) { body in
            try await self.reads.begin()
            let result = await self.run(body, mode: .read)
            await self.reads.end()
            return try result.get()
        }
    }

    /// Waits for the running write and the running reads, then stops the pool, which closes
    /// every connection. Later transactions throw `.unavailable`.
    public func close() async throws {
        if await writeGate.enter() {
            await writeGate.leaveAndClose()
        }
        await reads.close()
        runTask.cancel()
        await runTask.value
    }

    /// Leases a connection and runs `body` in one transaction on it: commit on return, roll back
    /// on throw. A connection whose transaction could not be ended is closed, so the pool drops it.
    private func run<T: Sendable>(
        _ body: @Sendable (any SQLTransaction) async throws -> T,
        mode: PostgresTransaction.Mode
    ) async -> Result<T, any Error> {
        do {
            return try await client.withConnection { connection in
                let transaction = try await PostgresTransaction.begin(
                    on: connection, mode: mode, location: location, rewriter: rewriter, logger: logger
                )
                do {
                    let value = try await TransactionNesting.withOpenTransaction(self) {
                        try await body(transaction)
                    }
                    try await transaction.commit()
                    return .success(value)
                } catch {
                    if await !transaction.rollback() {
                        try? await connection.close()
                    }
                    return .failure(error)
                }
            }
        } catch {
            // Errors of the body and of the transaction's statements are TuskErrors already;
            // anything else comes from the pool failing to lease a connection.
            if let tuskError = error as? TuskError { return .failure(tuskError) }
            let action = "a \(mode == .write ? "write" : "read") transaction could not start"
            return .failure(
                PostgresErrorTranslation.unavailableError(error, doing: action, location: location)
                    ?? TuskError(
                        .unavailable,
                        "\(action): no connection to the PostgreSQL server \(location.host):\(location.port) "
                            + "(\(PostgresErrorTranslation.describe(error)))",
                        location: databaseDescription,
                        cause: error
                    )
            )
        }
    }

    private func closedError() -> TuskError {
        TuskError(.unavailable, "\(databaseDescription) is closed", location: databaseDescription)
    }
}
