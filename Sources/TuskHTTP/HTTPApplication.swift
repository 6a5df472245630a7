import Foundation
import Hummingbird
import Logging
import TuskCore
import TuskPFS

/// The HTTP front end of `tusk serve`: health, Prometheus metrics and JSON endpoints over the
/// same engine the gRPC API uses (the web console builds on these later).
///
/// It exists apart from the gRPC layer so that browsers, `curl` and monitoring reach Tusk
/// without a gRPC client, and it stays thin: every route calls PFS and renders the result.
public enum HTTPApplication {
    /// Builds the Hummingbird application bound to `host:port`.
    public static func make(
        fileSystem: FileSystem,
        metrics: @escaping @Sendable () -> [UInt8],
        host: String,
        port: Int,
        logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: TuskErrorMiddleware())
        router.get("/healthz") { _, _ -> Response in
            do {
                _ = try await fileSystem.inspectProject(.default)
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "unhealthy: \(error)\n")))
            }
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics())))
        }
        JSONRoutes.register(on: router, fileSystem: fileSystem)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tusk"), logger: logger)
    }
}
