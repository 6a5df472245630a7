/// One numbered step of a database schema: the statements that take it from `version - 1` to `version`.
///
/// It exists so that a schema only ever grows by appending steps: a released migration is never
/// edited, and the `Migrator` applies each missing one exactly once. Statements must be portable
/// SQL (see the module README) and one statement per string.
public struct Migration: Sendable, Hashable {
    /// The schema version this step produces; versions start at 1 and increase by one.
    public let version: Int
    /// A short name for people, recorded with the version (`pfs-initial-schema`).
    public let name: String
    /// The statements, run in order inside one write transaction.
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
