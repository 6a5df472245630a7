import Hummingbird
import TuskCore
import TuskPFS

/// `/api/v1/projects`: list, create and inspect projects.
enum ProjectRoutes {
    /// The body of `POST /api/v1/projects`.
    struct CreateProject: Decodable {
        var name: String
        var description: String?
    }

    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("/api/v1/projects") { _, _ in
            let projects = try await api.fileSystem.listProjects()
            return JSONResponse.make(["items": .array(projects.map(PFSJSON.project))])
        }
        router.post("/api/v1/projects") { request, _ in
            let input = try await JSONResponse.decode(CreateProject.self, from: request, what: "new project")
            let name = try ProjectName(input.name)
            try await api.fileSystem.createProject(name, description: input.description ?? "", update: false)
            return JSONResponse.make(PFSJSON.project(try await api.fileSystem.inspectProject(name)), status: .created)
        }
        router.get("/api/v1/projects/:project") { request, context in
            let project = try RouteParameters(request: request, context: context).project()
            return JSONResponse.make(PFSJSON.project(try await api.fileSystem.inspectProject(project)))
        }
    }
}
