/// `tusk stop job PIPELINE@ID` (`StopJob`): kills a running job.
struct StopJobCommand: Command {
    let words = ["stop", "job"]
    let summary = "Stop a running job."
    let arguments = [ArgumentSpecification("pipeline@job-id")]
    let legacyForms = [LegacyForm("stop-job", usage: "stop-job <job-id>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        try await connection.stopJob(pipeline: pipeline, id: reference.id, project: invocation.project, reason: "stopped by tusk stop job")
    }
}
