import TuskCore

/// What PFS knows about a project: its name, description and creation time.
public struct ProjectInfo: Sendable, Hashable {
    public var name: ProjectName
    public var description: String
    public var createdAt: Timestamp
}
