import TuskCore
import TuskMetadata
import TuskStorage

extension FileSystem {
    /// Opens a new commit on `branch` (creating the branch if needed). Its parent is `parent`
    /// when given, else the branch head, which must be finished.
    public func startCommit(on branch: BranchID, parent: CommitSelector? = nil, description: String = "", origin: CommitOrigin = .user) async throws -> CommitInfo {
        let emptyRoot = try await trees.emptyRoot
        let now = clock.now()
        return try await database.write { transaction in
            let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
            let existing = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name)
            if origin == .user, existing != nil,
               !(try await BranchRecords.directProvenance(transaction, repoRowID: repo.rowID, name: branch.name)).isEmpty {
                throw TuskError.precondition(
                    "branch \(branch) is computed from other branches (it has provenance); its commits are made by the system, not started by hand", location: branch.description)
            }
            var parentRow: CommitRow?
            if let parent {
                parentRow = try await Self.resolve(transaction, parent).1
            } else if let head = existing?.head {
                parentRow = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: head)
            }
            if let parentRow, parentRow.state < .finishing {
                throw TuskError.precondition(
                    "parent commit \(parentRow.id) on \(branch) is still open; finish it with `tusk finish commit \(branch.repo.name)@\(parentRow.id)` before starting another", location: branch.description)
            }
            let row = CommitRow(
                repoRowID: repo.rowID, id: CommitID.random(), branch: branch.name, parent: parentRow?.id, origin: origin,
                description: description, state: .started, error: "", tree: parentRow?.tree ?? emptyRoot,
                sizeBytes: parentRow?.sizeBytes ?? 0, fileCount: parentRow?.fileCount ?? 0, startedAt: now,
                finishingAt: nil, finishedAt: nil, sequence: try await CommitRecords.nextSequence(transaction))
            try await CommitRecords.insert(transaction, row)
            try await BranchRecords.upsert(transaction, repoRowID: repo.rowID, name: branch.name, head: row.id, now: now)
            _ = try await Self.propagate(transaction, from: (repo.rowID, branch.name), id: row.id, now: now, emptyTree: emptyRoot)
            return try await Self.commitInfo(transaction, repo: repo, row: row)
        }
    }

    /// Finishes an open commit, making it immutable. A non-empty `error` marks it errored.
    public func finishCommit(_ selector: CommitSelector, description: String? = nil, error: String = "", force: Bool = false) async throws {
        let (repo, row) = try await database.read { transaction in try await Self.resolve(transaction, selector) }
        try await commitLocks.withLock(CommitWaiters.key(repoRowID: repo.rowID, id: row.id)) {
            let now = self.clock.now()
            try await self.database.write { transaction in
                var sql = "UPDATE commits SET state = ?, finishing_at = ?, finished_at = ?, error = ?"
                var binds: [SQLValue] = [.integer(Int64(CommitState.finished.rawValue)), .integer(now.microseconds), .integer(now.microseconds), .text(error)]
                if let description {
                    sql += ", description = ?"
                    binds.append(.text(description))
                }
                sql += " WHERE repo_id = ? AND id = ? AND state < ?"
                binds += [.text(repo.rowID), .text(row.id.value), .integer(Int64(CommitState.finishing.rawValue))]
                if try await transaction.execute(sql, binds) != 1 {
                    throw TuskError.precondition("commit \(repo.repo)@\(row.id) is already finished", location: selector.description)
                }
            }
        }
        await waiters.changed(CommitWaiters.key(repoRowID: repo.rowID, id: row.id))
    }

    /// Describes a commit; with `wait`, blocks until it reaches that state (cancellable).
    public func inspectCommit(_ selector: CommitSelector, wait: CommitState? = nil) async throws -> CommitInfo {
        let (repo, first) = try await database.read { transaction in try await Self.resolve(transaction, selector) }
        let key = CommitWaiters.key(repoRowID: repo.rowID, id: first.id)
        while true {
            let token = await waiters.register(key)
            let info: CommitInfo? = try await database.read { transaction in
                guard let row = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: first.id) else { return nil }
                return try await Self.commitInfo(transaction, repo: repo, row: row)
            }
            guard let info else {
                await waiters.unregister(key, token: token)
                throw TuskError.notFound("commit \(repo.repo)@\(first.id) no longer exists", location: selector.description)
            }
            if try await satisfied(info, wait) {
                await waiters.unregister(key, token: token)
                return info
            }
            try Task.checkCancellation()
            await waiters.wait(key, token: token)
            try Task.checkCancellation()
        }
    }

    private func satisfied(_ info: CommitInfo, _ wait: CommitState?) async throws -> Bool {
        guard let wait else { return true }
        if wait == .ready {
            for upstream in info.directProvenance {
                let other = try await inspectCommit(.commit(upstream))
                if other.state < .finished { return false }
            }
            return true
        }
        return info.state >= wait
    }

    /// Lists a repo's commits, newest first. With `to`, walks back from that commit through
    /// parents, stopping before `from`; `number` limits the count (0 = all).
    public func listCommits(_ repo: RepoID, from: CommitSelector? = nil, to: CommitSelector? = nil, number: Int = 0, reverse: Bool = false) async throws -> [CommitInfo] {
        if from != nil && to == nil {
            throw TuskError.invalid("listing commits \"from\" a commit needs a \"to\" commit (or a branch) to walk back from", location: repo.description)
        }
        return try await database.read { transaction in
            let repoRow = try await RepoRecords.requireRepo(transaction, repo)
            var rows: [CommitRow] = []
            if let to {
                let stop = try await from.asyncMap { try await Self.resolve(transaction, $0).1.id }
                var current: CommitRow? = try await Self.resolve(transaction, to).1
                while let row = current, row.id != stop {
                    rows.append(row)
                    if number > 0 && rows.count >= number && !reverse { break }
                    current = try await row.parent.asyncMap { try await CommitRecords.commit(transaction, repoRowID: repoRow.rowID, id: $0) } ?? nil
                }
            } else {
                rows = try await CommitRecords.commits(transaction, repoRowID: repoRow.rowID)
            }
            if reverse { rows.reverse() }
            if number > 0 && rows.count > number { rows = Array(rows.prefix(number)) }
            var infos: [CommitInfo] = []
            for row in rows { infos.append(try await Self.commitInfo(transaction, repo: repoRow, row: row)) }
            return infos
        }
    }

    /// Discards everything written to an open commit so far.
    public func clearCommit(_ selector: CommitSelector) async throws {
        let emptyRoot = try await trees.emptyRoot
        let (repo, row) = try await database.read { transaction in try await Self.resolve(transaction, selector) }
        try await commitLocks.withLock(CommitWaiters.key(repoRowID: repo.rowID, id: row.id)) {
            try await self.database.write { transaction in
                var tree = emptyRoot
                var size: Int64 = 0
                var count: Int64 = 0
                if let parent = row.parent, let parentRow = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: parent) {
                    (tree, size, count) = (parentRow.tree, parentRow.sizeBytes, parentRow.fileCount)
                }
                let changed = try await transaction.execute(
                    "UPDATE commits SET tree = ?, size_bytes = ?, file_count = ? WHERE repo_id = ? AND id = ? AND state = ?",
                    [.text(tree.hex), .integer(size), .integer(count), .text(repo.rowID), .text(row.id.value), .integer(Int64(CommitState.started.rawValue))])
                if changed != 1 {
                    throw TuskError.precondition("commit \(repo.repo)@\(row.id) is finished; only open commits can be cleared", location: selector.description)
                }
            }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): return try await transform(value)
        case .none: return nil
        }
    }
}
