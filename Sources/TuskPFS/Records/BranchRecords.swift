import TuskCore
import TuskMetadata

/// A row of the `branches` table.
struct BranchRow: Sendable {
    var repoRowID: String
    var name: String
    var head: CommitID?
    var createdAt: Timestamp
    var updatedAt: Timestamp
}

/// SQL for the `branches` and `branch_provenance` tables.
enum BranchRecords {
    static let columns = "repo_id, name, head_id, created_at, updated_at"

    static func branch(_ transaction: any SQLTransaction, repoRowID: String, name: String) async throws -> BranchRow? {
        try await transaction.query("SELECT \(columns) FROM branches WHERE repo_id = ? AND name = ?", [.text(repoRowID), .text(name)])
            .first.map(branchRow)
    }

    static func branches(_ transaction: any SQLTransaction, repoRowID: String) async throws -> [BranchRow] {
        try await transaction.query("SELECT \(columns) FROM branches WHERE repo_id = ? ORDER BY name", [.text(repoRowID)]).map(branchRow)
    }

    static func branches(_ transaction: any SQLTransaction, headedBy id: CommitID, repoRowID: String) async throws -> [BranchRow] {
        try await transaction.query("SELECT \(columns) FROM branches WHERE repo_id = ? AND head_id = ?", [.text(repoRowID), .text(id.value)])
            .map(branchRow)
    }

    /// Creates the branch or moves its head.
    static func upsert(_ transaction: any SQLTransaction, repoRowID: String, name: String, head: CommitID?, now: Timestamp) async throws {
        try await transaction.execute(
            """
            INSERT INTO branches (repo_id, name, head_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (repo_id, name) DO UPDATE SET head_id = excluded.head_id, updated_at = excluded.updated_at
            """,
            [.text(repoRowID), .text(name), head.map { .text($0.value) } ?? .null, .integer(now.microseconds), .integer(now.microseconds)])
    }

    /// Moves a branch head only if it still points where the caller saw it (compare-and-swap).
    static func moveHead(_ transaction: any SQLTransaction, repoRowID: String, name: String, from old: CommitID?, to new: CommitID?, now: Timestamp) async throws -> Bool {
        var sql = "UPDATE branches SET head_id = ?, updated_at = ? WHERE repo_id = ? AND name = ? AND "
        var binds: [SQLValue] = [new.map { .text($0.value) } ?? .null, .integer(now.microseconds), .text(repoRowID), .text(name)]
        if let old {
            sql += "head_id = ?"
            binds.append(.text(old.value))
        } else {
            sql += "head_id IS NULL"
        }
        return try await transaction.execute(sql, binds) == 1
    }

    static func directProvenance(_ transaction: any SQLTransaction, repoRowID: String, name: String) async throws -> [(repoRowID: String, branch: String)] {
        try await transaction.query(
            "SELECT from_repo_id, from_branch FROM branch_provenance WHERE repo_id = ? AND branch = ? ORDER BY from_repo_id, from_branch",
            [.text(repoRowID), .text(name)]
        ).map { (try $0.string("from_repo_id"), try $0.string("from_branch")) }
    }

    static func directSubvenance(_ transaction: any SQLTransaction, repoRowID: String, name: String) async throws -> [(repoRowID: String, branch: String)] {
        try await transaction.query(
            "SELECT repo_id, branch FROM branch_provenance WHERE from_repo_id = ? AND from_branch = ? ORDER BY repo_id, branch",
            [.text(repoRowID), .text(name)]
        ).map { (try $0.string("repo_id"), try $0.string("branch")) }
    }

    static func branchRow(_ row: SQLRow) throws -> BranchRow {
        BranchRow(
            repoRowID: try row.string("repo_id"),
            name: try row.string("name"),
            head: try row.optionalString("head_id").map(CommitID.init(trusted:)),
            createdAt: Timestamp(microseconds: try row.int64("created_at")),
            updatedAt: Timestamp(microseconds: try row.int64("updated_at")))
    }
}
