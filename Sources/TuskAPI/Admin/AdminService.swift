import GRPCCore
import Logging
import TuskCore
import TuskPFS
import TuskProto

/// The `admin_v2.API` service: `InspectCluster`, the handshake pachctl makes before every
/// command. It reports the data directory's stable deployment id and, instead of refusing,
/// human-readable warnings about version skew or a missing current project.
public struct AdminService: AdminV2_API.SimpleServiceProtocol {
    let fileSystem: FileSystem
    let execution: RPCExecution

    public init(fileSystem: FileSystem, logger: Logger) {
        self.fileSystem = fileSystem
        self.execution = RPCExecution(logger: logger)
    }

    public func inspectCluster(request: AdminV2_InspectClusterRequest, context: ServerContext) async throws -> AdminV2_ClusterInfo {
        try await execution.run(context) {
            let deployment = try await fileSystem.deploymentID()
            var info = AdminV2_ClusterInfo()
            info.id = deployment
            info.deploymentID = deployment
            info.warningsOk = true
            if request.hasClientVersion, request.clientVersion.major != TuskVersion.apiMajor {
                let client = request.clientVersion
                info.warnings.append(
                    "this client is version \(client.major).\(client.minor).\(client.micro) but the server (tusk \(TuskVersion.current.version)) speaks the Pachyderm \(TuskVersion.apiMajor).\(TuskVersion.apiMinor) API; use a \(TuskVersion.apiMajor).x client")
            }
            if request.hasCurrentProject, !request.currentProject.name.isEmpty {
                let name = request.currentProject.name
                do {
                    _ = try await fileSystem.inspectProject(try ProjectName(name))
                } catch let error as TuskError where error.code == .notFound || error.code == .invalidArgument {
                    info.warnings.append("the current project \"\(name)\" does not exist; create it or switch to an existing project (e.g. \"default\")")
                }
            }
            return info
        }
    }
}
