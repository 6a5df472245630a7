import TuskCore
import TuskMetadata

/// A row of the `repos` table: the repo's identity plus its internal row id, which every
/// branch and commit row refers to.
struct RepoRow: Sendable {
    var rowID: String
    var repo: RepoID
    var description: String
    var createdAt: Timestamp
}

/// SQL for the `projects` and `repos` tables.
enum RepoRecords {
    static func project(_ transaction: any SQLTransaction, _ name: ProjectName) async throws -> ProjectInfo? {
        let rows = try await transaction.query("SELECT name, description, created_at FROM projects WHERE name = ?", [.text(name.value)])
        return try rows.first.map(projectInfo)
    }

    static func projects(_ transaction: any SQLTransaction) async throws -> [ProjectInfo] {
        try await transaction.query("SELECT name, description, created_at FROM projects ORDER BY name", []).map(projectInfo)
    }

    static func projectInfo(_ row: SQLRow) throws -> ProjectInfo {
        ProjectInfo(
            name: ProjectName(trusted: try row.string("name")),
            description: try row.string("description"),
            createdAt: Timestamp(microseconds: try row.int64("created_at")))
    }

    static func requireProject(_ transaction: any SQLTransaction, _ name: ProjectName) async throws -> ProjectInfo {
        guard let project = try await project(transaction, name) else {
            throw TuskError.notFound("project \"\(name)\" not found; create it with `tusk create project \(name)`", location: name.value)
        }
        return project
    }

    static func repo(_ transaction: any SQLTransaction, _ repo: RepoID) async throws -> RepoRow? {
        let rows = try await transaction.query(
            "SELECT id, project, name, type, description, created_at FROM repos WHERE project = ? AND name = ? AND type = ?",
            [.text(repo.project.value), .text(repo.name), .text(repo.type.rawValue)])
        return try rows.first.map(repoRow)
    }

    static func requireRepo(_ transaction: any SQLTransaction, _ repo: RepoID) async throws -> RepoRow {
        if let row = try await self.repo(transaction, repo) { return row }
        if try await project(transaction, repo.project) == nil {
            throw TuskError.notFound("project \"\(repo.project)\" not found (looking for repo \"\(repo.name)\")", location: repo.description)
        }
        let kind = repo.type == .user ? "repo" : "\(repo.type.rawValue) repo"
        throw TuskError.notFound("\(kind) \"\(repo.name)\" not found in project \"\(repo.project)\"; list repos with `tusk list repo`", location: repo.description)
    }

    static func repo(_ transaction: any SQLTransaction, rowID: String) async throws -> RepoRow? {
        let rows = try await transaction.query(
            "SELECT id, project, name, type, description, created_at FROM repos WHERE id = ?", [.text(rowID)])
        return try rows.first.map(repoRow)
    }

    static func repos(_ transaction: any SQLTransaction, projects: [ProjectName], type: RepoType?) async throws -> [RepoRow] {
        var sql = "SELECT id, project, name, type, description, created_at FROM repos WHERE 1 = 1"
        var binds: [SQLValue] = []
        if !projects.isEmpty {
            sql += " AND project IN (" + projects.map { _ in "?" }.joined(separator: ", ") + ")"
            binds += projects.map { .text($0.value) }
        }
        if let type {
            sql += " AND type = ?"
            binds.append(.text(type.rawValue))
        }
        sql += " ORDER BY project, name, type"
        return try await transaction.query(sql, binds).map(repoRow)
    }

    static func repoRow(_ row: SQLRow) throws -> RepoRow {
        let type = RepoType(rawValue: try row.string("type")) ?? .user
        return RepoRow(
            rowID: try row.string("id"),
            repo: RepoID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("name"), type: type),
            description: try row.string("description"),
            createdAt: Timestamp(microseconds: try row.int64("created_at")))
    }
}
