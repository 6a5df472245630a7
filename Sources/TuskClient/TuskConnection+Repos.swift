import TuskCore
import TuskProto

/// Repos: `create/update/inspect/list/delete repo`.
extension TuskConnection {
    public func createRepo(_ repo: RepoReference, project: String, description: String, update: Bool) async throws {
        var request = PfsV2_CreateRepoRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        request.description_p = description
        request.update = update
        _ = try await call { try await pfs.createRepo(request) }
    }

    public func inspectRepo(_ repo: RepoReference, project: String) async throws -> RepoInfo {
        var request = PfsV2_InspectRepoRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        return try await call { try await pfs.inspectRepo(request) }
    }

    /// Lists repos of `type` ("" = every type) in `projects` (empty = every project).
    public func listRepos(type: String, projects: [String]) async throws -> [RepoInfo] {
        var request = PfsV2_ListRepoRequest()
        request.type = type
        request.projects = projects.map(ProtoReferences.project)
        return try await call {
            try await pfs.listRepo(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func deleteRepo(_ repo: RepoReference, project: String, force: Bool) async throws {
        var request = PfsV2_DeleteRepoRequest()
        request.repo = ProtoReferences.repo(repo, defaultProject: project)
        request.force = force
        _ = try await call { try await pfs.deleteRepo(request) }
    }

    /// Deletes every repo of the given projects (empty with `all` = every project); returns the deleted repos.
    public func deleteRepos(projects: [String], all: Bool, force: Bool) async throws -> [WireRepo] {
        var request = PfsV2_DeleteReposRequest()
        request.projects = projects.map(ProtoReferences.project)
        request.all = all
        request.force = force
        return try await call { try await pfs.deleteRepos(request).repos }
    }
}
