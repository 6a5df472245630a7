/// `tusk update project <name>`: changes a project's description (`CreateProject` with update).
struct UpdateProjectCommand: Command {
    let words = ["update", "project"]
    let summary = "Update a project's description."
    let usesProject = false
    let arguments = [ArgumentSpecification("project")]
    let flags: [FlagSpecification] = [.value("description", short: "d", "TEXT", help: "the new description")]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().createProject(invocation.positional(0), description: invocation.arguments.string("description") ?? "", update: true)
    }
}
