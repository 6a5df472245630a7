import TuskCore
import TuskMetadata
import TuskStorage

extension FileSystem {
    /// Creates a repo (no branches yet), or with `update` changes its description.
    public func createRepo(_ repo: RepoID, description: String, update: Bool) async throws {
        let now = clock.now()
        try await database.write { transaction in
            _ = try await RepoRecords.requireProject(transaction, repo.project)
            if try await RepoRecords.repo(transaction, repo) != nil {
                guard update else {
                    throw TuskError.alreadyExists("repo \"\(repo.name)\" already exists in project \"\(repo.project)\"", location: repo.description)
                }
                try await transaction.execute(
                    "UPDATE repos SET description = ? WHERE project = ? AND name = ? AND type = ?",
                    [.text(description), .text(repo.project.value), .text(repo.name), .text(repo.type.rawValue)])
                return
            }
            try await transaction.execute(
                "INSERT INTO repos (id, project, name, type, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(CommitID.random().value), .text(repo.project.value), .text(repo.name), .text(repo.type.rawValue),
                 .text(description), .integer(now.microseconds)])
        }
    }

    public func inspectRepo(_ repo: RepoID) async throws -> RepoInfo {
        try await database.read { transaction in
            let row = try await RepoRecords.requireRepo(transaction, repo)
            return try await Self.repoInfo(transaction, row)
        }
    }

    /// Lists repos of the given projects (all when empty) and type (all when nil).
    public func listRepos(projects: [ProjectName], type: RepoType?) async throws -> [RepoInfo] {
        try await database.read { transaction in
            var infos: [RepoInfo] = []
            for row in try await RepoRecords.repos(transaction, projects: projects, type: type) {
                infos.append(try await Self.repoInfo(transaction, row))
            }
            return infos
        }
    }

    /// Deletes a repo with its branches and commits. Refused while other branches are computed
    /// from it, unless `force`. Returns false when the repo did not exist.
    @discardableResult
    public func deleteRepo(_ repo: RepoID, force: Bool) async throws -> Bool {
        let deleted = try await database.write { transaction -> Bool in
            guard let row = try await RepoRecords.repo(transaction, repo) else { return false }
            if !force {
                let dependents = try await transaction.query(
                    "SELECT DISTINCT r.project, r.name FROM branch_provenance p JOIN repos r ON r.id = p.repo_id WHERE p.from_repo_id = ? AND p.repo_id <> ?",
                    [.text(row.rowID), .text(row.rowID)])
                if let first = dependents.first {
                    let name = "\(try first.string("project"))/\(try first.string("name"))"
                    throw TuskError.precondition(
                        "repo \(repo) cannot be deleted: branches of \(name) are computed from it; delete that first or use --force", location: repo.description)
                }
            }
            try await Self.deleteRepoRows(transaction, row)
            return true
        }
        if deleted { await waiters.changedAll() }
        return deleted
    }

    static func deleteRepoRows(_ transaction: any SQLTransaction, _ row: RepoRow) async throws {
        let id = SQLValue.text(row.rowID)
        try await transaction.execute("DELETE FROM commit_provenance WHERE repo_id = ? OR from_repo_id = ?", [id, id])
        try await transaction.execute("DELETE FROM branch_provenance WHERE repo_id = ? OR from_repo_id = ?", [id, id])
        try await transaction.execute("DELETE FROM branches WHERE repo_id = ?", [id])
        try await transaction.execute("DELETE FROM commits WHERE repo_id = ?", [id])
        try await transaction.execute("DELETE FROM repos WHERE id = ?", [id])
    }

    static func repoInfo(_ transaction: any SQLTransaction, _ row: RepoRow) async throws -> RepoInfo {
        let branches = try await BranchRecords.branches(transaction, repoRowID: row.rowID)
        var size: Int64 = 0
        let sized = branches.first(where: { $0.name == "master" }) ?? (branches.count == 1 ? branches.first : nil)
        if let head = sized?.head, let commit = try await CommitRecords.commit(transaction, repoRowID: row.rowID, id: head) {
            size = commit.sizeBytes
        }
        return RepoInfo(repo: row.repo, description: row.description, createdAt: row.createdAt, sizeBytes: size, branches: branches.map(\.name))
    }
}
