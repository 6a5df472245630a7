import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskProto

/// RPCs of `pps_v2.API` that this server does not offer yet: Kubernetes secrets, cluster and
/// project defaults (reported as empty, refused when set), worker-internal calls and legacy
/// ones. Each refusal names the RPC and why.
extension PPSService {
    public func createSecret(request: PpsV2_CreateSecretRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "secrets are not stored by Tusk yet; pass values to transforms with transform.env")
    }

    public func deleteSecret(request: PpsV2_DeleteSecretRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "secrets are not stored by Tusk yet")
    }

    public func inspectSecret(request: PpsV2_InspectSecretRequest, context: ServerContext) async throws -> PpsV2_SecretInfo {
        try await execution.refuse(context, "secrets are not stored by Tusk yet")
    }

    /// No secrets are stored, so the list is empty.
    public func listSecret(request: Google_Protobuf_Empty, context: ServerContext) async throws -> PpsV2_SecretInfos {
        try await execution.run(context) { PpsV2_SecretInfos() }
    }

    /// No cluster defaults are stored: the built-in defaults apply, reported as `{}`.
    public func getClusterDefaults(request: PpsV2_GetClusterDefaultsRequest, context: ServerContext) async throws -> PpsV2_GetClusterDefaultsResponse {
        try await execution.run(context) {
            var response = PpsV2_GetClusterDefaultsResponse()
            response.clusterDefaultsJson = "{}"
            return response
        }
    }

    public func setClusterDefaults(request: PpsV2_SetClusterDefaultsRequest, context: ServerContext) async throws -> PpsV2_SetClusterDefaultsResponse {
        try await execution.refuse(context, "cluster defaults are not stored by Tusk yet; put the fields in each pipeline spec")
    }

    /// No project defaults are stored: reported as `{}`.
    public func getProjectDefaults(request: PpsV2_GetProjectDefaultsRequest, context: ServerContext) async throws -> PpsV2_GetProjectDefaultsResponse {
        try await execution.run(context) {
            var response = PpsV2_GetProjectDefaultsResponse()
            response.projectDefaultsJson = "{}"
            return response
        }
    }

    public func setProjectDefaults(request: PpsV2_SetProjectDefaultsRequest, context: ServerContext) async throws -> PpsV2_SetProjectDefaultsResponse {
        try await execution.refuse(context, "project defaults are not stored by Tusk yet; put the fields in each pipeline spec")
    }

    public func updateJobState(request: PpsV2_UpdateJobStateRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "job states are set by Tusk's own scheduler, not by workers over the API")
    }

    public func runPipeline(request: PpsV2_RunPipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "RunPipeline is a legacy call; use RerunPipeline, or commit to an input branch")
    }

    public func checkStatus(request: PpsV2_CheckStatusRequest, response: RPCWriter<PpsV2_CheckStatusResponse>, context: ServerContext) async throws {
        let _: Bool = try await execution.refuse(context, "status checks are not offered; use ListPipeline and ListJob")
    }
}
