import GRPCCore
import ServiceLifecycle

/// Runs a gRPC server as a lifecycle service: serves until the service group shuts down, then
/// stops accepting new calls and lets running ones finish.
struct GRPCServerService<Transport: ServerTransport>: Service {
    let server: GRPCServer<Transport>

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }
}
