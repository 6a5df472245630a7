import Hummingbird

/// Serves the console: `/` is the single page (its routes live after `#`), `/console/<file>`
/// the scripts and styles, `/api/v1/openapi.yaml` the API description. Responses carry an
/// ETag and are revalidated on each load, so a new binary's assets show up at once.
enum ConsoleRoutes {
    /// Keeps the console's own pages from loading anything from elsewhere or being framed.
    static let securityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"

    static func register(on router: APIContext.Routes) {
        router.get("/") { request, _ in try serve("index.html", request) }
        router.get("/index.html") { request, _ in try serve("index.html", request) }
        router.get("/console/:file") { request, context in
            try serve(context.parameters.get("file") ?? "", request)
        }
        router.get("/api/v1/openapi.yaml") { request, _ in try serve("openapi.yaml", request) }
    }

    static func serve(_ name: String, _ request: Request) throws -> Response {
        guard let asset = ConsoleAssets.asset(named: name) else {
            throw HTTPError(.notFound, message: "the console has no file named \(name)")
        }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"]
        headers[HeaderNames.contentTypeOptions] = "nosniff"
        if name.hasSuffix(".html") { headers[HeaderNames.contentSecurityPolicy] = securityPolicy }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
