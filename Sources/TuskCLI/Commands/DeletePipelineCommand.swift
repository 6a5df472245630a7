import TuskCore

/// `tusk delete pipeline NAME|--all [--force] [--keep-repo]` (`DeletePipeline` /
/// `DeletePipelines`): removes the pipeline, its jobs, and its output repo unless kept.
struct DeletePipelineCommand: Command {
    let words = ["delete", "pipeline"]
    let summary = "Delete a pipeline (and its output repo, unless --keep-repo)."
    let arguments = [ArgumentSpecification("pipeline", optional: true)]
    let flags: [FlagSpecification] = [
        .boolean("all", help: "delete every pipeline of the project"),
        .boolean("all-projects", short: "A", help: "with --all: every pipeline of every project"),
        .boolean("force", short: "f", help: "delete even if other pipelines read from it"),
        .boolean("keep-repo", help: "keep the output repo as a plain repo"),
    ]
    let legacyForms = [LegacyForm("delete-pipeline", usage: "delete-pipeline <pipeline>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let connection = try await invocation.connection()
        if arguments.has("all") {
            guard arguments.positionals.isEmpty else {
                throw TuskError.invalid("give either a pipeline or --all to \"delete pipeline\", not both", location: "--all")
            }
            let projects = arguments.has("all-projects") ? [] : [invocation.project]
            let deleted = try await connection.deletePipelines(projects: projects, force: arguments.has("force"), keepRepo: arguments.has("keep-repo"))
            invocation.verbose("deleted \(deleted.count) pipelines")
            return
        }
        guard let name = arguments.positionals.first else {
            throw TuskError.invalid("\"delete pipeline\" needs a pipeline name (or --all)", location: "delete pipeline")
        }
        try await connection.deletePipeline(name, project: invocation.project, force: arguments.has("force"), keepRepo: arguments.has("keep-repo"))
    }
}
