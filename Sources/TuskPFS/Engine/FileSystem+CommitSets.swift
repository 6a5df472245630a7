import TuskCore
import TuskMetadata

/// Commit sets: every commit sharing one global id, across repos.
extension FileSystem {
    /// The commits with this global id, in creation order; with `wait`, only once each is finished.
    public func commitSet(_ id: CommitID, wait: Bool = false) async throws -> [CommitInfo] {
        let keys: [CommitKey] = try await database.read { transaction in
            var keys: [CommitKey] = []
            for row in try await CommitRecords.commits(transaction, id: id) {
                if let repo = try await RepoRecords.repo(transaction, rowID: row.repoRowID) {
                    keys.append(CommitKey(repo: repo.repo, id: row.id))
                }
            }
            return keys
        }
        if keys.isEmpty {
            throw TuskError.notFound("commit set \(id) not found", location: id.value)
        }
        var infos: [CommitInfo] = []
        for key in keys {
            infos.append(try await inspectCommit(.commit(key), wait: wait ? .finished : nil))
        }
        return infos
    }

    /// Commit sets of a project (all when nil), newest first.
    public func listCommitSets(project: ProjectName?) async throws -> [(id: CommitID, commits: [CommitInfo])] {
        try await database.read { transaction in
            var sql = "SELECT c.repo_id, c.id, c.seq FROM commits c JOIN repos r ON r.id = c.repo_id"
            var binds: [SQLValue] = []
            if let project {
                sql += " WHERE r.project = ?"
                binds.append(.text(project.value))
            }
            sql += " ORDER BY c.seq DESC"
            var order: [CommitID] = []
            var members: [CommitID: [CommitInfo]] = [:]
            for row in try await transaction.query(sql, binds) {
                let id = CommitID(trusted: try row.string("id"))
                guard let repo = try await RepoRecords.repo(transaction, rowID: try row.string("repo_id")),
                      let commit = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: id) else { continue }
                if members[id] == nil { order.append(id) }
                members[id, default: []].append(try await Self.commitInfo(transaction, repo: repo, row: commit))
            }
            return order.map { ($0, Array((members[$0] ?? []).reversed())) }
        }
    }

    /// Removes a commit that has no children; branch heads on it move to its parent.
    public func dropCommit(_ selector: CommitSelector) async throws {
        try await database.write { transaction in
            let (repo, row) = try await Self.resolve(transaction, selector)
            try await Self.drop(transaction, repo: repo, row: row, now: self.clock.now())
        }
        await waiters.changedAll()
    }

    /// Removes a commit from history while keeping its data: its children take its parent.
    public func squashCommit(_ selector: CommitSelector) async throws {
        try await database.write { transaction in
            let (repo, row) = try await Self.resolve(transaction, selector)
            try await Self.squash(transaction, repo: repo, row: row)
        }
        await waiters.changedAll()
    }

    /// Drops every commit of a commit set (`tusk delete commit <id>`).
    public func dropCommitSet(_ id: CommitID) async throws {
        try await database.write { transaction in
            let rows = try await CommitRecords.commits(transaction, id: id)
            if rows.isEmpty { throw TuskError.notFound("commit set \(id) not found", location: id.value) }
            let now = self.clock.now()
            for row in rows.reversed() {
                guard let repo = try await RepoRecords.repo(transaction, rowID: row.repoRowID) else { continue }
                try await Self.drop(transaction, repo: repo, row: row, now: now)
            }
        }
        await waiters.changedAll()
    }

    /// Squashes every commit of a commit set into its children (`tusk squash commit <id>`).
    public func squashCommitSet(_ id: CommitID) async throws {
        try await database.write { transaction in
            let rows = try await CommitRecords.commits(transaction, id: id)
            if rows.isEmpty { throw TuskError.notFound("commit set \(id) not found", location: id.value) }
            for row in rows.reversed() {
                guard let repo = try await RepoRecords.repo(transaction, rowID: row.repoRowID) else { continue }
                try await Self.squash(transaction, repo: repo, row: row)
            }
        }
        await waiters.changedAll()
    }

    static func drop(_ transaction: any SQLTransaction, repo: RepoRow, row: CommitRow, now: Timestamp) async throws {
        let children = try await CommitRecords.children(transaction, repoRowID: repo.rowID, id: row.id)
        if !children.isEmpty {
            throw TuskError.precondition(
                "commit \(repo.repo)@\(row.id) has \(children.count) child commit(s) (\(children[0])); only the newest commit of a branch can be dropped — squash it instead", location: "\(repo.repo)@\(row.id)")
        }
        let subvenance = try await CommitRecords.subvenance(transaction, repoRowID: repo.rowID, id: row.id)
        if let dependent = subvenance.first, try await CommitRecords.commit(transaction, repoRowID: dependent.repoRowID, id: dependent.id) != nil,
           dependent.id != row.id {
            throw TuskError.precondition("commit \(repo.repo)@\(row.id) has commits computed from it; drop those first", location: "\(repo.repo)@\(row.id)")
        }
        for branch in try await BranchRecords.branches(transaction, headedBy: row.id, repoRowID: repo.rowID) {
            _ = try await BranchRecords.moveHead(transaction, repoRowID: repo.rowID, name: branch.name, from: row.id, to: row.parent, now: now)
        }
        try await transaction.execute("DELETE FROM commit_provenance WHERE (repo_id = ? AND commit_id = ?) OR (from_repo_id = ? AND from_commit_id = ?)",
                                      [.text(repo.rowID), .text(row.id.value), .text(repo.rowID), .text(row.id.value)])
        try await transaction.execute("DELETE FROM commits WHERE repo_id = ? AND id = ?", [.text(repo.rowID), .text(row.id.value)])
    }

    static func squash(_ transaction: any SQLTransaction, repo: RepoRow, row: CommitRow) async throws {
        let children = try await CommitRecords.children(transaction, repoRowID: repo.rowID, id: row.id)
        if children.isEmpty {
            throw TuskError.precondition(
                "commit \(repo.repo)@\(row.id) has no children to squash into; drop it instead (`tusk delete commit`)", location: "\(repo.repo)@\(row.id)")
        }
        if row.state < .finishing {
            throw TuskError.precondition("commit \(repo.repo)@\(row.id) is still open; finish it before squashing", location: "\(repo.repo)@\(row.id)")
        }
        let heads = try await BranchRecords.branches(transaction, headedBy: row.id, repoRowID: repo.rowID)
        if let head = heads.first {
            throw TuskError.precondition("commit \(repo.repo)@\(row.id) is the head of branch \(head.name); it cannot be squashed", location: "\(repo.repo)@\(row.id)")
        }
        try await transaction.execute("UPDATE commits SET parent_id = ? WHERE repo_id = ? AND parent_id = ?",
                                      [row.parent.map { .text($0.value) } ?? .null, .text(repo.rowID), .text(row.id.value)])
        try await transaction.execute("DELETE FROM commit_provenance WHERE (repo_id = ? AND commit_id = ?) OR (from_repo_id = ? AND from_commit_id = ?)",
                                      [.text(repo.rowID), .text(row.id.value), .text(repo.rowID), .text(row.id.value)])
        try await transaction.execute("DELETE FROM commits WHERE repo_id = ? AND id = ?", [.text(repo.rowID), .text(row.id.value)])
    }
}
