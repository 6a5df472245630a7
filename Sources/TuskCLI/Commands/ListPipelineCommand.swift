import TuskClient
import TuskCore

/// `tusk list pipeline [NAME] [--spec] [--history N|all]` (`ListPipeline`).
struct ListPipelineCommand: Command {
    let words = ["list", "pipeline"]
    let summary = "List pipelines, or the versions of one pipeline."
    let arguments = [ArgumentSpecification("pipeline", optional: true)]
    let flags: [FlagSpecification] = [
        .boolean("spec", short: "s", help: "print each pipeline's effective spec as JSON instead of a table"),
        .value("history", "N|all", help: "also list N older versions of each pipeline (all: every version)"),
        .boolean("all-projects", short: "A", help: "list the pipelines of every project"),
    ]
    let legacyForms = [LegacyForm("list-pipeline", usage: "list-pipeline [pipeline]") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let history = try Self.history(arguments.string("history"))
        let name = arguments.positionals.first
        let projects = arguments.has("all-projects") && name == nil ? [] : [invocation.project]
        let pipelines = try await invocation.connection().listPipelines(name: name, history: history, projects: projects)
        if arguments.has("spec") {
            for info in pipelines { invocation.console.print(info.effectiveSpecJson) }
            return
        }
        invocation.emit(pipelines.map { $0.jsonLine() }) { PipelineRows.pipelineTable(pipelines) }
    }

    /// `--history`: absent or `none` 0, `all` -1, else a whole number.
    static func history(_ text: String?) throws -> Int64 {
        guard let text, text != "none" else { return 0 }
        if text == "all" { return -1 }
        guard let number = Int64(text), number >= 0 else {
            throw TuskError.invalid("--history \"\(text)\" is not valid; give a number of older versions, none or all", location: "--history")
        }
        return number
    }
}
