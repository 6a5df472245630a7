/// `tusk rerun pipeline NAME [--reprocess]` (`RerunPipeline`): runs a new job on the current
/// inputs; with `--reprocess` no datum is skipped.
struct RerunPipelineCommand: Command {
    let words = ["rerun", "pipeline"]
    let summary = "Run a pipeline again on its current inputs."
    let arguments = [ArgumentSpecification("pipeline")]
    let flags: [FlagSpecification] = [
        .boolean("reprocess", help: "process every datum again instead of skipping those already done"),
    ]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().rerunPipeline(invocation.positional(0), project: invocation.project, reprocess: invocation.arguments.has("reprocess"))
    }
}
