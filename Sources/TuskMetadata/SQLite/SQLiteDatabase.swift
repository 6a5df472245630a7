internal import SQLiteNIO
import TuskCore

/// The embedded metadata store: a `SQLDatabase` in one SQLite file.
///
/// It exists for the single-machine mode, where the metadata lives beside the object store in the
/// data directory. One writer connection runs every write transaction, one at a time in arrival
/// order (`BEGIN IMMEDIATE` ... `COMMIT`); read transactions run on a small pool of `query_only`
/// connections, each on its own WAL snapshot, so reads never wait for writes. The file is checked
/// with `PRAGMA quick_check` when it is opened and refused if damaged.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect: SQLDialect = .sqlite
    /// The file this database lives in, or `:memory:`.
    public let path: String
    /// How errors name this database: `metadata database <path>`.
    public let databaseDescription: String

    private let writer: SQLiteConnection
    private let writeGate = SerialGate()
    /// Read connections; nil for an in-memory database, whose reads share the writer.
    private let readers: SQLiteReaderPool?

    private init(path: String, writer: SQLiteConnection, readers: SQLiteReaderPool?) {
        self.path = path
        self.databaseDescription = "metadata database \(path)"
        self.writer = writer
        self.readers = readers
    }

    /// A database dropped without `close()` closes its writer in the background.
    deinit {
        if !writer.isClosed { _ = writer.close() }
    }

    /// Opens (creating it if missing) the database file at `path`. At most `maximumReaders` read
    /// transactions run at once; more wait for a free connection.
    public static func open(path: String, maximumReaders: Int = 4) async throws -> SQLiteDatabase {
        let description = "metadata database \(path)"
        let writer = try await SQLiteConnectionSetup.openWriter(.file(path: path), databaseDescription: description)
        let readers = SQLiteReaderPool(path: path, databaseDescription: description, maximumCount: maximumReaders)
        return SQLiteDatabase(path: path, writer: writer, readers: readers)
    }

    /// A private database in memory, for tests. It has a single connection, so its reads take
    /// turns with its writes (a read still sees only committed data).
    public static func inMemory() async throws -> SQLiteDatabase {
        let path = ":memory:"
        let writer = try await SQLiteConnectionSetup.openWriter(.memory, databaseDescription: "metadata database \(path)")
        return SQLiteDatabase(path: path, writer: writer, readers: nil)
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try TransactionNesting.check(self, databaseDescription: databaseDescription)
        return try await CancellationShield.run(body) { body in
            guard await self.writeGate.enter() else { throw self.closedError() }
            let outcome = await self.run(body, on: self.writer, mode: .write)
            await self.writeGate.leave()
            return try outcome.result.get()
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try TransactionNesting.check(self, databaseDescription: databaseDescription)
        return try await CancellationShield.run(body) { body in
            guard let readers = self.readers else { return try await self.readOnWriter(body) }
            let connection = try await readers.checkOut()
            let outcome = await self.run(body, on: connection, mode: .read)
            await readers.checkIn(connection, healthy: outcome.connectionHealthy)
            return try outcome.result.get()
        }
    }

    public func close() async throws {
        if await writeGate.enter() {
            try? await writer.close()
            await writeGate.leaveAndClose()
        }
        await readers?.close()
    }

    /// A read on the in-memory database: it takes the writer's turn and forbids writing meanwhile.
    private func readOnWriter<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        guard await writeGate.enter() else { throw closedError() }
        let outcome: Result<T, any Error>
        do {
            try await SQLiteConnectionSetup.run(writer, "PRAGMA query_only = ON")
            outcome = await run(body, on: writer, mode: .read).result
            try await SQLiteConnectionSetup.run(writer, "PRAGMA query_only = OFF")
        } catch {
            await writeGate.leave()
            throw TuskError(
                .internal,
                "could not switch \(databaseDescription) between reading and writing",
                location: databaseDescription,
                cause: error
            )
        }
        await writeGate.leave()
        return try outcome.get()
    }

    /// Runs `body` in one transaction on `connection`: commit on return, roll back on throw. Also
    /// says whether the connection is still usable (false when even the rollback failed).
    private func run<T: Sendable>(
        _ body: @Sendable (any SQLTransaction) async throws -> T,
        on connection: SQLiteConnection,
        mode: SQLiteTransaction.Mode
    ) async -> (result: Result<T, any Error>, connectionHealthy: Bool) {
        let transaction: SQLiteTransaction
        do {
            transaction = try await SQLiteTransaction.begin(
                on: connection, mode: mode, databaseDescription: databaseDescription
            )
        } catch {
            return (.failure(error), true)
        }
        do {
            let value = try await TransactionNesting.withOpenTransaction(self) {
                try await body(transaction)
            }
            try await transaction.commit()
            return (.success(value), true)
        } catch {
            let rolledBack = await transaction.rollback()
            return (.failure(error), rolledBack)
        }
    }

    private func closedError() -> TuskError {
        TuskError(.unavailable, "\(databaseDescription) is closed", location: databaseDescription)
    }
}
