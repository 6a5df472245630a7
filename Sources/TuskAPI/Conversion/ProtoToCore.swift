import TuskCore
import TuskPFS
import TuskProto

// Pachyderm wire messages → validated Tusk values.
//
// The Python SDK's quirks (pachyderm-api.md §1.6) are absorbed here and nowhere else: an empty
// project means `default`, an empty repo type means `user`, `Commit.repo` wins over
// `Commit.branch.repo`, and `Commit.id` may hold a branch name or an ancestry expression.
// Names go through TuskCore's validators so a bad one is INVALID_ARGUMENT.

extension PfsV2_Project {
    /// The project named, or `default` when the name is empty.
    func projectName() throws -> ProjectName {
        name.isEmpty ? .default : try ProjectName(name)
    }

    /// The project named; an empty name is refused (used where a project must be spelled out).
    func requiredProjectName() throws -> ProjectName {
        guard !name.isEmpty else {
            throw TuskError.invalid("the request names no project; give a project name of letters, digits, \"_\" and \"-\"", location: "project")
        }
        return try ProjectName(name)
    }
}

extension PfsV2_Repo {
    /// The repo's identity with the defaults filled in.
    func repoID() throws -> RepoID {
        guard !name.isEmpty else {
            throw TuskError.invalid("the request names no repo; set repo.name", location: "repo")
        }
        return try RepoID(project: try project.projectName(), name: name, type: try RepoType(wire: type))
    }
}

extension PfsV2_Branch {
    /// The branch's identity; the repo must be present.
    func branchID() throws -> BranchID {
        guard !name.isEmpty else {
            throw TuskError.invalid("the request names no branch; set branch.name", location: "branch")
        }
        guard hasRepo, !repo.name.isEmpty else {
            throw TuskError.invalid("branch \"\(name)\" names no repo; set branch.repo", location: name)
        }
        return try BranchID(repo: try repo.repoID(), name: name)
    }
}

extension PfsV2_Commit {
    /// True when the message names a commit at all (an id or a branch), as opposed to an absent
    /// or empty optional commit field.
    var namesCommit: Bool {
        !id.isEmpty || (hasBranch && !branch.name.isEmpty)
    }

    /// The repo of the commit: `repo` (field 3) when set, else `branch.repo`, else `fallback`.
    func commitRepo(fallback: RepoID? = nil) throws -> RepoID {
        if hasRepo, !repo.name.isEmpty { return try repo.repoID() }
        if hasBranch, branch.hasRepo, !branch.repo.name.isEmpty { return try branch.repo.repoID() }
        if let fallback { return fallback }
        throw TuskError.invalid("the commit \"\(id)\" names no repo; set commit.repo", location: id.isEmpty ? "commit" : id)
    }

    /// The commit as a selector: a branch head, an id, or either walked back by `^N` / `.N`.
    func selector(fallbackRepo: RepoID? = nil) throws -> CommitSelector {
        let repoID = try commitRepo(fallback: fallbackRepo)
        let branchName = hasBranch && !branch.name.isEmpty ? branch.name : nil
        guard !id.isEmpty else {
            guard let branchName else {
                throw TuskError.invalid("the request names no commit in \(repoID); give a branch name or a commit id", location: repoID.description)
            }
            try NameRules.validateBranch(branchName)
            return CommitSelector(repo: repoID, branch: branchName)
        }
        let token = try ReferenceParser.commitToken(id, context: "\(repoID.name)@\(id)")
        if let branchName, token.branch == nil, token.id != nil {
            // `repo@branch=id`: the SDK sends the branch and the id separately.
            return CommitSelector(repo: repoID, branch: branchName, id: token.id, ancestry: token.ancestry)
        }
        return CommitSelector(repo: repoID, branch: token.branch, id: token.id, ancestry: token.ancestry)
    }

    /// Where a `ModifyFile` stream writes: a plain branch name means the branch (its open head or
    /// a one-off commit); anything naming a specific commit means that commit.
    func writeTarget() throws -> WriteTarget {
        let selected = try selector()
        if selected.id == nil, selected.ancestry == .none, let branchName = selected.branch {
            return .branch(try BranchID(repo: selected.repo, name: branchName))
        }
        return .commit(selected)
    }
}

extension PfsV2_CommitSet {
    /// The commit-set id, which must be a global commit id (32 hex digits).
    func commitID() throws -> CommitID {
        guard let parsed = CommitID(id) else {
            throw TuskError.invalid("commit set id \"\(id)\" is not a commit id (32 hex digits)", location: id.isEmpty ? "commit_set" : id)
        }
        return parsed
    }
}

extension PfsV2_CommitState {
    /// The state to wait for; UNKNOWN and STARTED mean "do not wait".
    var waitTarget: CommitState? {
        switch self {
        case .ready: return .ready
        case .finishing: return .finishing
        case .finished: return .finished
        default: return nil
        }
    }
}

extension PfsV2_OriginKind {
    /// The origin a filter asks for; UNKNOWN means no filter.
    var origin: CommitOrigin? {
        switch self {
        case .user: return .user
        case .auto: return .auto
        case .fsck: return .fsck
        default: return nil
        }
    }
}

/// Path validation for paths and patterns that arrive in requests.
enum RequestPaths {
    /// A path to read or inspect: normalised, glob characters allowed (they are plain names here).
    static func readPath(_ raw: String) throws -> FilePath {
        try FilePath(validating: raw)
    }

    /// A path to write: normalised, glob meta-characters refused.
    static func writePath(_ raw: String) throws -> FilePath {
        try FilePath(validating: raw, forWriting: true)
    }

    /// A glob pattern, cleaned to an absolute pattern (`""` → `/`, `a/*` → `/a/*`).
    static func pattern(_ raw: String) -> String {
        if raw.isEmpty { return "/" }
        return raw.hasPrefix("/") ? raw : "/" + raw
    }
}
