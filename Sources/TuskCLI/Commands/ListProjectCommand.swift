/// `tusk list project` (`ListProject`); the active project is marked with `*`.
struct ListProjectCommand: Command {
    let words = ["list", "project"]
    let summary = "List every project."

    func run(_ invocation: Invocation) async throws {
        let projects = try await invocation.connection().listProjects()
        invocation.emit(projects.map { $0.jsonLine() }) { InfoRows.projectTable(projects, active: invocation.project) }
    }
}
