import TuskCore
import TuskMetadata

/// The behaviour every `SQLDatabase` must have, as a suite each implementation's tests run
/// (SQLite now, PostgreSQL later), so the engines cannot drift apart.
///
/// Each check wants a fresh, empty database and leaves it open (except `closeRefusesLaterTransactions`);
/// `run(_:makeDatabase:)` opens one per check and closes it afterwards. A failed check throws a
/// `SQLDatabaseConformance.Failure` naming the check and what differed.
public enum SQLDatabaseConformance {
    /// A failed conformance check.
    public struct Failure: Error, CustomStringConvertible {
        public let check: Check
        public let message: String
        public var description: String { "SQL database conformance check \"\(check.rawValue)\" failed: \(message)" }
    }

    /// The checks, in the order `run` performs them.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        case commitMakesWritesVisible
        case throwInsideWriteRollsBackEverything
        case failedStatementAbortsTheTransaction
        case readSnapshotIsIsolatedFromConcurrentWrite
        case concurrentWritersAreSerialized
        case uniqueViolationIsAlreadyExists
        case foreignKeyViolationIsFailedPrecondition
        case readRefusesToWrite
        case nestedTransactionIsRefused
        case transactionKeptBeyondItsBodyIsRefused
        case executeCountsChangedRows
        case nullValuesRoundTrip
        case valuesRoundTrip
        case largeTextRoundTrips
        case migrationsApplyOnceAndAreIdempotent
        case newerSchemaIsRefusedUntouched
        case pfsSchemaHoldsItsConstraints
        case closeRefusesLaterTransactions

        public var description: String { rawValue }

        /// Whether the check needs a read and a write (or two reads) to be open at the same time,
        /// which a single-connection database cannot offer.
        public var needsConcurrentTransactions: Bool {
            self == .readSnapshotIsIsolatedFromConcurrentWrite
        }
    }

    /// Runs `checks` (all by default), each on a new database from `makeDatabase`, closing it afterwards.
    public static func run(
        _ checks: [Check] = Check.allCases,
        makeDatabase: () async throws -> any SQLDatabase
    ) async throws {
        for check in checks {
            let database = try await makeDatabase()
            do {
                try await run(check, on: database)
                try await database.close()
            } catch {
                try? await database.close()
                throw error
            }
        }
    }

    /// Runs one check on `database`, which must be empty.
    public static func run(_ check: Check, on database: any SQLDatabase) async throws {
        switch check {
        case .commitMakesWritesVisible: try await commitMakesWritesVisible(database)
        case .throwInsideWriteRollsBackEverything: try await throwInsideWriteRollsBackEverything(database)
        case .failedStatementAbortsTheTransaction: try await failedStatementAbortsTheTransaction(database)
        case .readSnapshotIsIsolatedFromConcurrentWrite: try await readSnapshotIsIsolatedFromConcurrentWrite(database)
        case .concurrentWritersAreSerialized: try await concurrentWritersAreSerialized(database)
        case .uniqueViolationIsAlreadyExists: try await uniqueViolationIsAlreadyExists(database)
        case .foreignKeyViolationIsFailedPrecondition: try await foreignKeyViolationIsFailedPrecondition(database)
        case .readRefusesToWrite: try await readRefusesToWrite(database)
        case .nestedTransactionIsRefused: try await nestedTransactionIsRefused(database)
        case .transactionKeptBeyondItsBodyIsRefused: try await transactionKeptBeyondItsBodyIsRefused(database)
        case .executeCountsChangedRows: try await executeCountsChangedRows(database)
        case .nullValuesRoundTrip: try await nullValuesRoundTrip(database)
        case .valuesRoundTrip: try await valuesRoundTrip(database)
        case .largeTextRoundTrips: try await largeTextRoundTrips(database)
        case .migrationsApplyOnceAndAreIdempotent: try await migrationsApplyOnceAndAreIdempotent(database)
        case .newerSchemaIsRefusedUntouched: try await newerSchemaIsRefusedUntouched(database)
        case .pfsSchemaHoldsItsConstraints: try await pfsSchemaHoldsItsConstraints(database)
        case .closeRefusesLaterTransactions: try await closeRefusesLaterTransactions(database)
        }
    }

    // MARK: Transactions

    public static func commitMakesWritesVisible(_ database: any SQLDatabase) async throws {
        let check = Check.commitMakesWritesVisible
        try await createItems(database)
        try await database.write { transaction in
            try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["a", 1])
            try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["b", 2])
        }
        let names = try await itemNames(database)
        try expect(names == ["a", "b"], check, "after commit a read saw \(names), expected [a, b]")
    }

    public static func throwInsideWriteRollsBackEverything(_ database: any SQLDatabase) async throws {
        let check = Check.throwInsideWriteRollsBackEverything
        try await createItems(database)
        struct BodyFailed: Error {}
        do {
            try await database.write { transaction in
                try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["a", 1])
                try await transaction.execute("UPDATE items SET amount = 5")
                throw BodyFailed()
            }
            throw Failure(check: check, message: "write returned although its body threw")
        } catch is BodyFailed {}
        let names = try await itemNames(database)
        try expect(names.isEmpty, check, "a read after the rolled-back write saw \(names)")
    }

    public static func failedStatementAbortsTheTransaction(_ database: any SQLDatabase) async throws {
        let check = Check.failedStatementAbortsTheTransaction
        try await createItems(database)
        try await insertItem(database, "taken", 1)
        do {
            try await database.write { transaction in
                try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["new", 1])
                do {
                    try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["taken", 2])
                } catch {}
                try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", ["later", 3])
            }
            throw Failure(check: check, message: "a body that carried on after a failed statement committed")
        } catch is TuskError {}
        let names = try await itemNames(database)
        try expect(names == ["taken"], check, "after the aborted transaction a read saw \(names), expected [taken]")
    }

    public static func readSnapshotIsIsolatedFromConcurrentWrite(_ database: any SQLDatabase) async throws {
        let check = Check.readSnapshotIsIsolatedFromConcurrentWrite
        try await createItems(database)
        try await insertItem(database, "counter", 1)
        let readerStarted = AsyncStream<Void>.makeStream()
        let writerFinished = AsyncStream<Void>.makeStream()
        let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
            group.addTask {
                try await database.read { transaction in
                    let before = try await amount(transaction, "counter")
                    readerStarted.continuation.yield()
                    var waiting = writerFinished.stream.makeAsyncIterator()
                    _ = await waiting.next()
                    let after = try await amount(transaction, "counter")
                    return [before, after]
                }
            }
            group.addTask {
                var waiting = readerStarted.stream.makeAsyncIterator()
                _ = await waiting.next()
                try await database.write { transaction in
                    try await transaction.execute("UPDATE items SET amount = 2 WHERE name = 'counter'")
                }
                writerFinished.continuation.yield()
                return []
            }
            var results: [[Int64]] = []
            while let result = try await group.next() { results.append(result) }
            return results.first { !$0.isEmpty } ?? []
        }
        try expect(seen == [1, 1], check, "a read open across a committed write saw \(seen), expected [1, 1]")
        let afterwards = try await database.read { try await amount($0, "counter") }
        try expect(afterwards == 2, check, "a read started after the write saw \(afterwards), expected 2")
    }

    public static func concurrentWritersAreSerialized(_ database: any SQLDatabase) async throws {
        let check = Check.concurrentWritersAreSerialized
        try await createItems(database)
        try await insertItem(database, "counter", 0)
        let writers = 50
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    try await database.write { transaction in
                        // Read, then write: without serialization two writers read the same value.
                        let current = try await amount(transaction, "counter")
                        try await transaction.execute(
                            "UPDATE items SET amount = ? WHERE name = 'counter'", [.integer(current + 1)]
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await database.read { try await amount($0, "counter") }
        try expect(final == Int64(writers), check, "\(writers) concurrent increments ended at \(final)")
    }

    public static func uniqueViolationIsAlreadyExists(_ database: any SQLDatabase) async throws {
        let check = Check.uniqueViolationIsAlreadyExists
        try await createItems(database)
        try await insertItem(database, "a", 1)
        let primaryKey = try await expectError(check, .alreadyExists, "a duplicate primary key") {
            try await insertItem(database, "a", 2)
        }
        try expect(primaryKey.message.contains("INSERT"), check, "the message \"\(primaryKey.message)\" names no operation")
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)")
            try await transaction.execute("INSERT INTO labels (id, label) VALUES (1, 'x')")
        }
        _ = try await expectError(check, .alreadyExists, "a duplicate UNIQUE column") {
            try await database.write { transaction in
                try await transaction.execute("INSERT INTO labels (id, label) VALUES (2, 'x')")
            }
        }
        let ignored = try await database.write { transaction in
            try await transaction.execute("INSERT INTO items (name, amount) VALUES ('a', 3) ON CONFLICT (name) DO NOTHING")
        }
        try expect(ignored == 0, check, "ON CONFLICT DO NOTHING reported \(ignored) changed rows, expected 0")
    }

    public static func foreignKeyViolationIsFailedPrecondition(_ database: any SQLDatabase) async throws {
        let check = Check.foreignKeyViolationIsFailedPrecondition
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE owners (name TEXT PRIMARY KEY)")
            try await transaction.execute(
                "CREATE TABLE pets (name TEXT PRIMARY KEY, owner TEXT NOT NULL REFERENCES owners(name))"
            )
            try await transaction.execute("INSERT INTO owners (name) VALUES ('ann')")
        }
        _ = try await expectError(check, .failedPrecondition, "a row referring to a missing row") {
            try await database.write { try await $0.execute("INSERT INTO pets (name, owner) VALUES ('rex', 'bob')") }
        }
        try await database.write { try await $0.execute("INSERT INTO pets (name, owner) VALUES ('rex', 'ann')") }
        _ = try await expectError(check, .failedPrecondition, "deleting a row others refer to") {
            try await database.write { try await $0.execute("DELETE FROM owners WHERE name = 'ann'") }
        }
    }

    public static func readRefusesToWrite(_ database: any SQLDatabase) async throws {
        let check = Check.readRefusesToWrite
        try await createItems(database)
        _ = try await expectError(check, .failedPrecondition, "an INSERT inside read") {
            try await database.read { transaction in
                try await transaction.execute("INSERT INTO items (name, amount) VALUES ('a', 1)")
            }
        }
        let names = try await itemNames(database)
        try expect(names.isEmpty, check, "the refused INSERT left rows \(names)")
    }

    public static func nestedTransactionIsRefused(_ database: any SQLDatabase) async throws {
        let check = Check.nestedTransactionIsRefused
        try await createItems(database)
        _ = try await expectError(check, .failedPrecondition, "a write inside a write") {
            try await database.write { _ in try await database.write { _ in } }
        }
        _ = try await expectError(check, .failedPrecondition, "a read inside a write") {
            try await database.write { _ in try await database.read { _ in } }
        }
        _ = try await expectError(check, .failedPrecondition, "a read inside a read") {
            try await database.read { _ in try await database.read { _ in } }
        }
        // The database is still usable afterwards.
        try await insertItem(database, "a", 1)
    }

    public static func transactionKeptBeyondItsBodyIsRefused(_ database: any SQLDatabase) async throws {
        let check = Check.transactionKeptBeyondItsBodyIsRefused
        try await createItems(database)
        let kept = try await database.write { transaction in transaction }
        _ = try await expectError(check, .internal, "a statement on a transaction whose body returned") {
            try await kept.execute("INSERT INTO items (name, amount) VALUES ('late', 1)")
        }
        let names = try await itemNames(database)
        try expect(names.isEmpty, check, "the late statement left rows \(names)")
    }

    public static func executeCountsChangedRows(_ database: any SQLDatabase) async throws {
        let check = Check.executeCountsChangedRows
        let counts = try await database.write { transaction in
            [
                try await transaction.execute("CREATE TABLE items (name TEXT PRIMARY KEY, amount BIGINT NOT NULL)"),
                try await transaction.execute("INSERT INTO items (name, amount) VALUES ('a', 1), ('b', 2), ('c', 3)"),
                try await transaction.execute("UPDATE items SET amount = amount + 1 WHERE amount >= ?", [2]),
                try await transaction.execute("UPDATE items SET amount = 0 WHERE name = 'none'"),
                try await transaction.execute("CREATE INDEX items_by_amount ON items (amount)"),
                try await transaction.execute("DELETE FROM items"),
            ]
        }
        try expect(counts == [0, 3, 2, 0, 0, 3], check, "rows changed were \(counts), expected [0, 3, 2, 0, 0, 3]")
    }

    // MARK: Values

    public static func nullValuesRoundTrip(_ database: any SQLDatabase) async throws {
        let check = Check.nullValuesRoundTrip
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE maybe (id INTEGER PRIMARY KEY, label TEXT, amount BIGINT)")
            try await transaction.execute("INSERT INTO maybe (id, label, amount) VALUES (?, ?, ?)", [1, nil, .null])
            try await transaction.execute(
                "INSERT INTO maybe (id, label, amount) VALUES (?, ?, ?)", [2, SQLValue(""), SQLValue(Int64(0))]
            )
        }
        let rows = try await database.read { try await $0.query("SELECT id, label, amount FROM maybe ORDER BY id") }
        try expect(rows.count == 2, check, "expected 2 rows, got \(rows.count)")
        try expect(try rows[0].optionalString("label") == nil, check, "a NULL text came back as a value")
        try expect(try rows[0].optionalInt64("amount") == nil, check, "a NULL integer came back as a value")
        try expect(try rows[1].optionalString("label") == "", check, "an empty text came back as NULL")
        try expect(try rows[1].optionalInt64("amount") == 0, check, "a zero came back as NULL")
        _ = try await expectError(check, .internal, "reading NULL as required text") { _ = try rows[0].string("label") }
        _ = try await expectError(check, .internal, "reading a missing column") { _ = try rows[0].string("nothing") }
        let nullCount = try await database.read { transaction in
            try await transaction.query("SELECT count(*) AS n FROM maybe WHERE label IS NULL")[0].int64("n")
        }
        try expect(nullCount == 1, check, "IS NULL matched \(nullCount) rows, expected 1")
    }

    public static func valuesRoundTrip(_ database: any SQLDatabase) async throws {
        let check = Check.valuesRoundTrip
        let text = "ünïcödé ✓ 'quoted' \"double\" \\ back\nnew line"
        try await database.write { transaction in
            try await transaction.execute(
                "CREATE TABLE kinds (id INTEGER PRIMARY KEY, big BIGINT, small BIGINT, real_value DOUBLE PRECISION, flag INTEGER, label TEXT)"
            )
            try await transaction.execute(
                "INSERT INTO kinds (id, big, small, real_value, flag, label) VALUES (?, ?, ?, ?, ?, ?)",
                [1, .integer(Int64.max), .integer(Int64.min), 2.5, true, .text(text)]
            )
        }
        let row = try await database.read { try await $0.query("SELECT * FROM kinds")[0] }
        try expect(try row.int64("big") == Int64.max, check, "Int64.max came back as \(row)")
        try expect(try row.int64("small") == Int64.min, check, "Int64.min came back as \(row)")
        try expect(try row.double("real_value") == 2.5, check, "2.5 came back as \(row)")
        try expect(try row.bool("flag"), check, "true came back as \(row)")
        try expect(try row.string("label") == text, check, "text came back as \(row)")
        _ = try await expectError(check, .internal, "reading text as an integer") { _ = try row.int64("label") }
    }

    public static func largeTextRoundTrips(_ database: any SQLDatabase) async throws {
        let check = Check.largeTextRoundTrips
        let piece = "0123456789abcdef-ü-"
        let large = String(repeating: piece, count: (4 << 20) / piece.utf8.count)
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            try await transaction.execute("INSERT INTO documents (id, body) VALUES (1, ?)", [.text(large)])
        }
        let back = try await database.read { try await $0.query("SELECT body FROM documents")[0].string("body") }
        try expect(back == large, check, "a \(large.utf8.count)-byte text came back as \(back.utf8.count) bytes")
    }

    // MARK: Migrations

    static let testMigrations = [
        Migration(version: 1, name: "animals", statements: ["CREATE TABLE animals (name TEXT PRIMARY KEY)"]),
        Migration(version: 2, name: "animal-legs", statements: [
            "CREATE TABLE legs (animal TEXT NOT NULL REFERENCES animals(name), count INTEGER NOT NULL)",
            "INSERT INTO animals (name) VALUES ('cat')",
        ]),
        Migration(version: 3, name: "plants", statements: ["CREATE TABLE plants (name TEXT PRIMARY KEY)"]),
    ]

    public static func migrationsApplyOnceAndAreIdempotent(_ database: any SQLDatabase) async throws {
        let check = Check.migrationsApplyOnceAndAreIdempotent
        let first = try await Migrator.migrate(database, Array(testMigrations.prefix(2)), databaseDescription: "test database")
        try expect(first == 2, check, "the first migration run reported version \(first), expected 2")
        let again = try await Migrator.migrate(database, Array(testMigrations.prefix(2)), databaseDescription: "test database")
        try expect(again == 2, check, "re-running reported version \(again), expected 2")
        let cats = try await database.read { try await $0.query("SELECT name FROM animals") }
        try expect(cats.count == 1, check, "migration 2 ran \(cats.count) times, expected once")
        let extended = try await Migrator.migrate(database, testMigrations, databaseDescription: "test database")
        try expect(extended == 3, check, "adding migration 3 reported version \(extended), expected 3")
        let recorded = try await database.read { transaction in
            try await transaction.query("SELECT version, name FROM schema_migrations ORDER BY version").map {
                "\(try $0.int("version")):\(try $0.string("name"))"
            }
        }
        let expected = ["1:animals", "2:animal-legs", "3:plants"]
        try expect(recorded == expected, check, "schema_migrations holds \(recorded), expected \(expected)")
    }

    public static func newerSchemaIsRefusedUntouched(_ database: any SQLDatabase) async throws {
        let check = Check.newerSchemaIsRefusedUntouched
        try await Migrator.migrate(database, testMigrations, databaseDescription: "test database")
        let refusal = try await expectError(check, .failedPrecondition, "a database at a newer schema") {
            try await Migrator.migrate(database, Array(testMigrations.prefix(1)), databaseDescription: "test database")
        }
        for part in ["test database", "schema 3", "up to 1", "newer"] {
            try expect(refusal.message.contains(part), check, "the refusal \"\(refusal.message)\" does not say \"\(part)\"")
        }
        let versions = try await database.read { transaction in
            try await transaction.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.int("version") }
        }
        try expect(versions == [1, 2, 3], check, "after the refusal schema_migrations holds \(versions)")
    }

    public static func pfsSchemaHoldsItsConstraints(_ database: any SQLDatabase) async throws {
        let check = Check.pfsSchemaHoldsItsConstraints
        let version = try await Migrator.migrate(database, PFSSchema.migrations, databaseDescription: "test database")
        try expect(version == PFSSchema.newestVersion, check, "PFS schema migrated to \(version)")
        try await database.write { transaction in
            try await transaction.execute("INSERT INTO projects (name, created_at) VALUES ('default', 1)")
            try await transaction.execute(
                "INSERT INTO repos (id, project, name, type, created_at) VALUES ('r1', 'default', 'images', 'user', 1)"
            )
            try await transaction.execute(
                "INSERT INTO commits (repo_id, id, branch, origin, state, tree, started_at, seq) VALUES ('r1', 'c1', 'master', 1, 1, 't', 1, 1)"
            )
            try await transaction.execute(
                "INSERT INTO branches (repo_id, name, head_id, created_at, updated_at) VALUES ('r1', 'master', 'c1', 1, 1)"
            )
        }
        _ = try await expectError(check, .alreadyExists, "a second repo with the same project, name and type") {
            try await database.write { try await $0.execute(
                "INSERT INTO repos (id, project, name, type, created_at) VALUES ('r2', 'default', 'images', 'user', 2)"
            ) }
        }
        _ = try await expectError(check, .failedPrecondition, "a repo in a missing project") {
            try await database.write { try await $0.execute(
                "INSERT INTO repos (id, project, name, type, created_at) VALUES ('r3', 'nowhere', 'x', 'user', 2)"
            ) }
        }
        try await database.write { try await $0.execute("DELETE FROM repos WHERE id = 'r1'") }
        let left = try await database.read { transaction in
            try await transaction.query(
                "SELECT (SELECT count(*) FROM commits) AS commits, (SELECT count(*) FROM branches) AS branches"
            )[0]
        }
        try expect(try left.int64("commits") == 0 && left.int64("branches") == 0, check,
                   "deleting a repo left \(left) behind; commits and branches should cascade")
    }

    public static func closeRefusesLaterTransactions(_ database: any SQLDatabase) async throws {
        let check = Check.closeRefusesLaterTransactions
        try await createItems(database)
        try await database.close()
        _ = try await expectError(check, .unavailable, "a write after close") { try await insertItem(database, "a", 1) }
        _ = try await expectError(check, .unavailable, "a read after close") { _ = try await itemNames(database) }
        try await database.close()
    }

    // MARK: Helpers

    private static func createItems(_ database: any SQLDatabase) async throws {
        try await database.write { transaction in
            try await transaction.execute("CREATE TABLE items (name TEXT PRIMARY KEY, amount BIGINT NOT NULL)")
        }
    }

    private static func insertItem(_ database: any SQLDatabase, _ name: String, _ amount: Int64) async throws {
        try await database.write { transaction in
            try await transaction.execute("INSERT INTO items (name, amount) VALUES (?, ?)", [.text(name), .integer(amount)])
        }
    }

    private static func itemNames(_ database: any SQLDatabase) async throws -> [String] {
        try await database.read { transaction in
            try await transaction.query("SELECT name FROM items ORDER BY name").map { try $0.string("name") }
        }
    }

    private static func amount(_ transaction: any SQLTransaction, _ name: String) async throws -> Int64 {
        guard let row = try await transaction.query("SELECT amount FROM items WHERE name = ?", [.text(name)]).first else {
            throw TuskError.notFound("no item \(name)")
        }
        return try row.int64("amount")
    }

    private static func expect(_ condition: Bool, _ check: Check, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(check: check, message: message()) }
    }

    /// Runs `body`, which must throw a `TuskError` with `code`, and returns that error.
    private static func expectError<Result>(
        _ check: Check,
        _ code: TuskError.Code,
        _ situation: String,
        _ body: () async throws -> Result
    ) async throws -> TuskError {
        do {
            _ = try await body()
        } catch let error as TuskError {
            try expect(error.code == code, check, "\(situation) threw \(error.code) (\(error.message)), expected \(code)")
            return error
        } catch {
            throw Failure(check: check, message: "\(situation) threw \(error), expected a TuskError with code \(code)")
        }
        throw Failure(check: check, message: "\(situation) succeeded, expected a TuskError with code \(code)")
    }
}
