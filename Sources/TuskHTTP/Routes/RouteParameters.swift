import Foundation
import Hummingbird
import TuskCore
import TuskPFS
import TuskPPS

/// Reads the typed ids the `/api/v1` paths carry (`:project`, `:repo`, `:ref`, `:pipeline`,
/// `:job`, `:datum`) and the `path` query parameter, with the engine's own name validation so
/// a bad name is a 400 that says what a good one looks like.
struct RouteParameters {
    let request: Request
    let context: BasicRequestContext

    private func required(_ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else {
            throw TuskError.invalid("the URL has no \(name)", location: name)
        }
        return value.removingPercentEncoding ?? value
    }

    func project() throws -> ProjectName { try ProjectName(required("project")) }

    func repo() throws -> RepoID { try RepoID(project: project(), name: required("repo")) }

    func branch() throws -> BranchID { try BranchID(repo: repo(), name: required("branch")) }

    /// `:ref` is a branch name or a 32-hex commit id, as after the `@` of `repo@ref`.
    func commit() throws -> CommitSelector {
        try Self.selector(repo: repo(), ref: required("ref"))
    }

    static func selector(repo: RepoID, ref: String) throws -> CommitSelector {
        if let id = CommitID(ref) { return CommitSelector(repo: repo, id: id) }
        _ = try BranchID(repo: repo, name: ref)
        return CommitSelector(repo: repo, branch: ref)
    }

    func pipeline() throws -> PipelineID { try PipelineID(project: project(), name: required("pipeline")) }

    func job() throws -> JobKey {
        let text = try required("job")
        guard let id = CommitID(text) else {
            throw TuskError.invalid("\"\(text)\" is not a job id (32 hexadecimal digits)", location: "job")
        }
        return JobKey(pipeline: try pipeline(), id: id)
    }

    func datum() throws -> String { try required("datum") }

    /// The `path` query parameter (default `/`), validated as a PFS path.
    func path(forWriting: Bool = false) throws -> FilePath {
        let text = request.uri.queryParameters.get("path") ?? "/"
        return try FilePath(validating: text.isEmpty ? "/" : text, forWriting: forWriting)
    }

    func query(_ name: String) -> String? { request.uri.queryParameters.get(name) }
}
