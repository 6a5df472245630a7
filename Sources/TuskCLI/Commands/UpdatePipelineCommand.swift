/// `tusk update pipeline -f FILE [--reprocess]` (`CreatePipelineV2` with update): replaces the
/// pipelines' specs; without `--reprocess` datums already processed are skipped.
struct UpdatePipelineCommand: Command {
    let words = ["update", "pipeline"]
    let summary = "Update pipelines from a JSON or YAML spec file."
    let flags: [FlagSpecification] = [
        .value("file", short: "f", "FILE", help: "the spec: a path, - for stdin, or an http(s) URL"),
        .boolean("reprocess", help: "process every datum again instead of skipping those already done"),
        .boolean("dry-run", help: "validate and print the effective spec without changing anything"),
    ]
    let legacyForms = [LegacyForm("update-pipeline", usage: "update-pipeline -f <spec> [--reprocess]") { $0 }]

    func run(_ invocation: Invocation) async throws {
        try await CreatePipelineCommand.send(invocation, update: true, reprocess: invocation.arguments.has("reprocess"))
    }
}
