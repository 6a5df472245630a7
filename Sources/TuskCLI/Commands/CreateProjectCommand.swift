/// `tusk create project <name>` (`CreateProject`).
struct CreateProjectCommand: Command {
    let words = ["create", "project"]
    let summary = "Create a new project."
    let usesProject = false
    let arguments = [ArgumentSpecification("project")]
    let flags: [FlagSpecification] = [.value("description", short: "d", "TEXT", help: "the project's description")]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().createProject(invocation.positional(0), description: invocation.arguments.string("description") ?? "", update: false)
    }
}
