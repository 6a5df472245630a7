import TuskCore
import TuskMetadata

/// Turning what a client wrote (`images@master^2`, `images@<id>`) into one commit row.
extension FileSystem {
    static func resolve(_ transaction: any SQLTransaction, _ selector: CommitSelector) async throws -> (RepoRow, CommitRow) {
        let repo = try await RepoRecords.requireRepo(transaction, selector.repo)
        let base: CommitRow
        if let id = selector.id {
            guard let row = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: id) else {
                throw TuskError.notFound("commit \(id) not found in repo \(selector.repo)", location: selector.description)
            }
            base = row
        } else if let branchName = selector.branch {
            guard let branch = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branchName) else {
                throw TuskError.notFound("branch \"\(branchName)\" not found in repo \(selector.repo); list branches with `tusk list branch \(selector.repo.name)`", location: selector.description)
            }
            guard let head = branch.head, let row = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: head) else {
                throw TuskError.notFound("branch \"\(branchName)\" of repo \(selector.repo) has no commits yet", location: selector.description)
            }
            base = row
        } else {
            throw TuskError.invalid("\"\(selector.repo)\" names no commit; write repo@branch or repo@<commit id>", location: selector.description)
        }
        return (repo, try await walk(transaction, from: base, ancestry: selector.ancestry, selector: selector))
    }

    static func walk(_ transaction: any SQLTransaction, from base: CommitRow, ancestry: Ancestry, selector: CommitSelector) async throws -> CommitRow {
        switch ancestry {
        case .none:
            return base
        case .ancestor(let count):
            var current = base
            for step in 0..<count {
                guard let parent = current.parent,
                      let row = try await CommitRecords.commit(transaction, repoRowID: current.repoRowID, id: parent) else {
                    throw TuskError.notFound(
                        "\(selector) does not exist: the commit has only \(step) ancestor(s)", location: selector.description)
                }
                current = row
            }
            return current
        case .fromOldest(let index):
            var chain = [base]
            var current = base
            while let parent = current.parent, let row = try await CommitRecords.commit(transaction, repoRowID: current.repoRowID, id: parent) {
                chain.append(row)
                current = row
            }
            guard index >= 1, index <= chain.count else {
                throw TuskError.notFound("\(selector) does not exist: the ancestry holds \(chain.count) commit(s)", location: selector.description)
            }
            return chain[chain.count - index]
        }
    }

    static func commitInfo(_ transaction: any SQLTransaction, repo: RepoRow, row: CommitRow) async throws -> CommitInfo {
        let children = try await CommitRecords.children(transaction, repoRowID: repo.rowID, id: row.id)
        var provenance: [CommitKey] = []
        for (repoRowID, id) in try await CommitRecords.provenance(transaction, repoRowID: repo.rowID, id: row.id) {
            if let other = try await RepoRecords.repo(transaction, rowID: repoRowID) {
                provenance.append(CommitKey(repo: other.repo, id: id))
            }
        }
        var subvenance: [CommitKey] = []
        for (repoRowID, id) in try await CommitRecords.subvenance(transaction, repoRowID: repo.rowID, id: row.id) {
            if let other = try await RepoRecords.repo(transaction, rowID: repoRowID) {
                subvenance.append(CommitKey(repo: other.repo, id: id))
            }
        }
        return CommitInfo(
            key: CommitKey(repo: repo.repo, id: row.id), branch: row.branch, parent: row.parent, children: children,
            origin: row.origin, description: row.description, state: row.state, error: row.error,
            startedAt: row.startedAt, finishingAt: row.finishingAt, finishedAt: row.finishedAt,
            sizeBytes: row.sizeBytes, fileCount: row.fileCount, tree: row.tree,
            directProvenance: provenance, directSubvenance: subvenance)
    }
}
