import SwiftProtobuf
import TuskProto

/// Projects and the cluster: the verbs `create/inspect/list/delete project`, `version`, `inspect cluster`.
extension TuskConnection {
    public func createProject(_ name: String, description: String, update: Bool) async throws {
        var request = PfsV2_CreateProjectRequest()
        request.project = ProtoReferences.project(name)
        request.description_p = description
        request.update = update
        _ = try await call { try await pfs.createProject(request) }
    }

    public func inspectProject(_ name: String) async throws -> ProjectInfo {
        var request = PfsV2_InspectProjectRequest()
        request.project = ProtoReferences.project(name)
        return try await call { try await pfs.inspectProject(request) }
    }

    public func listProjects() async throws -> [ProjectInfo] {
        try await call {
            try await pfs.listProject(PfsV2_ListProjectRequest()) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func deleteProject(_ name: String, force: Bool) async throws {
        var request = PfsV2_DeleteProjectRequest()
        request.project = ProtoReferences.project(name)
        request.force = force
        _ = try await call { try await pfs.deleteProject(request) }
    }

    public func serverVersion() async throws -> VersionInfo {
        try await call { try await version.getVersion(Google_Protobuf_Empty()) }
    }

    public func inspectCluster(clientVersion: VersionInfo, project: String) async throws -> ClusterInfo {
        var request = AdminV2_InspectClusterRequest()
        request.clientVersion = clientVersion
        request.currentProject = ProtoReferences.project(project)
        return try await call { try await admin.inspectCluster(request) }
    }
}
