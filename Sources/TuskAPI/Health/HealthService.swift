import GRPCCore
import Logging
import TuskProto

/// The standard `grpc.health.v1.Health` service, which the Go client, pachctl and load
/// balancers probe: the server is SERVING whenever it answers at all.
public struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    let execution: RPCExecution

    public init(logger: Logger) {
        self.execution = RPCExecution(logger: logger)
    }

    public func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws -> Grpc_Health_V1_HealthCheckResponse {
        try await execution.run(context) {
            Self.serving
        }
    }

    /// Sends SERVING once, then keeps the stream open until the client or server ends it.
    public func watch(request: Grpc_Health_V1_HealthCheckRequest, response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>, context: ServerContext) async throws {
        try await execution.run(context) {
            try await response.write(Self.serving)
            while true {
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }

    static var serving: Grpc_Health_V1_HealthCheckResponse {
        var message = Grpc_Health_V1_HealthCheckResponse()
        message.status = .serving
        return message
    }
}
