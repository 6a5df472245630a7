import TuskCore
import TuskProto

/// Branches: `create/inspect/list/delete branch`.
extension TuskConnection {
    /// Creates or moves `branch`; `head` may be a branch or commit with ancestry.
    public func createBranch(_ branch: CommitReference, head: CommitReference?, provenance: [CommitReference], project: String) async throws {
        var request = PfsV2_CreateBranchRequest()
        request.branch = ProtoReferences.branch(branch, defaultProject: project)
        if let head { request.head = ProtoReferences.commit(head, defaultProject: project) }
        request.provenance = provenance.map { ProtoReferences.branch($0, defaultProject: project) }
        _ = try await call { try await pfs.createBranch(request) }
    }

    public func inspectBranch(_ branch: CommitReference, project: String) async throws -> BranchInfo {
        var request = PfsV2_InspectBranchRequest()
        request.branch = ProtoReferences.branch(branch, defaultProject: project)
        return try await call { try await pfs.inspectBranch(request) }
    }

    public func listBranches(repo: RepoReference, project: String) async throws -> [BranchInfo] {
        var request = PfsV2_ListBranchRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        return try await call {
            try await pfs.listBranch(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func deleteBranch(_ branch: CommitReference, force: Bool, project: String) async throws {
        var request = PfsV2_DeleteBranchRequest()
        request.branch = ProtoReferences.branch(branch, defaultProject: project)
        request.force = force
        _ = try await call { try await pfs.deleteBranch(request) }
    }
}
