import Logging
import TuskMetadata
import TuskTesting
@testable import TuskMetadataPostgres

/// Fresh PostgreSQL databases for tests, on the shared test server.
enum TestDatabases {
    static let quietLogger = Logger(label: "tusk.metadata.postgres.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A new, empty database of its own, created with the collation Tusk needs.
    static func fresh(maximumReaders: Int = 4) async throws -> PostgresDatabase {
        try await PostgresDatabase.open(
            url: try PostgresTestServer.freshDatabaseURL(), createIfMissing: true, maximumReaders: maximumReaders,
            logger: quietLogger
        )
    }

    /// Runs `sql` outside any transaction on the server's maintenance database (for
    /// `CREATE DATABASE` with settings of a test's choosing).
    static func runOnServer(_ sql: String) async throws {
        let location = try PostgresLocation(url: try PostgresTestServer.shared().serverURL)
        _ = try await PostgresServerSetup.withConnection(to: location, logger: quietLogger) { connection in
            try await PostgresServerSetup.rows(connection, sql, [], location: location, logger: quietLogger)
        }
    }

    /// Runs `body` on `database` and closes it afterwards, also when `body` throws.
    static func using<T>(_ database: PostgresDatabase, _ body: (PostgresDatabase) async throws -> T) async throws -> T {
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }
}
