import Foundation
import Hummingbird
import TuskCore
import TuskPFS

/// Read-only JSON endpoints for scripts and the console: projects, repos, branches, commits and files.
enum JSONRoutes {
    static func register(on router: Router<BasicRequestContext>, fileSystem: FileSystem) {
        router.get("/api/v1/projects") { _, _ in
            try await json(fileSystem.listProjects().map { ["name": $0.name.value, "description": $0.description, "created": $0.createdAt.seconds] as [String: Any] })
        }
        router.get("/api/v1/projects/:project/repos") { _, context in
            let project = try ProjectName(context.parameters.get("project") ?? "")
            return try await json(fileSystem.listRepos(projects: [project], type: .user).map {
                ["name": $0.repo.name, "project": $0.repo.project.value, "description": $0.description, "size_bytes": $0.sizeBytes,
                 "branches": $0.branches, "created": $0.createdAt.seconds] as [String: Any]
            })
        }
        router.get("/api/v1/projects/:project/repos/:repo/commits") { _, context in
            let repo = try RepoID(project: try ProjectName(context.parameters.get("project") ?? ""), name: context.parameters.get("repo") ?? "")
            return try await json(fileSystem.listCommits(repo).map {
                ["id": $0.id.value, "branch": $0.branch ?? "", "parent": $0.parent?.value ?? "", "state": $0.state.rawValue,
                 "size_bytes": $0.sizeBytes, "description": $0.description, "started": $0.startedAt.seconds,
                 "finished": $0.finishedAt?.seconds ?? 0] as [String: Any]
            })
        }
        router.get("/api/v1/projects/:project/repos/:repo/branches/:branch/files") { request, context in
            let repo = try RepoID(project: try ProjectName(context.parameters.get("project") ?? ""), name: context.parameters.get("repo") ?? "")
            let branch = try BranchID(repo: repo, name: context.parameters.get("branch") ?? "")
            let path = try FilePath(validating: request.uri.queryParameters.get("path") ?? "/")
            return try await json(fileSystem.listFiles(.head(of: branch), path: path).map {
                ["path": $0.displayPath, "type": $0.isDirectory ? "dir" : "file", "size_bytes": $0.sizeBytes, "hash": $0.hash.hex] as [String: Any]
            })
        }
    }

    static func json(_ value: Any) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Maps engine errors to HTTP status codes: the one table for the HTTP front end.
struct TuskHTTPError: HTTPResponseError {
    let error: TuskError

    var status: HTTPResponse.Status {
        switch error.code {
        case .notFound: return .notFound
        case .alreadyExists, .aborted: return .conflict
        case .invalidArgument: return .badRequest
        case .failedPrecondition: return .preconditionFailed
        case .unavailable: return .serviceUnavailable
        case .permissionDenied: return .forbidden
        case .unimplemented: return .notImplemented
        default: return .internalServerError
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: ["error": error.message, "code": error.code.rawValue])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns thrown `TuskError`s into JSON error responses with the mapped status.
struct TuskErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as TuskError {
            throw TuskHTTPError(error: error)
        }
    }
}
