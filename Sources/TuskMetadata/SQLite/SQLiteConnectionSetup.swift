internal import SQLiteNIO
import TuskCore

/// Opens SQLite connections and applies the settings each role needs.
///
/// The writer runs in WAL mode (readers keep reading while one writer writes), with
/// `synchronous=FULL` (a commit survives power loss) and foreign keys enforced, and checks the file
/// with `quick_check` before anything else touches it. Readers are `query_only`.
enum SQLiteConnectionSetup {
    /// How long a connection waits for a lock held by another process before failing.
    static let busyTimeoutMilliseconds = 10_000

    enum Storage: Sendable {
        case file(path: String)
        case memory
    }

    /// Opens the connection that runs every write transaction, refusing a damaged file.
    static func openWriter(_ storage: Storage, databaseDescription: String) async throws -> SQLiteConnection {
        let connection = try await openConnection(storage, databaseDescription: databaseDescription)
        do {
            try await run(connection, "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            if case .file = storage {
                let mode = try await run(connection, "PRAGMA journal_mode = WAL").first?.column("journal_mode")?.string
                guard mode?.lowercased() == "wal" else {
                    throw TuskError(
                        .failedPrecondition,
                        "\(databaseDescription) could not be switched to write-ahead logging (journal mode is "
                            + "\(mode ?? "unknown")); keep the data directory on a local file system",
                        location: databaseDescription
                    )
                }
            }
            try await run(connection, "PRAGMA synchronous = FULL")
            try await run(connection, "PRAGMA foreign_keys = ON")
            let problems = try await run(connection, "PRAGMA quick_check").compactMap { $0.columns.first?.data.string }
            if problems != ["ok"] {
                throw damaged(databaseDescription, detail: problems.prefix(3).joined(separator: "; "))
            }
            return connection
        } catch {
            try? await connection.close()
            if SQLiteErrorTranslation.isDamage(error) {
                throw damaged(databaseDescription, detail: SQLiteErrorTranslation.message(of: error), cause: error)
            }
            if let tuskError = error as? TuskError { throw tuskError }
            throw TuskError(
                .internal,
                "could not prepare \(databaseDescription): \(SQLiteErrorTranslation.message(of: error))",
                location: databaseDescription,
                cause: error
            )
        }
    }

    /// Opens a connection for read transactions; it refuses to write.
    static func openReader(path: String, databaseDescription: String) async throws -> SQLiteConnection {
        let connection = try await openConnection(.file(path: path), databaseDescription: databaseDescription)
        do {
            try await run(connection, "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            try await run(connection, "PRAGMA foreign_keys = ON")
            try await run(connection, "PRAGMA query_only = ON")
            return connection
        } catch {
            try? await connection.close()
            throw TuskError(
                .internal,
                "could not open a reader on \(databaseDescription): \(SQLiteErrorTranslation.message(of: error))",
                location: databaseDescription,
                cause: error
            )
        }
    }

    /// Runs one setup statement outside any transaction.
    @discardableResult
    static func run(_ connection: SQLiteConnection, _ sql: String) async throws -> [SQLiteRow] {
        try await connection.query(sql, [])
    }

    private static func openConnection(_ storage: Storage, databaseDescription: String) async throws -> SQLiteConnection {
        let sqliteStorage: SQLiteConnection.Storage
        switch storage {
        case .file(let path): sqliteStorage = .file(path: path)
        case .memory: sqliteStorage = .memory
        }
        do {
            return try await SQLiteConnection.open(storage: sqliteStorage)
        } catch {
            throw TuskError(
                .internal,
                "could not open \(databaseDescription): \(SQLiteErrorTranslation.message(of: error)); "
                    + "check that its directory exists and is writable",
                location: databaseDescription,
                cause: error
            )
        }
    }

    private static func damaged(_ databaseDescription: String, detail: String, cause: (any Error)? = nil) -> TuskError {
        TuskError(
            .dataLoss,
            "\(databaseDescription) is damaged: \(detail); restore it from a backup",
            location: databaseDescription,
            cause: cause
        )
    }
}
