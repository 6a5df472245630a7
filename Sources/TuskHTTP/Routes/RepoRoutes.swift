import Hummingbird
import TuskCore
import TuskPFS
import TuskPPS

/// `/api/v1/projects/{project}/repos`: list, create and inspect repos, and their branches.
enum RepoRoutes {
    /// The body of `POST /api/v1/projects/{project}/repos`.
    struct CreateRepo: Decodable {
        var name: String
        var description: String?
    }

    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("/api/v1/projects/:project/repos") { request, context in
            let project = try RouteParameters(request: request, context: context).project()
            _ = try await api.fileSystem.inspectProject(project)
            let repos = try await api.fileSystem.listRepos(projects: [project], type: .user)
            let producers = try await pipelineNames(api, project: project)
            return JSONResponse.make(["items": .array(repos.map { PFSJSON.repo($0, pipeline: producers.contains($0.repo.name) ? $0.repo.name : nil) })])
        }
        router.post("/api/v1/projects/:project/repos") { request, context in
            let project = try RouteParameters(request: request, context: context).project()
            let input = try await JSONResponse.decode(CreateRepo.self, from: request, what: "new repo")
            let repo = try RepoID(project: project, name: input.name)
            _ = try await api.fileSystem.inspectProject(project)
            try await api.fileSystem.createRepo(repo, description: input.description ?? "", update: false)
            return JSONResponse.make(PFSJSON.repo(try await api.fileSystem.inspectRepo(repo), pipeline: nil), status: .created)
        }
        router.get("/api/v1/projects/:project/repos/:repo") { request, context in
            let repo = try RouteParameters(request: request, context: context).repo()
            let info = try await api.fileSystem.inspectRepo(repo)
            let producers = try await pipelineNames(api, project: repo.project)
            return JSONResponse.make(PFSJSON.repo(info, pipeline: producers.contains(repo.name) ? repo.name : nil))
        }
        router.get("/api/v1/projects/:project/repos/:repo/branches") { request, context in
            let repo = try RouteParameters(request: request, context: context).repo()
            let branches = try await api.fileSystem.listBranches(repo)
            return JSONResponse.make(["items": .array(branches.map(PFSJSON.branch))])
        }
    }

    /// Names of the project's pipelines, each of which writes the repo of the same name.
    static func pipelineNames(_ api: APIContext, project: ProjectName) async throws -> Set<String> {
        Set(try await api.pipelines.listPipelines(projects: [project]).map(\.id.name))
    }
}
