import TuskCore

/// One file that differs between two trees: added (`old` nil), deleted (`new` nil) or
/// modified (both set, with different content).
public struct TreeChange: Hashable, Sendable {
    public var path: FilePath
    public var old: TreeEntry?
    public var new: TreeEntry?

    public init(path: FilePath, old: TreeEntry?, new: TreeEntry?) {
        self.path = path
        self.old = old
        self.new = new
    }
}

/// The file-level differences between two trees, found by walking both in step.
///
/// Subtrees whose node hashes are equal are skipped without loading, so the cost follows the
/// size of the change, not the size of the trees. Directories that appear or disappear are
/// reported as the files below them.
public struct TreeDiff: Sendable {
    public let store: TreeStore

    public init(store: TreeStore) {
        self.store = store
    }

    /// The changed files below `path` between the trees `old` and `new`, in path order.
    public func changes(old: ContentHash, new: ContentHash, under path: FilePath = .root) async throws -> [TreeChange] {
        if old == new { return [] }
        let reader = TreeReader(store: store)
        let oldEntry = try await reader.entry(at: path, root: old)
        let newEntry = try await reader.entry(at: path, root: new)
        var changes: [TreeChange] = []
        try await compare(oldEntry, newEntry, at: path, into: &changes)
        return changes
    }

    private func compare(_ old: TreeEntry?, _ new: TreeEntry?, at path: FilePath, into changes: inout [TreeChange]) async throws {
        switch (old?.kind, new?.kind) {
        case (nil, nil):
            return
        case (.file(let oldContent), .file(let newContent)):
            if oldContent != newContent { changes.append(TreeChange(path: path, old: old, new: new)) }
        case (.directory(let oldSummary), .directory(let newSummary)):
            if oldSummary.hash == newSummary.hash { return }
            let oldEntries = try await store.node(oldSummary.hash).entries
            let newEntries = try await store.node(newSummary.hash).entries
            try await compareChildren(oldEntries, newEntries, at: path, into: &changes)
        case (.file, .directory):
            // A file "x" sorts before the paths "x/..." below a directory of the same name.
            changes.append(TreeChange(path: path, old: old, new: nil))
            try await compare(nil, new, at: path, into: &changes)
        case (.directory, .file):
            changes.append(TreeChange(path: path, old: nil, new: new))
            try await compare(old, nil, at: path, into: &changes)
        case (.file, nil), (nil, .file):
            changes.append(TreeChange(path: path, old: old, new: new))
        case (.directory(let summary), nil):
            try await compareChildren(try await store.node(summary.hash).entries, [], at: path, into: &changes)
        case (nil, .directory(let summary)):
            try await compareChildren([], try await store.node(summary.hash).entries, at: path, into: &changes)
        }
    }

    /// Merges two sorted entry lists by sort key and compares entries with equal keys.
    private func compareChildren(_ old: [TreeEntry], _ new: [TreeEntry], at path: FilePath, into changes: inout [TreeChange]) async throws {
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            let order: Int
            if oldIndex == old.count {
                order = 1
            } else if newIndex == new.count {
                order = -1
            } else {
                let left = old[oldIndex]
                let right = new[newIndex]
                order = TreeEntry.compareSortKeys(left.name, left.isDirectory, right.name, right.isDirectory)
            }
            if order < 0 {
                try await compare(old[oldIndex], nil, at: path.appending(old[oldIndex].name), into: &changes)
                oldIndex += 1
            } else if order > 0 {
                try await compare(nil, new[newIndex], at: path.appending(new[newIndex].name), into: &changes)
                newIndex += 1
            } else {
                try await compare(old[oldIndex], new[newIndex], at: path.appending(old[oldIndex].name), into: &changes)
                oldIndex += 1
                newIndex += 1
            }
        }
    }
}
