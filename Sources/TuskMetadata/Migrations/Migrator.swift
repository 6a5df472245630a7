import Foundation
import TuskCore

/// Brings a database's schema up to the newest version this binary knows.
///
/// It exists so that every process opening a metadata database agrees on its shape: versions
/// applied are recorded in `schema_migrations`, each missing migration runs in its own write
/// transaction together with its bookkeeping row (a crash leaves the database at a whole version),
/// and a database written by a newer Tusk is refused untouched rather than misread.
public enum Migrator {
    /// The statement that creates the bookkeeping table; portable, and harmless when it exists.
    static let createBookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """

    /// Applies every migration in `migrations` that `database` has not recorded yet, in version
    /// order, and returns the schema version the database is at afterwards.
    ///
    /// - Parameters:
    ///   - databaseDescription: How errors name the database (`metadata database /data/tusk.sqlite`).
    ///   - now: The time recorded as `applied_at`, in microseconds since the Unix epoch.
    /// - Throws: `.failedPrecondition` when the database holds a version newer than the newest in
    ///   `migrations` (nothing is changed then); `.internal` when `migrations` is malformed.
    @discardableResult
    public static func migrate(
        _ database: any SQLDatabase,
        _ migrations: [Migration],
        databaseDescription: String,
        now: @Sendable () -> Int64 = Migrator.microsecondsSinceEpoch
    ) async throws -> Int {
        let ordered = try validated(migrations)
        let newestKnown = ordered.last?.version ?? 0
        // Look before creating anything, so a newer database is refused untouched.
        let recorded = try await recordedVersions(database)
        if let newestRecorded = recorded.max(), newestRecorded > newestKnown {
            throw newerSchemaError(databaseDescription, found: newestRecorded, newestKnown: newestKnown)
        }
        try await database.write { transaction in
            try await transaction.execute(createBookkeeping)
        }
        for migration in ordered where !recorded.contains(migration.version) {
            let appliedAt = now()
            try await database.write { transaction in
                // Another process may have applied it since we looked.
                let already = try await transaction.query(
                    "SELECT version FROM schema_migrations WHERE version = ?", [SQLValue(migration.version)]
                )
                guard already.isEmpty else { return }
                for statement in migration.statements {
                    try await transaction.execute(statement)
                }
                try await transaction.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [SQLValue(migration.version), .text(migration.name), .integer(appliedAt)]
                )
            }
        }
        return try await recordedVersions(database).max() ?? 0
    }

    /// The current time in microseconds since the Unix epoch.
    @Sendable
    public static func microsecondsSinceEpoch() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The versions `database` has recorded; none when it has no bookkeeping table yet.
    private static func recordedVersions(_ database: any SQLDatabase) async throws -> Set<Int> {
        try await database.read { transaction in
            guard try await hasBookkeepingTable(transaction, dialect: database.dialect) else { return [] }
            let rows = try await transaction.query("SELECT version FROM schema_migrations")
            return Set(try rows.map { try $0.int("version") })
        }
    }

    /// Whether `schema_migrations` exists, asked the way each engine's catalog answers it.
    private static func hasBookkeepingTable(_ transaction: any SQLTransaction, dialect: SQLDialect) async throws -> Bool {
        let sql: String
        switch dialect {
        case .sqlite:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        case .postgres:
            sql = "SELECT table_name AS name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
        }
        return try await !transaction.query(sql).isEmpty
    }

    private static func validated(_ migrations: [Migration]) throws -> [Migration] {
        let ordered = migrations.sorted { $0.version < $1.version }
        for (index, migration) in ordered.enumerated() where migration.version != index + 1 {
            throw TuskError.internal(
                "migration versions must run 1, 2, 3, ... without gaps or repeats; found \(migration.version) "
                    + "(\"\(migration.name)\") where \(index + 1) was expected"
            )
        }
        return ordered
    }

    private static func newerSchemaError(_ databaseDescription: String, found: Int, newestKnown: Int) -> TuskError {
        TuskError(
            .failedPrecondition,
            "\(databaseDescription) was written by a newer Tusk (schema \(found), this binary knows up to "
                + "\(newestKnown)); use a newer tusk",
            location: databaseDescription
        )
    }
}
