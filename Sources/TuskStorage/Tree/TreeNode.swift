import TuskCore

/// One directory of a commit's file tree: its entries, sorted, each a file (with its chunk
/// list) or a subdirectory (by node hash, with totals).
///
/// Nodes are immutable and stored by the SHA-256 of their encoding, so two commits whose
/// directories are equal share the stored node, and a commit that changes a few files writes
/// only the nodes on those files' paths. Entries are sorted by name, with `/` appended to
/// directory names, which makes a pre-order walk list full paths in Pachyderm's order.
public struct TreeNode: Hashable, Sendable {
    public let entries: [TreeEntry]

    /// Builds a node from entries in any order. Names must be non-empty, free of `/` and NUL,
    /// and unique (a file and a directory may not share a name).
    public init(entries: [TreeEntry]) throws {
        for entry in entries {
            if let problem = Self.problem(withName: entry.name) {
                throw TuskError.invalid("tree entry name \"\(entry.name)\" \(problem)", location: entry.name)
            }
        }
        // Names are checked with a set: a file "a" and a directory "a" need not be neighbours
        // once sorted ("a.txt" sorts between them).
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.name).inserted {
            throw TuskError.invalid("directory has two entries named \"\(entry.name)\"; names must be unique, and a file and a directory may not share one", location: entry.name)
        }
        self.entries = entries.sorted { $0.sortsBefore(name: $1.name, isDirectory: $1.isDirectory) }
    }

    /// Builds a node from entries known to be valid and sorted (decoding checks them itself).
    init(sortedEntries: [TreeEntry]) {
        self.entries = sortedEntries
    }

    /// The node with no entries: the root of an empty commit.
    public static let empty = TreeNode(sortedEntries: [])

    /// The hash of `TreeNode.empty`.
    public static let emptyHash = ContentHash.sha256(of: empty.encoded())

    /// The entry called `name`, of either kind.
    public func entry(named name: String) -> TreeEntry? {
        if let index = index(of: name, isDirectory: false) { return entries[index] }
        if let index = index(of: name, isDirectory: true) { return entries[index] }
        return nil
    }

    /// The sum of the sizes of all files below this node.
    public var size: Int64 { entries.reduce(0) { $0 + $1.size } }

    /// The number of files below this node.
    public var fileCount: Int64 { entries.reduce(0) { $0 + $1.fileCount } }

    /// The summary a parent directory records for this node, stored under `hash`.
    public func summary(hash: ContentHash) -> DirectorySummary {
        DirectorySummary(hash: hash, size: size, fileCount: fileCount)
    }

    /// Binary search for the entry whose sort key is `name` (plus `/` for a directory).
    private func index(of name: String, isDirectory: Bool) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = entries[middle]
            let order = TreeEntry.compareSortKeys(entry.name, entry.isDirectory, name, isDirectory)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Why `name` cannot name an entry, or nil when it can.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "is a relative path component" }
        if name.utf8.contains(UInt8(ascii: "/")) { return "contains \"/\"" }
        if name.utf8.contains(0) { return "contains NUL" }
        return nil
    }
}
