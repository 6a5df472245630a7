import Testing
import TuskCore
import TuskMetadata
import TuskTesting
@testable import TuskMetadataPostgres

/// Behaviour of the PostgreSQL driver beyond the shared conformance suite: value widths, placeholders
/// in literals, serialization across processes, opening errors, losing the server, and closing.
@Suite(.timeLimit(.minutes(2)))
struct PostgresDatabaseTests {
    @Test func readsEveryIntegerWidthAndNumericSumsAsIntegers() async throws {
        try await TestDatabases.using(try await TestDatabases.fresh()) { database in
            try await database.write { transaction in
                try await transaction.execute("CREATE TABLE widths (small SMALLINT, medium INTEGER, large BIGINT, real_value DOUBLE PRECISION)")
                try await transaction.execute(
                    "INSERT INTO widths VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
                    [1, 2, .integer(Int64.max / 4), 0.5, 3, 4, .integer(Int64.max / 4), 0.25]
                )
            }
            let row = try await database.read { transaction in
                try await transaction.query(
                    """
                    SELECT MIN(small) AS small, MIN(medium) AS medium, MIN(large) AS large,
                           SUM(small) AS small_sum, SUM(medium) AS medium_sum, SUM(large) AS large_sum,
                           COUNT(*) AS rows_counted, SUM(real_value) AS real_sum, AVG(medium) AS medium_average,
                           CAST(7 AS NUMERIC(10, 2)) AS fixed_point, (MIN(small) = 1) AS comparison,
                           MAX(large) + 1 AS arithmetic
                    FROM widths
                    """
                )[0]
            }
            #expect(try row.int64("small") == 1)
            #expect(try row.int64("medium") == 2)
            #expect(try row.int64("large") == Int64.max / 4)
            #expect(try row.int64("small_sum") == 4)
            #expect(try row.int64("medium_sum") == 6)
            #expect(try row.int64("large_sum") == (Int64.max / 4) * 2, "SUM(bigint) is numeric in PostgreSQL")
            #expect(try row.int64("rows_counted") == 2)
            #expect(try row.double("real_sum") == 0.75)
            #expect(try row.double("medium_average") == 3)
            #expect(try row.int64("fixed_point") == 7)
            #expect(try row.bool("comparison"))
            #expect(try row.int64("arithmetic") == Int64.max / 4 + 1)
            let fraction = try await database.read { try await $0.query("SELECT CAST(2.5 AS NUMERIC) AS n")[0] }
            #expect(try fraction.double("n") == 2.5)
        }
    }

    @Test func leavesAQuestionMarkInsideALiteralAlone() async throws {
        try await TestDatabases.using(try await TestDatabases.fresh()) { database in
            let row = try await database.read { transaction in
                try await transaction.query("SELECT 'why?' AS literal, \"v?\".x AS bound FROM (SELECT ? AS x) AS \"v?\"", ["it"])[0]
            }
            #expect(try row.string("literal") == "why?")
            #expect(try row.string("bound") == "it")
            let refused = await #expect(throws: TuskError.self) {
                try await database.read { try await $0.query("SELECT ? AS a, ? AS b", ["only one"]) }
            }
            #expect(refused?.message.contains("2 placeholders but 1 values") == true, "\(refused?.message ?? "")")
        }
    }

    @Test func ordersTextByBytes() async throws {
        try await TestDatabases.using(try await TestDatabases.fresh()) { database in
            try await expectByteOrder(database)
        }
    }

    @Test func acceptsACUTF8DatabaseAndItSortsByBytes() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let name = try PostgresLocation(url: url).database
        try await TestDatabases.runOnServer(
            "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
        let database = try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        try await TestDatabases.using(database) { try await expectByteOrder($0) }
    }

    @Test func refusesADatabaseWithALanguageCollation() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let name = try PostgresLocation(url: url).database
        let server = try PostgresLocation(url: try PostgresTestServer.shared().serverURL)
        let icuCount = try await PostgresServerSetup.withConnection(to: server, logger: TestDatabases.quietLogger) { connection in
            try await PostgresServerSetup.rows(
                connection, "SELECT count(*) AS n FROM pg_collation WHERE collprovider = 'i'", [], location: server,
                logger: TestDatabases.quietLogger
            )[0].int("n")
        }
        try #require(icuCount > 0, "the test server has no ICU collations to create a language-ordered database with")
        try await TestDatabases.runOnServer(
            "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
        let refusal = await #expect(throws: TuskError.self) {
            try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        }
        #expect(refusal?.code == .failedPrecondition)
        for part in ["ICU", "\"en-US\"", "byte by byte", "CREATE DATABASE \"\(name)\"", "LC_COLLATE 'C'", name] {
            #expect(refusal?.message.contains(part) == true, "the refusal \"\(refusal?.message ?? "")\" does not say \(part)")
        }
    }

    @Test func twoInstancesOnOneDatabaseSerializeTheirWrites() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let first = try await PostgresDatabase.open(url: url, createIfMissing: true, logger: TestDatabases.quietLogger)
        let second = try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        try await TestDatabases.using(first) { first in
            try await TestDatabases.using(second) { second in
                try await first.write { transaction in
                    try await transaction.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)")
                    try await transaction.execute("INSERT INTO counter VALUES (1, 0)")
                }
                let perInstance = 25
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for database in [first, second] {
                        for _ in 0..<perInstance {
                            group.addTask {
                                try await database.write { transaction in
                                    // Read, then write: without the advisory lock, two instances read the same value.
                                    let value = try await transaction.query("SELECT value FROM counter WHERE id = 1")[0].int64("value")
                                    try await transaction.execute("UPDATE counter SET value = ? WHERE id = 1", [.integer(value + 1)])
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let final = try await second.read { try await $0.query("SELECT value FROM counter")[0].int64("value") }
                #expect(final == Int64(2 * perInstance))
            }
        }
    }

    @Test func anUnreachableServerIsUnavailableNamingHostAndPort() async throws {
        let refusal = await #expect(throws: TuskError.self) {
            try await PostgresDatabase.open(url: "postgres://tusk@127.0.0.1:1/tusk?sslmode=disable", logger: TestDatabases.quietLogger)
        }
        #expect(refusal?.code == .unavailable)
        let message = refusal?.message ?? ""
        #expect(message.contains("127.0.0.1:1"), "\(message)")
        #expect(message.lowercased().contains("connection refused"), "\(message)")
        #expect(!message.contains("PSQLError("), "\(message)")
    }

    @Test func aMissingDatabaseIsNotFoundAndSaysHowToCreateIt() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let refusal = await #expect(throws: TuskError.self) {
            try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        }
        #expect(refusal?.code == .notFound)
        #expect(refusal?.message.contains("CREATE DATABASE") == true, "\(refusal?.message ?? "")")
    }

    @Test func aLostConnectionIsUnavailableAndTheDatabaseRecovers() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let victim = try await PostgresDatabase.open(url: url, createIfMissing: true, logger: TestDatabases.quietLogger)
        let killer = try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        try await TestDatabases.using(victim) { victim in
            try await TestDatabases.using(killer) { killer in
                let lost = await #expect(throws: TuskError.self) {
                    try await victim.read { transaction in
                        let pid = try await transaction.query("SELECT pg_backend_pid() AS pid")[0].int64("pid")
                        _ = try await killer.read { try await $0.query("SELECT pg_terminate_backend(CAST(? AS INTEGER)) AS done", [.integer(pid)]) }
                        return try await transaction.query("SELECT 1 AS one")
                    }
                }
                #expect(lost?.code == .unavailable, "\(lost?.message ?? "")")
                #expect(lost?.message.contains(victim.location.host + ":" + String(victim.location.port)) == true, "\(lost?.message ?? "")")
                let afterwards = try await victim.read { try await $0.query("SELECT 2 AS two")[0].int64("two") }
                #expect(afterwards == 2)
            }
        }
    }

    @Test func closeWaitsForTheRunningWriteThenRefusesEverything() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let database = try await PostgresDatabase.open(url: url, createIfMissing: true, logger: TestDatabases.quietLogger)
        try await database.write { try await $0.execute("CREATE TABLE items (name TEXT PRIMARY KEY)") }
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        async let written: Void = database.write { transaction in
            try await transaction.execute("INSERT INTO items VALUES ('during close')")
            started.continuation.yield()
            var waiting = release.stream.makeAsyncIterator()
            _ = await waiting.next()
            try await transaction.execute("INSERT INTO items VALUES ('after release')")
        }
        var startedIterator = started.stream.makeAsyncIterator()
        _ = await startedIterator.next()
        async let closed: Void = database.close()
        release.continuation.yield()
        try await written
        try await closed
        let write = await #expect(throws: TuskError.self) { try await database.write { _ in } }
        #expect(write?.code == .unavailable)
        let read = await #expect(throws: TuskError.self) { try await database.read { _ in } }
        #expect(read?.code == .unavailable)
        try await database.close()

        let reopened = try await PostgresDatabase.open(url: url, logger: TestDatabases.quietLogger)
        let names = try await TestDatabases.using(reopened) { database in
            try await database.read { try await $0.query("SELECT name FROM items ORDER BY name").map { try $0.string("name") } }
        }
        #expect(names == ["after release", "during close"])
    }

    /// Byte order: upper case before lower case, punctuation by code, non-ASCII after ASCII, and
    /// range conditions that agree with it.
    private func expectByteOrder(_ database: PostgresDatabase) async throws {
        let names = ["b", "B", "a", "_x", "a b", "ab", "a-b", "10", "9", "é", "z", "~"]
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE names (name TEXT PRIMARY KEY)")
            for name in names { try await transaction.execute("INSERT INTO names VALUES (?)", [.text(name)]) }
        }
        let expected = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let ordered = try await database.read { transaction in
            try await transaction.query("SELECT name FROM names ORDER BY name").map { try $0.string("name") }
        }
        #expect(ordered == expected)
        let after = try await database.read { transaction in
            try await transaction.query("SELECT name FROM names WHERE name > ? ORDER BY name", ["Z"]).map { try $0.string("name") }
        }
        #expect(after == expected.filter { Array($0.utf8).lexicographicallyPrecedes(Array("Z".utf8)) == false && $0 != "Z" })
    }
}
