import GRPCCore
import Logging
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// The `pfs_v2.API` gRPC service: projects, repos, commits, branches and files.
///
/// Each handler translates the Pachyderm request into TuskCore values (`ProtoToCore`), calls
/// the `FileSystem` engine, and translates the answer back (`CoreToProto`). Handlers hold no
/// state and no rules of their own beyond the wire protocol; every one runs through
/// `RPCExecution`, which maps errors to statuses, honours cancellation and records metrics.
/// The RPCs live in extensions by concern (`PFSService+Commits.swift`, `+Files.swift`, ...).
public struct PFSService: PfsV2_API.SimpleServiceProtocol {
    let fileSystem: FileSystem
    let execution: RPCExecution
    /// How often `SubscribeCommit` looks for new commits.
    let subscriptionPollInterval: Duration

    public init(fileSystem: FileSystem, logger: Logger, subscriptionPollInterval: Duration = .milliseconds(200)) {
        self.fileSystem = fileSystem
        self.execution = RPCExecution(logger: logger)
        self.subscriptionPollInterval = subscriptionPollInterval
    }

    // MARK: Projects

    public func createProject(request: PfsV2_CreateProjectRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.createProject(try request.project.requiredProjectName(), description: request.description_p, update: request.update)
            return Google_Protobuf_Empty()
        }
    }

    public func inspectProject(request: PfsV2_InspectProjectRequest, context: ServerContext) async throws -> PfsV2_ProjectInfo {
        try await execution.run(context) {
            CoreToProto.projectInfo(try await fileSystem.inspectProject(try request.project.projectName()))
        }
    }

    public func inspectProjectV2(request: PfsV2_InspectProjectV2Request, context: ServerContext) async throws -> PfsV2_InspectProjectV2Response {
        try await execution.run(context) {
            var response = PfsV2_InspectProjectV2Response()
            response.info = CoreToProto.projectInfo(try await fileSystem.inspectProject(try request.project.projectName()))
            response.defaultsJson = "{}"
            return response
        }
    }

    public func listProject(request: PfsV2_ListProjectRequest, response: RPCWriter<PfsV2_ProjectInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            for project in try await fileSystem.listProjects() {
                try await response.write(CoreToProto.projectInfo(project))
            }
        }
    }

    public func deleteProject(request: PfsV2_DeleteProjectRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.deleteProject(try request.project.requiredProjectName(), force: request.force)
            return Google_Protobuf_Empty()
        }
    }

    // MARK: Repos

    public func createRepo(request: PfsV2_CreateRepoRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.createRepo(try request.repo.repoID(), description: request.description_p, update: request.update)
            return Google_Protobuf_Empty()
        }
    }

    public func inspectRepo(request: PfsV2_InspectRepoRequest, context: ServerContext) async throws -> PfsV2_RepoInfo {
        try await execution.run(context) {
            CoreToProto.repoInfo(try await fileSystem.inspectRepo(try request.repo.repoID()))
        }
    }

    public func listRepo(request: PfsV2_ListRepoRequest, response: RPCWriter<PfsV2_RepoInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            // The SDK's default type is "" (every type); pachctl sends "user".
            let type = request.type.isEmpty ? nil : try RepoType(wire: request.type)
            let projects = try request.projects.map { try $0.requiredProjectName() }
            var repos = try await fileSystem.listRepos(projects: projects, type: type)
            if request.hasPage, request.page.pageSize > 0 {
                let size = Int(clamping: request.page.pageSize)
                let start = Int(clamping: max(0, request.page.pageIndex)).multipliedReportingOverflow(by: size)
                repos = start.overflow || start.partialValue >= repos.count ? [] : Array(repos.dropFirst(start.partialValue).prefix(size))
            }
            for repo in repos {
                try await response.write(CoreToProto.repoInfo(repo))
            }
        }
    }

    public func deleteRepo(request: PfsV2_DeleteRepoRequest, context: ServerContext) async throws -> PfsV2_DeleteRepoResponse {
        try await execution.run(context) {
            var answer = PfsV2_DeleteRepoResponse()
            answer.deleted = try await fileSystem.deleteRepo(try request.repo.repoID(), force: request.force)
            return answer
        }
    }

    public func deleteRepos(request: PfsV2_DeleteReposRequest, context: ServerContext) async throws -> PfsV2_DeleteReposResponse {
        try await execution.run(context) {
            guard request.all || !request.projects.isEmpty else {
                throw TuskError.invalid("DeleteRepos needs the projects whose repos to delete, or all=true to delete every repo", location: "projects")
            }
            let projects = request.all ? [] : try request.projects.map { try $0.requiredProjectName() }
            var answer = PfsV2_DeleteReposResponse()
            for repo in try await fileSystem.listRepos(projects: projects, type: nil) {
                if try await fileSystem.deleteRepo(repo.repo, force: request.force) {
                    answer.repos.append(CoreToProto.repo(repo.repo))
                }
            }
            return answer
        }
    }

    public func deleteAll(request: Google_Protobuf_Empty, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            for repo in try await fileSystem.listRepos(projects: [], type: nil) {
                _ = try await fileSystem.deleteRepo(repo.repo, force: true)
            }
            for project in try await fileSystem.listProjects() where project.name != .default {
                try await fileSystem.deleteProject(project.name, force: true)
            }
            return Google_Protobuf_Empty()
        }
    }
}
