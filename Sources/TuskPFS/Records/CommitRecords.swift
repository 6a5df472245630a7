import TuskCore
import TuskMetadata
import TuskStorage

/// A row of the `commits` table, before children and provenance are attached.
struct CommitRow: Sendable {
    var repoRowID: String
    var id: CommitID
    var branch: String?
    var parent: CommitID?
    var origin: CommitOrigin
    var description: String
    var state: CommitState
    var error: String
    var tree: ContentHash
    var sizeBytes: Int64
    var fileCount: Int64
    var startedAt: Timestamp
    var finishingAt: Timestamp?
    var finishedAt: Timestamp?
    var sequence: Int64
}

/// SQL for the `commits` and `commit_provenance` tables.
enum CommitRecords {
    static let columns = "repo_id, id, branch, parent_id, origin, description, state, error, tree, size_bytes, file_count, started_at, finishing_at, finished_at, seq"

    static func commit(_ transaction: any SQLTransaction, repoRowID: String, id: CommitID) async throws -> CommitRow? {
        try await transaction.query("SELECT \(columns) FROM commits WHERE repo_id = ? AND id = ?", [.text(repoRowID), .text(id.value)])
            .first.map(commitRow)
    }

    static func commits(_ transaction: any SQLTransaction, repoRowID: String) async throws -> [CommitRow] {
        try await transaction.query("SELECT \(columns) FROM commits WHERE repo_id = ? ORDER BY seq DESC", [.text(repoRowID)])
            .map(commitRow)
    }

    static func commits(_ transaction: any SQLTransaction, id: CommitID) async throws -> [CommitRow] {
        try await transaction.query("SELECT \(columns) FROM commits WHERE id = ? ORDER BY seq", [.text(id.value)]).map(commitRow)
    }

    static func children(_ transaction: any SQLTransaction, repoRowID: String, id: CommitID) async throws -> [CommitID] {
        try await transaction.query("SELECT id FROM commits WHERE repo_id = ? AND parent_id = ? ORDER BY seq", [.text(repoRowID), .text(id.value)])
            .map { CommitID(trusted: try $0.string("id")) }
    }

    static func nextSequence(_ transaction: any SQLTransaction) async throws -> Int64 {
        let rows = try await transaction.query("SELECT COALESCE(MAX(seq), 0) AS top FROM commits", [])
        return (try rows.first?.int64("top") ?? 0) + 1
    }

    static func insert(_ transaction: any SQLTransaction, _ row: CommitRow) async throws {
        try await transaction.execute(
            "INSERT INTO commits (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(row.repoRowID), .text(row.id.value), row.branch.map { .text($0) } ?? .null,
                row.parent.map { .text($0.value) } ?? .null, .integer(Int64(row.origin.rawValue)), .text(row.description),
                .integer(Int64(row.state.rawValue)), .text(row.error), .text(row.tree.hex), .integer(row.sizeBytes),
                .integer(row.fileCount), .integer(row.startedAt.microseconds),
                row.finishingAt.map { .integer($0.microseconds) } ?? .null,
                row.finishedAt.map { .integer($0.microseconds) } ?? .null, .integer(row.sequence),
            ])
    }

    static func provenance(_ transaction: any SQLTransaction, repoRowID: String, id: CommitID) async throws -> [(repoRowID: String, id: CommitID)] {
        try await transaction.query(
            "SELECT from_repo_id, from_commit_id FROM commit_provenance WHERE repo_id = ? AND commit_id = ? ORDER BY from_repo_id",
            [.text(repoRowID), .text(id.value)]
        ).map { (try $0.string("from_repo_id"), CommitID(trusted: try $0.string("from_commit_id"))) }
    }

    static func subvenance(_ transaction: any SQLTransaction, repoRowID: String, id: CommitID) async throws -> [(repoRowID: String, id: CommitID)] {
        try await transaction.query(
            "SELECT repo_id, commit_id FROM commit_provenance WHERE from_repo_id = ? AND from_commit_id = ? ORDER BY repo_id",
            [.text(repoRowID), .text(id.value)]
        ).map { (try $0.string("repo_id"), CommitID(trusted: try $0.string("commit_id"))) }
    }

    static func commitRow(_ row: SQLRow) throws -> CommitRow {
        let treeHex = try row.string("tree")
        guard let tree = ContentHash(hex: treeHex) else {
            throw TuskError(.dataLoss, "commit \(try row.string("id")) records a malformed tree hash \"\(treeHex)\"")
        }
        return CommitRow(
            repoRowID: try row.string("repo_id"),
            id: CommitID(trusted: try row.string("id")),
            branch: try row.optionalString("branch"),
            parent: try row.optionalString("parent_id").map(CommitID.init(trusted:)),
            origin: CommitOrigin(rawValue: Int(try row.int64("origin"))) ?? .user,
            description: try row.string("description"),
            state: CommitState(rawValue: Int(try row.int64("state"))) ?? .started,
            error: try row.string("error"),
            tree: tree,
            sizeBytes: try row.int64("size_bytes"),
            fileCount: try row.int64("file_count"),
            startedAt: Timestamp(microseconds: try row.int64("started_at")),
            finishingAt: try row.optionalInt64("finishing_at").map(Timestamp.init(microseconds:)),
            finishedAt: try row.optionalInt64("finished_at").map(Timestamp.init(microseconds:)),
            sequence: try row.int64("seq"))
    }
}
