import TuskCore

/// A repo as reported to clients: identity, description, size of its `master` head and its branches.
public struct RepoInfo: Sendable, Hashable {
    public var repo: RepoID
    public var description: String
    public var createdAt: Timestamp
    /// Bytes in the head commit of `master` (or of the only branch when there is no master).
    public var sizeBytes: Int64
    public var branches: [String]
}
