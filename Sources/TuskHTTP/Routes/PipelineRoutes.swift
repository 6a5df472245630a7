import Hummingbird
import TuskCore
import TuskPFS
import TuskPPS

/// `/api/v1/projects/{project}/pipelines` and `/dag`: pipelines with spec, state and reason,
/// creating them from a spec (JSON or YAML, as `tusk create pipeline -f` takes), and the
/// project's graph of repos and pipelines.
enum PipelineRoutes {
    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("/api/v1/projects/:project/pipelines") { request, context in
            let project = try RouteParameters(request: request, context: context).project()
            _ = try await api.fileSystem.inspectProject(project)
            let pipelines = try await api.pipelines.listPipelines(projects: [project])
            return JSONResponse.make(["items": .array(pipelines.map { PPSJSON.pipeline($0, includeSpec: false) })])
        }
        router.post("/api/v1/projects/:project/pipelines") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let project = try parameters.project()
            let data = try await JSONResponse.bodyData(request)
            guard let text = String(data: data, encoding: .utf8), !text.trimmed(of: " \t\r\n").isEmpty else {
                throw TuskError.invalid("send the pipeline spec (JSON or YAML) as the request body")
            }
            let created = try await api.pipelines.createPipelines(
                text: text, defaultProject: project, update: parameters.query("update") == "true", reprocess: false, dryRun: false)
            return JSONResponse.make(["items": .array(created.map { PPSJSON.pipeline($0, includeSpec: true) })], status: .created)
        }
        router.get("/api/v1/projects/:project/pipelines/:pipeline") { request, context in
            let pipeline = try RouteParameters(request: request, context: context).pipeline()
            return JSONResponse.make(PPSJSON.pipeline(try await api.pipelines.inspectPipeline(pipeline), includeSpec: true))
        }
        router.get("/api/v1/projects/:project/dag") { request, context in
            let project = try RouteParameters(request: request, context: context).project()
            _ = try await api.fileSystem.inspectProject(project)
            let repos = try await api.fileSystem.listRepos(projects: [project], type: .user)
            let pipelines = try await api.pipelines.listPipelines(projects: [project])
            return JSONResponse.make(ProjectGraph(project: project, repos: repos, pipelines: pipelines).json)
        }
    }
}
