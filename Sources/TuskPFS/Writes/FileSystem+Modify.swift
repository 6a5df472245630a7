import Foundation
import TuskCore
import TuskMetadata
import TuskStorage

/// Writing files: the engine side of `ModifyFile`.
extension FileSystem {
    /// Applies a stream of file operations to `target` atomically: either all of them become
    /// visible in the commit or none do. Bytes are chunked and stored while the stream arrives
    /// and made durable before any metadata refers to them. Returns the commit written.
    @discardableResult
    public func modifyFiles<Operations: AsyncSequence & Sendable>(_ target: WriteTarget, _ operations: Operations) async throws -> CommitID
    where Operations.Element == FileOperation {
        try await checkTarget(target)
        let edits = try await stage(operations)
        try await contents.sync()
        return try await apply(edits, to: target)
    }

    /// Fails fast (before any bytes are stored) when the target cannot be written.
    private func checkTarget(_ target: WriteTarget) async throws {
        switch target {
        case .commit(let selector):
            let (repo, row) = try await database.read { transaction in try await Self.resolve(transaction, selector) }
            if row.state >= .finishing {
                throw TuskError.precondition("commit \(repo.repo)@\(row.id) is finished; start a new commit or write to a branch", location: selector.description)
            }
        case .branch(let branch):
            try await database.read { transaction in
                let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
                if !(try await BranchRecords.directProvenance(transaction, repoRowID: repo.rowID, name: branch.name)).isEmpty {
                    throw TuskError.precondition("branch \(branch) is computed from other branches; it cannot be written directly", location: branch.description)
                }
            }
        }
    }

    /// Consumes the operation stream, storing file bytes as they arrive.
    ///
    /// A file's last bytes are stored (hashed, written, renamed into place) by a task of its own
    /// while the next files arrive, up to eight at a time (`StagedEdits`), so ingesting many
    /// small files uses every core; the edits keep the order of the stream.
    private func stage<Operations: AsyncSequence>(_ operations: Operations) async throws -> [StagedEdit] where Operations.Element == FileOperation {
        var staged = StagedEdits()
        defer { staged.cancel() }
        var pendingPath: FilePath?
        var writer = FileWriter(store: contents)
        func flush() async throws {
            if let path = pendingPath {
                try await staged.finish(path, writer)
                pendingPath = nil
                writer = FileWriter(store: contents)
            }
        }
        for try await operation in operations {
            switch operation {
            case .append(let path, let data):
                if let current = pendingPath, current != path { try await flush() }
                pendingPath = path
                try await writer.write(data)
            case .appendStored(let path, let content):
                try await flush()
                staged.append(.append(path, content))
            case .appendURL(let path, let url):
                try await flush()
                staged.append(.append(path, try await fetch(url, path: path)))
            case .delete(let path):
                try await flush()
                staged.append(.delete(path))
            case .copy(let source, let sourcePath, let destination, let append):
                try await flush()
                let snapshot = try await snapshot(source)
                guard let entry = try await TreeReader(store: trees).entry(at: sourcePath, root: snapshot.tree) else {
                    throw TuskError.notFound("copy source \(sourcePath) not found in \(snapshot.key.repo)@\(snapshot.key.id)", location: "\(source):\(sourcePath)")
                }
                staged.append(.copy(entry.kind, destination, append: append))
            }
        }
        try await flush()
        return try await staged.edits()
    }

    private func fetch(_ url: String, path: FilePath) async throws -> FileContent {
        guard let urlFetcher else {
            throw TuskError(.unimplemented, "this server cannot fetch URLs (\(url)) for \(path)")
        }
        var writer = FileWriter(store: contents)
        for try await bytes in try await urlFetcher.fetch(url) {
            try await writer.write(Data(bytes))
        }
        return try await writer.finish()
    }

    private func apply(_ edits: [StagedEdit], to target: WriteTarget) async throws -> CommitID {
        switch target {
        case .commit(let selector):
            let (repo, row) = try await database.read { transaction in try await Self.resolve(transaction, selector) }
            try await applyToOpenCommit(edits, repo: repo, id: row.id, location: selector.description)
            return row.id
        case .branch(let branch):
            return try await applyToBranch(edits, branch: branch)
        }
    }

    private func applyToOpenCommit(_ edits: [StagedEdit], repo: RepoRow, id: CommitID, location: String) async throws {
        try await commitLocks.withLock(CommitWaiters.key(repoRowID: repo.rowID, id: id)) {
            guard let row = try await self.database.read({ transaction in try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: id) }) else {
                throw TuskError.notFound("commit \(repo.repo)@\(id) no longer exists", location: location)
            }
            let summary = try await self.applyEdits(edits, base: row.tree)
            try await self.database.write { transaction in
                let changed = try await transaction.execute(
                    "UPDATE commits SET tree = ?, size_bytes = ?, file_count = ? WHERE repo_id = ? AND id = ? AND state = ?",
                    [.text(summary.root.hex), .integer(summary.size), .integer(summary.fileCount), .text(repo.rowID), .text(id.value),
                     .integer(Int64(CommitState.started.rawValue))])
                if changed != 1 {
                    throw TuskError.precondition("commit \(repo.repo)@\(id) was finished while the write was in progress; nothing was written", location: location)
                }
            }
        }
    }

    /// Writes into the branch's open head, or makes a one-off commit on it. The head moves by
    /// compare-and-swap, retried a bounded number of times (with a growing, jittered pause) if a
    /// writer of another process moved it first; writers of this process queue per branch.
    private func applyToBranch(_ edits: [StagedEdit], branch: BranchID) async throws -> CommitID {
        try await branchLocks.withLock(branch.description) {
            try await self.applyToBranchUnlocked(edits, branch: branch)
        }
    }

    private func applyToBranchUnlocked(_ edits: [StagedEdit], branch: BranchID) async throws -> CommitID {
        let emptyRoot = try await trees.emptyRoot
        for attempt in 0..<Self.branchWriteAttempts {
            if attempt > 0 {
                let ceiling = min(100, 1 << min(attempt, 7))
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
            }
            let (repo, head) = try await database.read { transaction -> (RepoRow, CommitRow?) in
                let repo = try await RepoRecords.requireRepo(transaction, branch.repo)
                let headID = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name)?.head
                return (repo, try await headID.asyncMap { try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: $0) } ?? nil)
            }
            if let head, head.state < .finishing {
                try await applyToOpenCommit(edits, repo: repo, id: head.id, location: branch.description)
                return head.id
            }
            let summary = try await applyEdits(edits, base: head?.tree ?? emptyRoot)
            let now = clock.now()
            let id = CommitID.random()
            let moved = try await database.write { transaction -> Bool in
                let current = try await BranchRecords.branch(transaction, repoRowID: repo.rowID, name: branch.name)
                guard current?.head == head?.id else { return false }
                let row = CommitRow(
                    repoRowID: repo.rowID, id: id, branch: branch.name, parent: head?.id, origin: .user, description: "",
                    state: .finished, error: "", tree: summary.root, sizeBytes: summary.size, fileCount: summary.fileCount,
                    startedAt: now, finishingAt: now, finishedAt: now, sequence: try await CommitRecords.nextSequence(transaction))
                try await CommitRecords.insert(transaction, row)
                if current == nil {
                    try await BranchRecords.upsert(transaction, repoRowID: repo.rowID, name: branch.name, head: id, now: now)
                } else if !(try await BranchRecords.moveHead(transaction, repoRowID: repo.rowID, name: branch.name, from: head?.id, to: id, now: now)) {
                    return false
                }
                _ = try await Self.propagate(transaction, from: (repo.rowID, branch.name), id: id, now: now, emptyTree: emptyRoot)
                return true
            }
            if moved {
                await waiters.changed(CommitWaiters.key(repoRowID: repo.rowID, id: id))
                return id
            }
        }
        throw TuskError(.aborted, "branch \(branch) kept moving while writing; nothing was written, retry the write", location: branch.description)
    }

    /// Compare-and-swap attempts of one branch write before it gives up.
    static let branchWriteAttempts = 24

    func applyEdits(_ edits: [StagedEdit], base: ContentHash) async throws -> TreeSummary {
        var editor = TreeEditor(store: trees, base: base)
        for edit in edits { try await edit.apply(to: &editor) }
        let summary = try await editor.commit()
        try await contents.sync()
        return summary
    }
}
