import Foundation
import Hummingbird
import TuskCore
import TuskPFS

/// `/api/v1/projects/{project}/repos/{repo}/refs/{ref}/...`: the files of a commit (or a
/// branch head): paged directory listings, one file's description, its bytes with the right
/// content type, and a folder as a tar download. Writing is in `UploadRoutes`.
enum FileRoutes {
    static let prefix = "/api/v1/projects/:project/repos/:repo/refs/:ref"

    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("\(prefix)/files") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let selector = try parameters.commit()
            let path = try parameters.path()
            let page = try PageRequest(request)
            let files = try await api.fileSystem.listFiles(selector, path: path)
            let commit = files.first?.commit.id.value
            var body = page.page(files, PFSJSON.file)
            if case .object(var members) = body {
                members.insert(("path", JSONValue(path.string)), at: 0)
                members.insert(("commit", .optional(commit) { JSONValue($0) }), at: 1)
                body = .object(members)
            }
            return JSONResponse.make(body)
        }
        router.get("\(prefix)/file") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let info = try await api.fileSystem.inspectFile(parameters.commit(), path: parameters.path())
            var body = PFSJSON.file(info)
            if case .object(var members) = body, !info.isDirectory {
                members.append(("content_type", JSONValue(ContentType.forFile(named: info.path.name))))
                body = .object(members)
            }
            return JSONResponse.make(body)
        }
        router.get("\(prefix)/content") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            return try await content(api, parameters)
        }
        router.get("\(prefix)/archive") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let selector = try parameters.commit()
            let path = try parameters.path()
            let repo = try parameters.repo()
            let name = path.isRoot ? "\(repo.name)-\(selector.branch ?? selector.id?.value ?? "head")" : path.name
            return try await TarResponse.make(fileSystem: api.fileSystem, selector: selector, path: path, archiveName: name)
        }
    }

    /// A file's bytes, streamed. `download=1` asks for an attachment; `limit=N` returns only
    /// the first N bytes (previews), with `X-Tusk-Truncated: true` when the file is longer.
    static func content(_ api: APIContext, _ parameters: RouteParameters) async throws -> Response {
        let selector = try parameters.commit()
        let path = try parameters.path()
        let info = try await api.fileSystem.inspectFile(selector, path: path)
        if info.isDirectory {
            throw TuskError.invalid("\(path) is a directory; download it with the archive endpoint (…/archive?path=\(path))", location: path.string)
        }
        var limit: Int64?
        if let text = parameters.query("limit") {
            guard let value = Int64(text), value >= 0 else {
                throw TuskError.invalid("limit must be a number of bytes (0 or more), not \"\(text)\"", location: "limit")
            }
            limit = value
        }
        let type = ContentType.forFile(named: path.name)
        let inline = parameters.query("download") != "1" && ContentType.isSafeInline(type)
        let length = min(info.sizeBytes, limit ?? info.sizeBytes)
        let stream = api.fileSystem.readContent(info)
        let body = ResponseBody(contentLength: Int(length)) { writer in
            var remaining = length
            for try await chunk in stream {
                if remaining <= 0 { break }
                let piece = Int64(chunk.count) > remaining ? chunk.prefix(Int(remaining)) : chunk
                remaining -= Int64(piece.count)
                try await writer.write(ByteBuffer(bytes: piece))
            }
            try await writer.finish(nil)
        }
        var headers: HTTPFields = [
            .contentType: type,
            .contentDisposition: ContentDisposition.header(inline: inline, fileName: path.name),
            .cacheControl: "no-store",
        ]
        headers[HeaderNames.contentTypeOptions] = "nosniff"
        headers[HeaderNames.fileSize] = String(info.sizeBytes)
        headers[HeaderNames.commit] = info.commit.id.value
        if !type.hasPrefix("application/pdf") { headers[HeaderNames.contentSecurityPolicy] = "sandbox" }
        if length < info.sizeBytes { headers[HeaderNames.truncated] = "true" }
        return Response(status: .ok, headers: headers, body: body)
    }
}
