/// `tusk inspect project <name>` (`InspectProject`).
struct InspectProjectCommand: Command {
    let words = ["inspect", "project"]
    let summary = "Show a project's details."
    let usesProject = false
    let arguments = [ArgumentSpecification("project")]

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectProject(invocation.positional(0))
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        invocation.console.write(InfoRows.details([("Name", info.project.name), ("Description", info.description_p)]))
    }
}
