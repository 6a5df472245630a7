import Testing
import TuskMetadata
import TuskTesting
@testable import TuskMetadataPostgres

/// The shared `SQLDatabase` conformance suite, run against PostgreSQL, each check on a fresh database.
@Suite(.timeLimit(.minutes(2)))
struct PostgresConformanceTests {
    @Test(arguments: SQLDatabaseConformance.Check.allCases)
    func postgresPassesTheConformanceCheck(_ check: SQLDatabaseConformance.Check) async throws {
        let database = try await TestDatabases.fresh()
        try await TestDatabases.using(database) { try await SQLDatabaseConformance.run(check, on: $0) }
    }

    @Test func postgresWithOneReaderPassesEveryCheck() async throws {
        try await SQLDatabaseConformance.run { try await TestDatabases.fresh(maximumReaders: 1) }
    }

    @Test func tuskSchemaMigratesOnPostgres() async throws {
        let database = try await TestDatabases.fresh()
        try await TestDatabases.using(database) { database in
            let version = try await Migrator.migrate(database, TuskSchema.migrations, databaseDescription: database.databaseDescription)
            #expect(version == TuskSchema.migrations.count)
            let again = try await Migrator.migrate(database, TuskSchema.migrations, databaseDescription: database.databaseDescription)
            #expect(again == version)
        }
    }
}
