/// `tusk delete project <name>` (`DeleteProject`); the project must be empty unless `-f`.
struct DeleteProjectCommand: Command {
    let words = ["delete", "project"]
    let summary = "Delete a project."
    let usesProject = false
    let arguments = [ArgumentSpecification("project")]
    let flags: [FlagSpecification] = [.boolean("force", short: "f", help: "delete even if the project still holds repos or pipelines")]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().deleteProject(invocation.positional(0), force: invocation.arguments.has("force"))
    }
}
