/// `tusk stop pipeline NAME` (`StopPipeline`): pauses a pipeline; new input commits wait.
struct StopPipelineCommand: Command {
    let words = ["stop", "pipeline"]
    let summary = "Stop a pipeline from processing new data."
    let arguments = [ArgumentSpecification("pipeline")]
    let legacyForms = [LegacyForm("stop-pipeline", usage: "stop-pipeline <pipeline>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().stopPipeline(invocation.positional(0), project: invocation.project)
    }
}
