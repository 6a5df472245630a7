import TuskCore
import TuskMetadata
import TuskStorage

/// Provenance propagation: a new commit on a branch opens a commit with the same global id on
/// every branch computed from it (transitively), so one commit set spans the whole DAG and
/// `wait` on it covers every downstream output. Those AUTO commits start from their branch's
/// previous head and are filled and finished by whoever computes the branch (a pipeline).
extension FileSystem {
    /// Opens a commit with id `id` on every branch downstream of `source`, upstream first.
    static func propagate(
        _ transaction: any SQLTransaction, from source: (repoRowID: String, branch: String), id: CommitID, now: Timestamp, emptyTree: ContentHash
    ) async throws -> [CommitKey] {
        let downstream = try await closure(transaction, start: source, upstream: false)
        guard !downstream.isEmpty else { return [] }
        var created: [CommitKey] = []
        for branch in try await topologicalOrder(transaction, downstream) {
            if let key = try await openAutoCommit(transaction, on: branch, id: id, now: now, emptyTree: emptyTree) {
                created.append(key)
            }
        }
        return created
    }

    /// Opens an AUTO commit on one computed branch, on top of its current head, recording as
    /// its provenance the current heads of the branch's upstream branches.
    static func openAutoCommit(
        _ transaction: any SQLTransaction, on branch: (repoRowID: String, branch: String), id: CommitID, now: Timestamp, emptyTree: ContentHash
    ) async throws -> CommitKey? {
        if try await CommitRecords.commit(transaction, repoRowID: branch.repoRowID, id: id) != nil { return nil }
        guard let repo = try await RepoRecords.repo(transaction, rowID: branch.repoRowID) else { return nil }
        let headID = try await BranchRecords.branch(transaction, repoRowID: branch.repoRowID, name: branch.branch)?.head
        let head = try await headID.asyncMap { try await CommitRecords.commit(transaction, repoRowID: branch.repoRowID, id: $0) } ?? nil
        let row = CommitRow(
            repoRowID: branch.repoRowID, id: id, branch: branch.branch, parent: head?.id, origin: .auto, description: "",
            state: .started, error: "", tree: head?.tree ?? emptyTree,
            sizeBytes: head?.sizeBytes ?? 0, fileCount: head?.fileCount ?? 0, startedAt: now, finishingAt: nil,
            finishedAt: nil, sequence: try await CommitRecords.nextSequence(transaction))
        try await CommitRecords.insert(transaction, row)
        try await BranchRecords.upsert(transaction, repoRowID: branch.repoRowID, name: branch.branch, head: id, now: now)
        for upstream in try await BranchRecords.directProvenance(transaction, repoRowID: branch.repoRowID, name: branch.branch) {
            guard let upstreamHead = try await BranchRecords.branch(transaction, repoRowID: upstream.repoRowID, name: upstream.branch)?.head else { continue }
            try await transaction.execute(
                "INSERT INTO commit_provenance (repo_id, commit_id, from_repo_id, from_commit_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [.text(branch.repoRowID), .text(id.value), .text(upstream.repoRowID), .text(upstreamHead.value)])
        }
        return CommitKey(repo: repo.repo, id: id)
    }

    /// Orders branches so that each comes after every branch of the set it is computed from.
    static func topologicalOrder(_ transaction: any SQLTransaction, _ branches: [(repoRowID: String, branch: String)]) async throws -> [(repoRowID: String, branch: String)] {
        func key(_ branch: (repoRowID: String, branch: String)) -> String { branch.repoRowID + "@" + branch.branch }
        let members = Set(branches.map(key))
        var upstreamOf: [String: Set<String>] = [:]
        for branch in branches {
            let direct = try await BranchRecords.directProvenance(transaction, repoRowID: branch.repoRowID, name: branch.branch)
            upstreamOf[key(branch)] = Set(direct.map(key)).intersection(members)
        }
        var ordered: [(repoRowID: String, branch: String)] = []
        var done = Set<String>()
        var remaining = branches
        while !remaining.isEmpty {
            let ready = remaining.filter { (upstreamOf[key($0)] ?? []).isSubset(of: done) }
            let next = ready.isEmpty ? remaining : ready
            for branch in next {
                ordered.append(branch)
                done.insert(key(branch))
            }
            remaining.removeAll { done.contains(key($0)) }
        }
        return ordered
    }
}

extension FileSystem {
    /// Opens a new AUTO commit (a fresh commit set) on a computed branch and everything
    /// downstream of it, so the branch is computed anew over its inputs' current heads
    /// (used when a pipeline is updated or rerun). Returns the new commit set id.
    @discardableResult
    public func recompute(_ branch: BranchID) async throws -> CommitID {
        let emptyRoot = try await trees.emptyRoot
        let now = clock.now()
        let id = CommitID.random()
        try await database.write { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            _ = try await Self.openAutoCommit(transaction, on: (repo.rowID, branch.name), id: id, now: now, emptyTree: emptyRoot)
            _ = try await Self.propagate(transaction, from: (repo.rowID, branch.name), id: id, now: now, emptyTree: emptyRoot)
        }
        await waiters.changedAll()
        return id
    }

    /// The open AUTO commits of a branch's repo made on that branch, oldest first: the work a
    /// pipeline still has to do.
    public func openComputedCommits(_ branch: BranchID) async throws -> [CommitInfo] {
        try await database.read { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            let rows = try await transaction.query(
                "SELECT \(CommitRecords.columns) FROM commits WHERE repo_id = ? AND branch = ? AND state < ? AND origin = ? ORDER BY seq",
                [.text(repo.rowID), .text(branch.name), .integer(Int64(CommitState.finishing.rawValue)), .integer(Int64(CommitOrigin.auto.rawValue))])
            var infos: [CommitInfo] = []
            for row in rows {
                infos.append(try await Self.commitInfo(transaction, repo: repo, row: try CommitRecords.commitRow(row)))
            }
            return infos
        }
    }
}
