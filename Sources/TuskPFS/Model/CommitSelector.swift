import TuskCore

/// A commit named the ways clients name one, with the repo fully resolved: a branch head, an
/// id, or both, walked back by an optional ancestry suffix. PFS turns it into one commit.
public struct CommitSelector: Sendable, Hashable, CustomStringConvertible {
    public var repo: RepoID
    public var branch: String?
    public var id: CommitID?
    public var ancestry: Ancestry

    public init(repo: RepoID, branch: String? = nil, id: CommitID? = nil, ancestry: Ancestry = .none) {
        self.repo = repo
        self.branch = branch
        self.id = id
        self.ancestry = ancestry
    }

    public init(_ reference: CommitReference, defaultProject: ProjectName) throws {
        self.init(
            repo: try reference.repo.resolved(defaultProject: defaultProject),
            branch: reference.branch, id: reference.id, ancestry: reference.ancestry)
    }

    public static func head(of branch: BranchID) -> CommitSelector {
        CommitSelector(repo: branch.repo, branch: branch.name)
    }

    public static func commit(_ key: CommitKey) -> CommitSelector {
        CommitSelector(repo: key.repo, id: key.id)
    }

    public var description: String {
        var text = "\(repo)@"
        if let branch { text += branch }
        if let id { text += branch == nil ? id.value : "=\(id.value)" }
        switch ancestry {
        case .none: break
        case .ancestor(let count): text += "^\(count)"
        case .fromOldest(let index): text += ".\(index)"
        }
        return text
    }
}
