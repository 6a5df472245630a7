import TuskClient
import TuskCore

/// `tusk create pipeline -f FILE|-|URL` (`CreatePipelineV2`): sends the spec file's text, JSON
/// or YAML with one or several pipelines; the server parses, validates and creates them.
struct CreatePipelineCommand: Command {
    let words = ["create", "pipeline"]
    let summary = "Create pipelines from a JSON or YAML spec file."
    let details = """
        The file may hold one pipeline, several (YAML documents, a JSON stream or a list), and
        1.x forms such as an "atom" input. A refusal names the spec field that is wrong.
        Examples:
          tusk create pipeline -f edges.json
          cat edges.yaml | tusk create pipeline -f -
        """
    let flags: [FlagSpecification] = [
        .value("file", short: "f", "FILE", help: "the spec: a path, - for stdin, or an http(s) URL"),
        .boolean("dry-run", help: "validate and print the effective spec without creating anything"),
    ]
    let legacyForms = [LegacyForm("create-pipeline", usage: "create-pipeline -f <spec>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        try await Self.send(invocation, update: false, reprocess: false)
    }

    /// Reads `--file`, sends it and prints `created pipeline X` (or `updated`) per pipeline.
    static func send(_ invocation: Invocation, update: Bool, reprocess: Bool) async throws {
        let arguments = invocation.arguments
        guard let file = arguments.string("file") else {
            let verb = update ? "update" : "create"
            throw TuskError.invalid("\"\(verb) pipeline\" needs the spec: -f FILE (a path, - for stdin, or a URL)", location: "--file")
        }
        let text = try PipelineSpecProject.inject(try await PipelineSpecSource(file).read(), project: invocation.project)
        let dryRun = arguments.has("dry-run")
        let effective = try await invocation.connection().createPipelines(specText: text, update: update, reprocess: reprocess, dryRun: dryRun)
        if dryRun || invocation.printsRaw {
            invocation.console.print(dryRun ? PipelineRows.prettyJSON(effective) : effective)
            return
        }
        for name in PipelineSpecSource.pipelineNames(inEffectiveJSON: effective) {
            invocation.console.print("\(update ? "updated" : "created") pipeline \(name)")
        }
    }
}
