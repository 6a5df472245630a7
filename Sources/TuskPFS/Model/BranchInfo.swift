import TuskCore

/// A branch as reported to clients: its head and its place in the provenance graph.
public struct BranchInfo: Sendable, Hashable {
    public var branch: BranchID
    public var head: CommitID?
    /// Branches this one is computed from, directly (declared) and transitively.
    public var directProvenance: [BranchID]
    public var provenance: [BranchID]
    /// Branches computed from this one, transitively.
    public var subvenance: [BranchID]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}
