import Hummingbird
import TuskCore
import TuskPFS

/// `/api/v1/projects/{project}/repos/{repo}/commits`: a repo's commit history, paged, with
/// sizes and provenance, and one commit by id or branch.
enum CommitRoutes {
    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("/api/v1/projects/:project/repos/:repo/commits") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let repo = try parameters.repo()
            let page = try PageRequest(request)
            let commits: [CommitInfo]
            if let branch = parameters.query("branch"), !branch.isEmpty {
                let branchID = try BranchID(repo: repo, name: branch)
                let head = try await api.fileSystem.inspectBranch(branchID).head
                commits = head == nil ? [] : try await api.fileSystem.listCommits(repo, to: .head(of: branchID))
            } else {
                commits = try await api.fileSystem.listCommits(repo)
            }
            return JSONResponse.make(page.page(commits, PFSJSON.commit))
        }
        router.get("/api/v1/projects/:project/repos/:repo/commits/:ref") { request, context in
            let selector = try RouteParameters(request: request, context: context).commit()
            return JSONResponse.make(PFSJSON.commit(try await api.fileSystem.inspectCommit(selector)))
        }
    }
}
