import Foundation
import TuskCore
import TuskMetadata
import TuskStorage

/// Reading files: inspect, list, walk, glob, read, archive, diff.
extension FileSystem {
    /// A resolved commit ready for reading: its identity, state and tree root.
    struct Snapshot: Sendable {
        var key: CommitKey
        var tree: ContentHash
        var committed: Timestamp?
    }

    func snapshot(_ selector: CommitSelector) async throws -> Snapshot {
        try await database.read { transaction in
            let (repo, row) = try await Self.resolve(transaction, selector)
            return Snapshot(key: CommitKey(repo: repo.repo, id: row.id), tree: row.tree, committed: row.finishingAt)
        }
    }

    func fileInfo(_ snapshot: Snapshot, path: FilePath, entry: TreeEntry) -> FileInfo {
        switch entry.kind {
        case .file(let content):
            return FileInfo(commit: snapshot.key, path: path, isDirectory: false, sizeBytes: content.size, hash: content.hash,
                            committed: snapshot.committed, content: content)
        case .directory(let summary):
            return FileInfo(commit: snapshot.key, path: path, isDirectory: true, sizeBytes: summary.size, hash: summary.hash,
                            committed: snapshot.committed, content: nil)
        }
    }

    /// `fileInfo` with a split directory's header and footer applied to its files.
    func decoratedInfo(_ snapshot: Snapshot, path: FilePath, entry: TreeEntry, decorations: SplitDecorations) async throws -> FileInfo {
        var info = fileInfo(snapshot, path: path, entry: entry)
        guard case .file(let body) = entry.kind else { return info }
        let (content, parts) = try await decorations.compose(body, at: path)
        if let parts {
            info.content = content
            info.sizeBytes = content.size
            info.hash = content.hash
            info.splitBody = body
            info.splitParts = parts
        }
        return info
    }

    func decorations(_ snapshot: Snapshot) -> SplitDecorations {
        SplitDecorations(reader: TreeReader(store: trees), root: snapshot.tree)
    }

    /// Describes one file or directory; NOT_FOUND when nothing is at `path`.
    public func inspectFile(_ selector: CommitSelector, path: FilePath) async throws -> FileInfo {
        let snapshot = try await snapshot(selector)
        guard let entry = try await TreeReader(store: trees).entry(at: path, root: snapshot.tree) else {
            throw TuskError.notFound("file \(path) not found in \(snapshot.key.repo)@\(snapshot.key.id)", location: "\(selector):\(path)")
        }
        return try await decoratedInfo(snapshot, path: path, entry: entry, decorations: decorations(snapshot))
    }

    /// The immediate children of a directory (or the file itself when `path` is a file), in path order.
    public func listFiles(_ selector: CommitSelector, path: FilePath) async throws -> [FileInfo] {
        let snapshot = try await snapshot(selector)
        let reader = TreeReader(store: trees)
        guard let entry = try await reader.entry(at: path, root: snapshot.tree) else {
            throw TuskError.notFound("path \(path) not found in \(snapshot.key.repo)@\(snapshot.key.id)", location: "\(selector):\(path)")
        }
        let decorations = decorations(snapshot)
        guard case .directory = entry.kind else { return [try await decoratedInfo(snapshot, path: path, entry: entry, decorations: decorations)] }
        var infos: [FileInfo] = []
        for child in try await reader.children(of: path, root: snapshot.tree) where !SplitDirectory.isReserved(child.name) {
            infos.append(try await decoratedInfo(snapshot, path: path.appending(child.name), entry: child, decorations: decorations))
        }
        return infos
    }

    /// Visits `path` and everything below it in pre-order; `visit` returns false to stop.
    public func walkFiles(_ selector: CommitSelector, path: FilePath, visit: @Sendable (FileInfo) async throws -> Bool) async throws {
        let snapshot = try await snapshot(selector)
        let reader = TreeReader(store: trees)
        guard try await reader.entry(at: path, root: snapshot.tree) != nil else {
            throw TuskError.notFound("path \(path) not found in \(snapshot.key.repo)@\(snapshot.key.id)", location: "\(selector):\(path)")
        }
        let decorations = decorations(snapshot)
        try await reader.walk(root: snapshot.tree, from: path, descend: { _ in true }) { filePath, entry in
            if SplitDirectory.isReserved(entry.name) { return true }
            return try await visit(self.decoratedInfo(snapshot, path: filePath, entry: entry, decorations: decorations))
        }
    }

    /// Files and directories whose path matches the glob pattern, in path order.
    public func globFiles(_ selector: CommitSelector, pattern: String) async throws -> [FileInfo] {
        let glob = try GlobPattern(pattern)
        let snapshot = try await snapshot(selector)
        let collector = Collector<FileInfo>()
        let decorations = decorations(snapshot)
        try await TreeReader(store: trees).walk(root: snapshot.tree, from: .root, descend: { glob.mayMatchBelow($0.string) }) { path, entry in
            if glob.matches(path.string) && !SplitDirectory.isReserved(entry.name) {
                await collector.append(try await self.decoratedInfo(snapshot, path: path, entry: entry, decorations: decorations))
            }
            return true
        }
        return await collector.items
    }

    /// Every file and directory matched by `pattern`, plus everything below matched directories,
    /// in path order with directories before their contents (the GetFileTAR listing).
    public func archiveEntries(_ selector: CommitSelector, pattern: String, visit: @Sendable @escaping (FileInfo) async throws -> Void) async throws -> Int {
        let glob = try GlobPattern(pattern)
        let snapshot = try await snapshot(selector)
        let state = ArchiveWalkState()
        let decorations = decorations(snapshot)
        try await TreeReader(store: trees).walk(root: snapshot.tree, from: .root, descend: { directory in
            state.isUnderMatch(directory) || glob.mayMatchBelow(directory.string)
        }) { path, entry in
            if path.isRoot && !glob.matches("/") { return true }
            if SplitDirectory.isReserved(entry.name) { return true }
            if state.isUnderMatch(path) || glob.matches(path.string) {
                if case .directory = entry.kind { state.setMatched(path) }
                if !path.isRoot { try await visit(try await self.decoratedInfo(snapshot, path: path, entry: entry, decorations: decorations)) }
                state.count += 1
            }
            return true
        }
        return state.count
    }

    /// Opens the single regular file matched by `pattern` for reading from `offset`.
    public func openFile(_ selector: CommitSelector, pattern: String, offset: Int64 = 0) async throws -> (FileInfo, AsyncThrowingStream<Data, any Error>) {
        let (info, readable) = try await readableFile(selector, pattern: pattern)
        return (info, readContent(readable, offset: offset))
    }

    /// The single regular file matched by `pattern` as `GetFile` reads it: the match's info and
    /// an info whose `content` lists the chunks to read, in order. They differ for split
    /// directories: all the record files of one directory read as the file that was split (its
    /// header once, each file's records in path order, its footer once), and the directory
    /// itself reads as its header and footer. Refuses no match, several unrelated matches and
    /// plain directories.
    public func readableFile(_ selector: CommitSelector, pattern: String) async throws -> (match: FileInfo, readable: FileInfo) {
        let matches = try await globFiles(selector, pattern: pattern)
        guard let first = matches.first else {
            throw TuskError.notFound("file \(pattern) not found in \(selector)", location: "\(selector):\(pattern)")
        }
        if matches.count > 1 {
            if let whole = splitDirectoryWhole(matches) { return (first, whole) }
            throw TuskError.invalid("\(pattern) matches \(matches.count) files in \(selector); Use GetFileTAR instead", location: "\(selector):\(pattern)")
        }
        if first.isDirectory {
            // A split directory reads as its header and footer (Pachyderm 1.x).
            let parts = try await decorations(try await snapshot(selector)).parts(of: first.path)
            if parts.header != nil || parts.footer != nil {
                var info = first
                info.content = FileContent(chunks: (parts.header?.chunks ?? []) + (parts.footer?.chunks ?? []))
                return (first, info)
            }
            throw TuskError.invalid("\(first.displayPath) in \(selector) is a directory; Use GetFileTAR instead", location: "\(selector):\(pattern)")
        }
        return (first, first)
    }

    /// Several record files of one split directory read together: the header once, each file's
    /// own records in path order, the footer once, which gives back the file that was split.
    /// Nil when the matches are not all files of one split directory.
    func splitDirectoryWhole(_ matches: [FileInfo]) -> FileInfo? {
        guard let parts = matches.first?.splitParts, let parent = matches.first?.path.parent,
              matches.allSatisfy({ $0.splitParts == parts && $0.path.parent == parent && $0.splitBody != nil }) else { return nil }
        let bodies = matches.sorted { $0.path.string < $1.path.string }.compactMap(\.splitBody)
        var info = matches[0]
        info.path = parent
        info.content = FileContent(chunks: (parts.header?.chunks ?? []) + bodies.flatMap(\.chunks) + (parts.footer?.chunks ?? []))
        return info
    }

    /// Where the chunks of `content` lie as files on this host, in order, or nil when the
    /// object store is not a local directory. For readers on the same host that read and
    /// verify the bytes themselves (`tusk get file` short-circuit reads).
    public func localChunkPaths(_ content: FileContent) -> [String]? {
        contents.localPaths(of: content.chunks)
    }

    /// Streams a file's bytes, verifying every chunk; a corrupt or missing object is reported
    /// with the repo, commit and path it belongs to.
    public func readContent(_ info: FileInfo, offset: Int64 = 0) -> AsyncThrowingStream<Data, any Error> {
        guard let content = info.content else {
            return AsyncThrowingStream { $0.finish(throwing: TuskError.invalid("\(info.displayPath) is a directory")) }
        }
        let cursor = FileReader(store: contents).cursor(of: content, offset: offset)
        let context = "\(info.commit.repo)@\(info.commit.id):\(info.path)"
        // Pull-based end to end: chunks are read as the consumer asks (plus the cursor's small
        // read-ahead), so a slow reader never makes the rest of the file pile up in memory.
        return AsyncThrowingStream(unfolding: {
            do {
                return try await cursor.next()
            } catch let error as TuskError {
                var located = error
                located.message = "reading \(context): \(error.message)"
                located.location = context
                throw located
            }
        })
    }

    /// File-level differences between `newPath` in `new` and `oldPath` in `old` (default: the
    /// same path in the parent of `new`), in path order.
    public func diffFiles(new: CommitSelector, newPath: FilePath, old: CommitSelector?, oldPath: FilePath?) async throws -> [FileDifference] {
        let newSnapshot = try await snapshot(new)
        let oldSnapshot: Snapshot?
        if let old {
            oldSnapshot = try await snapshot(old)
        } else {
            oldSnapshot = try await database.read { transaction -> Snapshot? in
                let (repo, row) = try await Self.resolve(transaction, new)
                guard let parent = row.parent, let parentRow = try await CommitRecords.commit(transaction, repoRowID: repo.rowID, id: parent) else { return nil }
                return Snapshot(key: CommitKey(repo: repo.repo, id: parent), tree: parentRow.tree, committed: parentRow.finishingAt)
            }
        }
        let reader = TreeReader(store: trees)
        let oldRootPath = oldPath ?? newPath
        let newSide = try await subtree(reader, newSnapshot.tree, newPath)
        let oldSide = try await oldSnapshot.asyncMap { try await subtree(reader, $0.tree, oldRootPath) } ?? nil
        let empty = try await trees.emptyRoot
        let newBase = newSide?.base ?? newPath
        let oldBase = oldSide?.base ?? oldRootPath
        let changes = try await TreeDiff(store: trees).changes(old: oldSide?.root ?? empty, new: newSide?.root ?? empty)
        return changes.filter { !SplitDirectory.isReserved($0.path.name) }.map { change in
            FileDifference(
                new: change.new.map { fileInfo(newSnapshot, path: newBase.appending(change.path), entry: $0) },
                old: change.old.flatMap { entry in oldSnapshot.map { fileInfo($0, path: oldBase.appending(change.path), entry: entry) } })
        }
    }

    /// The tree to diff for `path`: a directory's own node, or for a file a one-entry tree
    /// holding it, with the path that tree's entries are relative to.
    private func subtree(_ reader: TreeReader, _ root: ContentHash, _ path: FilePath) async throws -> (root: ContentHash, base: FilePath)? {
        guard let entry = try await reader.entry(at: path, root: root) else { return nil }
        switch entry.kind {
        case .directory(let summary):
            return (summary.hash, path)
        case .file(let content):
            var editor = TreeEditor(store: trees, base: try await trees.emptyRoot)
            try await editor.put(FilePath(trustedComponents: [path.name]), content)
            return (try await editor.commit().root, path.parent ?? .root)
        }
    }
}

/// One changed path of a diff: the new version, the old version, or both when modified.
public struct FileDifference: Sendable {
    public var new: FileInfo?
    public var old: FileInfo?
}

/// Gathers results from a `@Sendable` visitor.
actor Collector<Item: Sendable> {
    private(set) var items: [Item] = []
    func append(_ item: Item) { items.append(item) }
}

/// Tracks the most recently matched directory during an archive walk (visits are sequential).
final class ArchiveWalkState: @unchecked Sendable {
    private var matched: FilePath?
    var count = 0

    func isUnderMatch(_ path: FilePath) -> Bool {
        guard let matched else { return false }
        return path != matched && path.hasPrefix(matched) || path == matched
    }

    func setMatched(_ path: FilePath) {
        if let matched, path.hasPrefix(matched) { return }
        matched = path
    }
}
