import TuskCore

/// Looks up, lists and walks a stored tree, loading only the nodes on the way.
///
/// Lookups follow one path from the root; walks load a directory's node only when they enter
/// it, and callers prune whole subtrees with `descend`, so the cost follows the part of the
/// tree visited, not the size of the commit.
public struct TreeReader: Sendable {
    public let store: TreeStore

    public init(store: TreeStore) {
        self.store = store
    }

    /// The entry at `path` in the tree `root`, or nil when there is none. The root itself is a
    /// directory entry named "".
    public func entry(at path: FilePath, root: ContentHash) async throws -> TreeEntry? {
        var current = TreeEntry(name: "", kind: .directory(try await rootSummary(root)))
        for name in path.components {
            guard case .directory(let summary) = current.kind,
                  let child = try await store.node(summary.hash).entry(named: name) else { return nil }
            current = child
        }
        return current
    }

    /// The entries of the directory at `directory`, in listing order. Throws `.notFound` when
    /// there is no such path and `.invalidArgument` when it is a file.
    public func children(of directory: FilePath, root: ContentHash) async throws -> [TreeEntry] {
        guard let entry = try await entry(at: directory, root: root) else {
            throw TuskError.notFound("directory \"\(directory)\" does not exist", location: directory.string)
        }
        guard case .directory(let summary) = entry.kind else {
            throw TuskError.invalid("\"\(directory)\" is a file, not a directory", location: directory.string)
        }
        return try await store.node(summary.hash).entries
    }

    /// Visits the entry at `path` and, for a directory, everything below it: pre-order, a
    /// directory before its children, children in listing order (so full paths come in
    /// Pachyderm's order, `/a.txt` before `/a/b`). A directory's children are visited only when
    /// `descend(directory path)` is true. The walk stops when `visit` returns false. A missing
    /// `path` visits nothing.
    public func walk(
        root: ContentHash,
        from path: FilePath = .root,
        descend: (FilePath) -> Bool = { _ in true },
        visit: (FilePath, TreeEntry) async throws -> Bool
    ) async throws {
        guard let start = try await entry(at: path, root: root) else { return }
        _ = try await walk(start, at: path, descend: descend, visit: visit)
    }

    /// Walks one entry and its subtree; false when the visitor asked to stop.
    private func walk(
        _ entry: TreeEntry,
        at path: FilePath,
        descend: (FilePath) -> Bool,
        visit: (FilePath, TreeEntry) async throws -> Bool
    ) async throws -> Bool {
        guard try await visit(path, entry) else { return false }
        guard case .directory(let summary) = entry.kind, descend(path) else { return true }
        for child in try await store.node(summary.hash).entries {
            guard try await walk(child, at: path.appending(child.name), descend: descend, visit: visit) else { return false }
        }
        return true
    }

    /// The summary of the whole tree `root`, loading its root node.
    public func summary(root: ContentHash) async throws -> TreeSummary {
        let directory = try await rootSummary(root)
        return TreeSummary(root: root, size: directory.size, fileCount: directory.fileCount)
    }

    private func rootSummary(_ root: ContentHash) async throws -> DirectorySummary {
        try await store.node(root).summary(hash: root)
    }
}
