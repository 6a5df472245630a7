import Foundation
import Testing
import TuskCore
import TuskMetadata
import TuskTesting

/// Behaviour of the SQLite store that the shared conformance suite cannot express: files on disk,
/// damage detection and the engine settings.
@Suite(.timeLimit(.minutes(2)))
struct SQLiteDatabaseTests {
    @Test func dataSurvivesCloseAndReopen() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let path = directory.appending("metadata.sqlite")
        let first = try await SQLiteDatabase.open(path: path)
        try await Migrator.migrate(first, PFSSchema.migrations, databaseDescription: first.databaseDescription)
        try await first.write { transaction in
            try await transaction.execute("INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)",
                                          ["default", "the default project", 42])
        }
        try await first.close()

        let second = try await SQLiteDatabase.open(path: path)
        let version = try await Migrator.migrate(second, PFSSchema.migrations, databaseDescription: second.databaseDescription)
        let row = try await second.read { try await $0.query("SELECT * FROM projects")[0] }
        try await second.close()
        #expect(version == 1)
        #expect(try row.string("name") == "default")
        #expect(try row.string("description") == "the default project")
        #expect(try row.int64("created_at") == 42)
    }

    @Test func openCreatesAMissingFile() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let path = directory.appending("new.sqlite")
        #expect(!FileManager.default.fileExists(atPath: path))
        let database = try await SQLiteDatabase.open(path: path)
        try await database.close()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func garbageFileIsRefusedNamingItsPath() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let path = directory.appending("garbage.sqlite")
        let garbage = Data(String(repeating: "this is not a database, just text. ", count: 300).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))

        let error = try await #require(throws: TuskError.self) { try await SQLiteDatabase.open(path: path) }
        #expect(error.code == .dataLoss)
        #expect(error.message.contains(path))
        #expect(error.message.contains("damaged"))
        #expect(error.message.contains("backup"))
    }

    @Test func truncatedFileIsRefusedNamingItsPath() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let path = directory.appending("truncated.sqlite")
        let database = try await SQLiteDatabase.open(path: path)
        try await Migrator.migrate(database, PFSSchema.migrations, databaseDescription: database.databaseDescription)
        try await database.write { transaction in
            for index in 0..<300 {
                try await transaction.execute(
                    "INSERT INTO cluster_settings (key, value) VALUES (?, ?)",
                    [.text("setting-\(index)"), .text(String(repeating: "v", count: 1_000))]
                )
            }
        }
        try await database.close()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count * 2 / 5).write(to: URL(fileURLWithPath: path))

        let error = try await #require(throws: TuskError.self) { try await SQLiteDatabase.open(path: path) }
        #expect(error.code == .dataLoss)
        #expect(error.message.contains(path))
        #expect(error.message.contains("damaged"))
    }

    @Test func missingDirectoryIsRefusedNamingThePath() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let path = directory.appending("no/such/dir/metadata.sqlite")
        let error = try await #require(throws: TuskError.self) { try await SQLiteDatabase.open(path: path) }
        #expect(error.message.contains(path))
    }

    @Test func fileRunsInWriteAheadLoggingModeWithForeignKeys() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let settings = try await database.write { transaction in
            [
                try await transaction.query("PRAGMA journal_mode")[0].string("journal_mode"),
                String(try await transaction.query("PRAGMA foreign_keys")[0].int64("foreign_keys")),
                String(try await transaction.query("PRAGMA synchronous")[0].int64("synchronous")),
            ]
        }
        try await database.close()
        // synchronous: 2 is FULL.
        #expect(settings == ["wal", "1", "2"])
        #expect(database.dialect == .sqlite)
    }

    @Test func readsRunConcurrentlyOnSeparateConnections() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"), maximumReaders: 2)
        let first = AsyncStream<Void>.makeStream()
        let second = AsyncStream<Void>.makeStream()
        // Each read waits inside its transaction for the other to have started: only possible if
        // both are open at the same time.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await database.read { _ in
                    first.continuation.yield()
                    var iterator = second.stream.makeAsyncIterator()
                    _ = await iterator.next()
                }
            }
            group.addTask {
                try await database.read { _ in
                    second.continuation.yield()
                    var iterator = first.stream.makeAsyncIterator()
                    _ = await iterator.next()
                }
            }
            try await group.waitForAll()
        }
        try await database.close()
    }

    @Test func closeWaitsForTheRunningWrite() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-metadata")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let started = AsyncStream<Void>.makeStream()
        async let written: Int = database.write { transaction in
            started.continuation.yield()
            try await transaction.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
            return try await transaction.execute("INSERT INTO t (id) VALUES (1)")
        }
        var iterator = started.stream.makeAsyncIterator()
        _ = await iterator.next()
        try await database.close()
        #expect(try await written == 1)
    }
}
