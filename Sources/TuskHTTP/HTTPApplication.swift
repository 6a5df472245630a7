import Foundation
import Hummingbird
import Logging
import TuskCore
import TuskPFS
import TuskPPS

/// The HTTP front end of `tusk serve`: health, Prometheus metrics, the JSON API under
/// `/api/v1` and the web console, all over the same PFS and PPS objects the gRPC API uses.
///
/// It exists apart from the gRPC layer so that browsers, `curl` and monitoring reach Tusk
/// without a gRPC client, and it stays thin: every route calls PFS or PPS and renders the result.
public enum HTTPApplication {
    /// Builds the Hummingbird application bound to `host:port`.
    public static func make(
        fileSystem: FileSystem,
        pipelines: PipelineSystem,
        metrics: @escaping @Sendable () -> [UInt8],
        host: String,
        port: Int,
        logger: Logger
    ) -> some ApplicationProtocol {
        let router = makeRouter(fileSystem: fileSystem, pipelines: pipelines, metrics: metrics)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tusk"), logger: logger)
    }

    /// The router alone, for in-process tests.
    static func makeRouter(fileSystem: FileSystem, pipelines: PipelineSystem, metrics: @escaping @Sendable () -> [UInt8]) -> Router<BasicRequestContext> {
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
        let api = APIContext(fileSystem: fileSystem, pipelines: pipelines)
        ProjectRoutes.register(on: router, api: api)
        RepoRoutes.register(on: router, api: api)
        CommitRoutes.register(on: router, api: api)
        FileRoutes.register(on: router, api: api)
        UploadRoutes.register(on: router, api: api)
        PipelineRoutes.register(on: router, api: api)
        JobRoutes.register(on: router, api: api)
        ConsoleRoutes.register(on: router)
        return router
    }
}
