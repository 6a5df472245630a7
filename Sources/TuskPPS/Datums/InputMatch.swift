import TuskCore

/// One glob match of a `pfs` (or `cron`) input in the job's input commit, as PFS found it: the
/// raw material of the datum planner.
///
/// The planner is pure, so PFS (or a test) lists the matches and hands them in; the planner
/// computes capture groups, join and group keys, and datum identities from them.
public struct InputMatch: Sendable, Hashable {
    /// The matched path without a trailing slash (`/a/b.txt`, `/dir`, or `/` for glob `/`).
    public var path: String
    public var isDirectory: Bool
    /// The content hash PFS reports for the path (a directory's hash covers its subtree).
    public var hash: ContentHash
    /// The files at or below the match, to materialise under `/pfs/<input>`.
    public var files: [InputFile]

    public init(path: String, isDirectory: Bool = false, hash: ContentHash, files: [InputFile]? = nil) {
        self.path = path
        self.isDirectory = isDirectory
        self.hash = hash
        self.files = files ?? (isDirectory ? [] : [InputFile(path: path, hash: hash)])
    }
}

/// A file that belongs to a datum input: its path in the input commit and its content hash.
public struct InputFile: Sendable, Hashable {
    public var path: String
    public var hash: ContentHash

    public init(path: String, hash: ContentHash) {
        self.path = path
        self.hash = hash
    }
}
