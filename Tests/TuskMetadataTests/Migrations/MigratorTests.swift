import Testing
import TuskCore
import TuskMetadata

@Suite struct MigratorTests {
    @Test func migrationVersionsWithAGapAreRefused() async throws {
        let database = try await SQLiteDatabase.inMemory()
        let migrations = [
            Migration(version: 1, name: "one", statements: ["CREATE TABLE one (id INTEGER PRIMARY KEY)"]),
            Migration(version: 3, name: "three", statements: ["CREATE TABLE three (id INTEGER PRIMARY KEY)"]),
        ]
        let error = try await #require(throws: TuskError.self) {
            try await Migrator.migrate(database, migrations, databaseDescription: "test database")
        }
        try await database.close()
        #expect(error.code == .internal)
        #expect(error.message.contains("three"))
    }

    @Test func appliedAtRecordsTheInjectedClock() async throws {
        let database = try await SQLiteDatabase.inMemory()
        try await Migrator.migrate(database, PFSSchema.migrations, databaseDescription: "test database", now: { 1_234 })
        let appliedAt = try await database.read { try await $0.query("SELECT applied_at FROM schema_migrations")[0].int64("applied_at") }
        try await database.close()
        #expect(appliedAt == 1_234)
    }

    @Test func failingMigrationLeavesTheEarlierVersionIntact() async throws {
        let database = try await SQLiteDatabase.inMemory()
        let migrations = [
            Migration(version: 1, name: "one", statements: ["CREATE TABLE one (id INTEGER PRIMARY KEY)"]),
            Migration(version: 2, name: "broken", statements: [
                "CREATE TABLE two (id INTEGER PRIMARY KEY)",
                "THIS IS NOT SQL",
            ]),
        ]
        await #expect(throws: TuskError.self) {
            try await Migrator.migrate(database, migrations, databaseDescription: "test database")
        }
        let state = try await database.read { transaction in
            (
                try await transaction.query("SELECT version FROM schema_migrations").map { try $0.int("version") },
                try await transaction.query("SELECT name FROM sqlite_master WHERE name = 'two'").count
            )
        }
        try await database.close()
        #expect(state.0 == [1])
        #expect(state.1 == 0)
    }

    @Test func pfsSchemaHasExactlyTheDocumentedTables() async throws {
        let database = try await SQLiteDatabase.inMemory()
        try await Migrator.migrate(database, PFSSchema.migrations, databaseDescription: "test database")
        let tables = try await database.read { transaction in
            try await transaction.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { try $0.string("name") }
        }
        try await database.close()
        #expect(tables == [
            "branch_provenance", "branches", "cluster_settings", "commit_provenance", "commits", "projects", "repos",
            "schema_migrations",
        ])
    }
}
