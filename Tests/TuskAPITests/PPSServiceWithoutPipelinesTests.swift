import GRPCCore
import GRPCInProcessTransport
import Logging
import SwiftProtobuf
import Testing
import TuskAPI
import TuskProto

/// A server built without a pipeline system refuses every `pps_v2` RPC with UNIMPLEMENTED
/// naming the RPC, and still answers the defaults RPCs with `{}`.
@Suite struct PPSServiceWithoutPipelinesTests {
    func withClient(_ body: @Sendable (PpsV2_API.Client<InProcessTransport.Client>) async throws -> Void) async throws {
        let transport = InProcessTransport()
        let service = PPSService(pipelines: nil, logger: Logger(label: "tusk.api.test"))
        try await withGRPCServer(transport: transport.server, services: [service]) { _ in
            try await withGRPCClient(transport: transport.client) { client in
                try await body(PpsV2_API.Client(wrapping: client))
            }
        }
    }

    @Test func pipelineRPCsAreUnimplementedNamingTheRPC() async throws {
        try await withClient { pps in
            var request = PpsV2_InspectPipelineRequest()
            request.pipeline.name = "edges"
            let error = await rpcError { _ = try await pps.inspectPipeline(request) }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("pps_v2.API/InspectPipeline") == true)
            let listError = await rpcError {
                try await pps.listJob(PpsV2_ListJobRequest()) { response in
                    for try await _ in response.messages {}
                }
            }
            #expect(listError?.code == .unimplemented)
        }
    }

    @Test func secretsAreUnimplementedAndDefaultsAreEmpty() async throws {
        try await withClient { pps in
            let error = await rpcError { _ = try await pps.createSecret(PpsV2_CreateSecretRequest()) }
            #expect(error?.code == .unimplemented)
            let defaults = try await pps.getClusterDefaults(PpsV2_GetClusterDefaultsRequest())
            #expect(defaults.clusterDefaultsJson == "{}")
            let secrets = try await pps.listSecret(Google_Protobuf_Empty())
            #expect(secrets.secretInfo.isEmpty)
        }
    }
}
