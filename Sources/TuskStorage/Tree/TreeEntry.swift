import TuskCore

/// What a directory entry points at, summarised so that listing a directory needs no further
/// reads: a directory's size and file count are known without loading its subtree.
public struct DirectorySummary: Hashable, Sendable {
    /// The hash of the directory's `TreeNode`, its object key.
    public var hash: ContentHash
    /// The sum of the sizes of all files below the directory.
    public var size: Int64
    /// The number of files below the directory.
    public var fileCount: Int64

    public init(hash: ContentHash, size: Int64, fileCount: Int64) {
        self.hash = hash
        self.size = size
        self.fileCount = fileCount
    }
}

/// One named entry of a directory: a file with its content, or a subdirectory.
public struct TreeEntry: Hashable, Sendable {
    /// What an entry is.
    public enum Kind: Hashable, Sendable {
        case file(FileContent)
        case directory(DirectorySummary)
    }

    /// The entry's name within its directory (no `/`); the root's entry has the empty name.
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    public var isDirectory: Bool {
        if case .directory = kind { return true }
        return false
    }

    /// The total size of the file, or of all files below the directory.
    public var size: Int64 {
        switch kind {
        case .file(let content): return content.size
        case .directory(let summary): return summary.size
        }
    }

    /// 1 for a file, the number of files below for a directory.
    public var fileCount: Int64 {
        switch kind {
        case .file: return 1
        case .directory(let summary): return summary.fileCount
        }
    }

    /// The file content hash, or the directory's node hash.
    public var hash: ContentHash {
        switch kind {
        case .file(let content): return content.hash
        case .directory(let summary): return summary.hash
        }
    }

    /// Whether this entry sorts before one named `name` of the given kind. The sort key is the
    /// name, followed by `/` for directories, compared as bytes: so `a.txt` < `a/` and a walk
    /// lists full paths in Pachyderm's order.
    func sortsBefore(name otherName: String, isDirectory otherIsDirectory: Bool) -> Bool {
        Self.compareSortKeys(name, isDirectory, otherName, otherIsDirectory) < 0
    }

    /// Three-way comparison of the sort keys `leftName[/]` and `rightName[/]`.
    static func compareSortKeys(_ leftName: String, _ leftIsDirectory: Bool, _ rightName: String, _ rightIsDirectory: Bool) -> Int {
        var left = leftName.utf8.makeIterator()
        var right = rightName.utf8.makeIterator()
        var leftSuffixUsed = !leftIsDirectory
        var rightSuffixUsed = !rightIsDirectory
        while true {
            var leftByte = left.next()
            if leftByte == nil, !leftSuffixUsed { leftByte = UInt8(ascii: "/"); leftSuffixUsed = true }
            var rightByte = right.next()
            if rightByte == nil, !rightSuffixUsed { rightByte = UInt8(ascii: "/"); rightSuffixUsed = true }
            switch (leftByte, rightByte) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (leftValue?, rightValue?):
                if leftValue != rightValue { return leftValue < rightValue ? -1 : 1 }
            }
        }
    }
}

/// The root hash and totals of a whole tree, as a commit records them.
public struct TreeSummary: Hashable, Sendable {
    public var root: ContentHash
    public var size: Int64
    public var fileCount: Int64

    public init(root: ContentHash, size: Int64, fileCount: Int64) {
        self.root = root
        self.size = size
        self.fileCount = fileCount
    }
}
