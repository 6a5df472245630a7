import Testing
import TuskMetadata
import TuskTesting

/// The shared `SQLDatabase` conformance suite, run against SQLite files and in-memory SQLite.
@Suite(.timeLimit(.minutes(2)))
struct SQLiteConformanceTests {
    @Test(arguments: SQLDatabaseConformance.Check.allCases)
    func sqliteFilePassesTheConformanceCheck(_ check: SQLDatabaseConformance.Check) async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        do {
            try await SQLDatabaseConformance.run(check, on: database)
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test(arguments: SQLDatabaseConformance.Check.allCases.filter { !$0.needsConcurrentTransactions })
    func inMemorySQLitePassesTheConformanceCheck(_ check: SQLDatabaseConformance.Check) async throws {
        let database = try await SQLiteDatabase.inMemory()
        do {
            try await SQLDatabaseConformance.run(check, on: database)
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test func sqliteFileWithOneReaderPassesEveryCheck() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        var count = 0
        try await SQLDatabaseConformance.run {
            count += 1
            return try await SQLiteDatabase.open(path: directory.appending("metadata-\(count).sqlite"), maximumReaders: 1)
        }
    }
}
