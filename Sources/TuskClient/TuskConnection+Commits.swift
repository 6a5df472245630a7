import TuskCore
import TuskProto

/// Commits and commit sets: `start/finish/inspect/list/wait/squash/delete commit`.
extension TuskConnection {
    /// Starts a commit on `branch` (created if absent); returns the new commit (repo + id).
    public func startCommit(branch: CommitReference, parent: CommitReference?, description: String, project: String) async throws -> WireCommit {
        var request = PfsV2_StartCommitRequest()
        request.branch = ProtoReferences.branch(branch, defaultProject: project)
        if let parent { request.parent = ProtoReferences.commit(parent, defaultProject: project) }
        request.description_p = description
        return try await call { try await pfs.startCommit(request) }
    }

    public func finishCommit(_ commit: CommitReference, description: String?, force: Bool, project: String) async throws {
        var request = PfsV2_FinishCommitRequest()
        request.commit = ProtoReferences.commit(commit, defaultProject: project)
        if let description { request.description_p = description }
        request.force = force
        _ = try await call { try await pfs.finishCommit(request) }
    }

    /// Inspects a commit; with `wait` the server holds the reply until the commit reaches that state.
    public func inspectCommit(_ commit: CommitReference, wait: CommitState = .unknown, project: String) async throws -> CommitInfo {
        var request = PfsV2_InspectCommitRequest()
        request.commit = ProtoReferences.commit(commit, defaultProject: project)
        request.wait = wait
        return try await call { try await pfs.inspectCommit(request) }
    }

    /// The history of a repo, newest first: from `to` (a branch or commit) back through parents.
    public func listCommits(repo: RepoReference, to: CommitReference?, from: CommitReference?, number: Int, all: Bool, origin: OriginKind?, project: String) async throws -> [CommitInfo] {
        var request = PfsV2_ListCommitRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        if let to { request.to = ProtoReferences.commit(to, defaultProject: project) }
        if let from { request.from = ProtoReferences.commit(from, defaultProject: project) }
        request.number = Int64(number)
        request.all = all
        if let origin { request.originKind = origin }
        return try await call {
            try await pfs.listCommit(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func inspectCommitSet(_ id: String, wait: Bool) async throws -> [CommitInfo] {
        var request = PfsV2_InspectCommitSetRequest()
        request.commitSet.id = id
        request.wait = wait
        return try await call {
            try await pfs.inspectCommitSet(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func listCommitSets(project: String) async throws -> [CommitSetInfo] {
        var request = PfsV2_ListCommitSetRequest()
        request.project = ProtoReferences.project(project)
        return try await call {
            try await pfs.listCommitSet(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func squashCommitSet(_ id: String) async throws {
        var request = PfsV2_SquashCommitSetRequest()
        request.commitSet.id = id
        _ = try await call { try await pfs.squashCommitSet(request) }
    }

    public func dropCommitSet(_ id: String) async throws {
        var request = PfsV2_DropCommitSetRequest()
        request.commitSet.id = id
        _ = try await call { try await pfs.dropCommitSet(request) }
    }

    public func squashCommit(_ commit: CommitReference, recursive: Bool, project: String) async throws {
        var request = PfsV2_SquashCommitRequest()
        request.commit = ProtoReferences.commit(commit, defaultProject: project)
        request.recursive = recursive
        _ = try await call { try await pfs.squashCommit(request) }
    }

    public func dropCommit(_ commit: CommitReference, recursive: Bool, project: String) async throws {
        var request = PfsV2_DropCommitRequest()
        request.commit = ProtoReferences.commit(commit, defaultProject: project)
        request.recursive = recursive
        _ = try await call { try await pfs.dropCommit(request) }
    }

    /// Calls `handle` for each commit of `repo` as it reaches `state`, until `handle` returns false.
    public func subscribeCommits(repo: RepoReference, branch: String?, from: CommitReference?, state: CommitState, all: Bool, project: String, handle: @escaping @Sendable (CommitInfo) async throws -> Bool) async throws {
        var request = PfsV2_SubscribeCommitRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        request.branch = branch ?? ""
        if let from { request.from = ProtoReferences.commit(from, defaultProject: project) }
        request.state = state
        request.all = all
        try await call {
            try await pfs.subscribeCommit(request) { response in
                for try await info in response.messages {
                    if try await !handle(info) { return }
                }
            }
        }
    }
}
