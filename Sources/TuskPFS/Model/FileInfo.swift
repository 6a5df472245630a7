import TuskCore
import TuskStorage

/// A file or directory at a commit, as listing and inspection report it.
public struct FileInfo: Sendable {
    public var commit: CommitKey
    public var path: FilePath
    public var isDirectory: Bool
    /// Content length for files, sum of descendant file sizes for directories.
    public var sizeBytes: Int64
    /// File content hash, or the directory node hash.
    public var hash: ContentHash
    /// When the commit holding it started finishing (nil while the commit is open).
    public var committed: Timestamp?
    /// The file's chunks (nil for directories); for a file of a split directory, with the
    /// directory's header before and footer after its own records.
    public var content: FileContent?
    /// For a file of a split directory: its own records without the header and footer.
    public var splitBody: FileContent?
    /// For a file of a split directory: the directory's header and footer.
    public var splitParts: SplitParts?

    public init(commit: CommitKey, path: FilePath, isDirectory: Bool, sizeBytes: Int64, hash: ContentHash, committed: Timestamp?, content: FileContent?) {
        self.commit = commit
        self.path = path
        self.isDirectory = isDirectory
        self.sizeBytes = sizeBytes
        self.hash = hash
        self.committed = committed
        self.content = content
    }

    /// The path as Pachyderm prints it: directories end with `/`.
    public var displayPath: String { isDirectory ? path.directoryString : path.string }
}
