import TuskCore
import TuskStorage

/// A commit as reported to clients: identity, lineage, state, size and the root of its file tree.
public struct CommitInfo: Sendable {
    public var key: CommitKey
    /// The branch the commit was made on, if any.
    public var branch: String?
    public var parent: CommitID?
    public var children: [CommitID]
    public var origin: CommitOrigin
    public var description: String
    public var state: CommitState
    /// Non-empty when the commit finished with an error.
    public var error: String
    public var startedAt: Timestamp
    public var finishingAt: Timestamp?
    public var finishedAt: Timestamp?
    public var sizeBytes: Int64
    public var fileCount: Int64
    /// Root node of the commit's file tree (the current staged tree while open).
    public var tree: ContentHash
    /// Commits this one was computed from.
    public var directProvenance: [CommitKey]
    /// Commits computed from this one.
    public var directSubvenance: [CommitKey]

    public var repo: RepoID { key.repo }
    public var id: CommitID { key.id }
    public var isOpen: Bool { state < .finishing }
}
