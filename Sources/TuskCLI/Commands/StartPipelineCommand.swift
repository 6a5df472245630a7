/// `tusk start pipeline NAME` (`StartPipeline`): resumes a stopped pipeline.
struct StartPipelineCommand: Command {
    let words = ["start", "pipeline"]
    let summary = "Restart a stopped pipeline."
    let arguments = [ArgumentSpecification("pipeline")]
    let legacyForms = [LegacyForm("start-pipeline", usage: "start-pipeline <pipeline>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().startPipeline(invocation.positional(0), project: invocation.project)
    }
}
