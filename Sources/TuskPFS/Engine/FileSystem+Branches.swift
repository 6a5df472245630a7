import TuskCore
import TuskMetadata

extension FileSystem {
    /// Creates a branch or moves it. With `head`, the branch points at that commit (which must
    /// be in the same repo); a new branch without `head` starts at a new empty commit. A
    /// non-nil `provenance` replaces the branch's declared upstream branches.
    public func createBranch(_ branch: BranchID, head: CommitSelector?, provenance: [BranchID]? = nil) async throws {
        let emptyRoot = try await trees.emptyRoot
        let now = clock.now()
        try await database.write { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            let existing = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name)
            var newHead = existing?.head
            if let head {
                guard head.repo == branch.repo else {
                    throw TuskError.invalid("the head of branch \(branch) must be a commit of repo \(branch.repo), not \(head.repo)", location: head.description)
                }
                newHead = try await Self.resolve(transaction, head).1.id
            } else if existing == nil {
                let row = CommitRow(
                    repoRowID: repo.rowID, id: CommitID.random(), branch: branch.name, parent: nil, origin: .auto, description: "",
                    state: .finished, error: "", tree: emptyRoot, sizeBytes: 0, fileCount: 0, startedAt: now, finishingAt: now,
                    finishedAt: now, sequence: try await CommitRecords.nextSequence(transaction))
                try await CommitRecords.insert(transaction, row)
                newHead = row.id
            }
            try await BranchRecords.upsert(transaction, repoRowID: repo.rowID, name: branch.name, head: newHead, now: now)
            let setID = CommitID.random()
            if let provenance {
                let before = try await BranchRecords.directProvenance(transaction, repoRowID: repo.rowID, name: branch.name)
                try await Self.replaceProvenance(transaction, branch: branch, repoRowID: repo.rowID, upstream: provenance)
                let after = try await BranchRecords.directProvenance(transaction, repoRowID: repo.rowID, name: branch.name)
                if !after.isEmpty && before.map({ $0.repoRowID + "@" + $0.branch }) != after.map({ $0.repoRowID + "@" + $0.branch }) {
                    // New inputs: compute the branch anew over its inputs' current heads.
                    _ = try await Self.openAutoCommit(transaction, on: (repo.rowID, branch.name), id: setID, now: now, emptyTree: emptyRoot)
                    _ = try await Self.propagate(transaction, from: (repo.rowID, branch.name), id: setID, now: now, emptyTree: emptyRoot)
                    return
                }
            }
            if head != nil, newHead != existing?.head {
                _ = try await Self.propagate(transaction, from: (repo.rowID, branch.name), id: setID, now: now, emptyTree: emptyRoot)
            }
        }
        await waiters.changedAll()
    }

    static func replaceProvenance(_ transaction: any SQLTransaction, branch: BranchID, repoRowID: String, upstream: [BranchID]) async throws {
        try await transaction.execute("DELETE FROM branch_provenance WHERE repo_id = ? AND branch = ?", [.text(repoRowID), .text(branch.name)])
        for source in upstream {
            if source == branch {
                throw TuskError.invalid("branch \(branch) cannot be in its own provenance", location: branch.description)
            }
            let sourceRepo = try await RepoRecords.requireRepo(transaction, source.repo)
            guard try await BranchRecords.branch(transaction, repoRowID: sourceRepo.rowID, name: source.name) != nil else {
                throw TuskError.notFound("provenance branch \(source) not found; create it first", location: source.description)
            }
            try await transaction.execute(
                "INSERT INTO branch_provenance (repo_id, branch, from_repo_id, from_branch) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [.text(repoRowID), .text(branch.name), .text(sourceRepo.rowID), .text(source.name)])
        }
        // Refuse cycles: the new upstream closure must not contain the branch itself.
        let closure = try await closure(transaction, start: (repoRowID, branch.name), upstream: true)
        if closure.contains(where: { $0.repoRowID == repoRowID && $0.branch == branch.name }) {
            throw TuskError.invalid("provenance of \(branch) would form a cycle", location: branch.description)
        }
    }

    public func inspectBranch(_ branch: BranchID) async throws -> BranchInfo {
        try await database.read { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            guard let row = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name) else {
                throw TuskError.notFound("branch \"\(branch.name)\" not found in repo \(branch.repo)", location: branch.description)
            }
            return try await Self.branchInfo(transaction, repo: repo, row: row)
        }
    }

    /// Branches of one repo, or of every repo when `repo` is nil.
    public func listBranches(_ repo: RepoID?) async throws -> [BranchInfo] {
        try await database.read { transaction in
            let repos: [RepoRow]
            if let repo {
                repos = [try await RepoRecords.requireRepo(transaction, repo)]
            } else {
                repos = try await RepoRecords.repos(transaction, projects: [], type: nil)
            }
            var infos: [BranchInfo] = []
            for repoRow in repos {
                for row in try await BranchRecords.branches(transaction, repoRowID: repoRow.rowID) {
                    infos.append(try await Self.branchInfo(transaction, repo: repoRow, row: row))
                }
            }
            return infos
        }
    }

    /// Deletes a branch (its commits survive). Refused while other branches are computed from it, unless `force`.
    public func deleteBranch(_ branch: BranchID, force: Bool) async throws {
        try await database.write { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            guard try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name) != nil else {
                throw TuskError.notFound("branch \"\(branch.name)\" not found in repo \(branch.repo)", location: branch.description)
            }
            let dependents = try await BranchRecords.directSubvenance(transaction, repoRowID: repo.rowID, name: branch.name)
            if !dependents.isEmpty && !force {
                throw TuskError.precondition("branch \(branch) has branches computed from it; delete them first or use --force", location: branch.description)
            }
            try await transaction.execute("DELETE FROM branch_provenance WHERE (repo_id = ? AND branch = ?) OR (from_repo_id = ? AND from_branch = ?)",
                                          [.text(repo.rowID), .text(branch.name), .text(repo.rowID), .text(branch.name)])
            try await transaction.execute("DELETE FROM branches WHERE repo_id = ? AND name = ?", [.text(repo.rowID), .text(branch.name)])
        }
    }

    static func branchInfo(_ transaction: any SQLTransaction, repo: RepoRow, row: BranchRow) async throws -> BranchInfo {
        let start = (repoRowID: repo.rowID, branch: row.name)
        let direct = try await BranchRecords.directProvenance(transaction, repoRowID: repo.rowID, name: row.name)
        return BranchInfo(
            branch: BranchID(trustedRepo: repo.repo, name: row.name), head: row.head,
            directProvenance: try await branchIDs(transaction, direct),
            provenance: try await branchIDs(transaction, try await closure(transaction, start: start, upstream: true)),
            subvenance: try await branchIDs(transaction, try await closure(transaction, start: start, upstream: false)),
            createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    /// The transitive upstream (or downstream) branches of a branch, breadth first.
    static func closure(_ transaction: any SQLTransaction, start: (repoRowID: String, branch: String), upstream: Bool) async throws -> [(repoRowID: String, branch: String)] {
        var seen = Set<String>()
        var result: [(repoRowID: String, branch: String)] = []
        var queue = [start]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let neighbours = upstream
                ? try await BranchRecords.directProvenance(transaction, repoRowID: next.repoRowID, name: next.branch)
                : try await BranchRecords.directSubvenance(transaction, repoRowID: next.repoRowID, name: next.branch)
            for neighbour in neighbours where seen.insert(neighbour.repoRowID + "@" + neighbour.branch).inserted {
                result.append(neighbour)
                queue.append(neighbour)
                if result.count > 10_000 { return result }
            }
        }
        return result
    }

    static func branchIDs(_ transaction: any SQLTransaction, _ pairs: [(repoRowID: String, branch: String)]) async throws -> [BranchID] {
        var ids: [BranchID] = []
        for pair in pairs {
            if let repo = try await RepoRecords.repo(transaction, rowID: pair.repoRowID) {
                ids.append(BranchID(trustedRepo: repo.repo, name: pair.branch))
            }
        }
        return ids
    }
}
