/// `tusk delete job PIPELINE@ID` (`DeleteJob`).
struct DeleteJobCommand: Command {
    let words = ["delete", "job"]
    let summary = "Delete a job."
    let arguments = [ArgumentSpecification("pipeline@job-id")]
    let legacyForms = [LegacyForm("delete-job", usage: "delete-job <job-id>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        try await connection.deleteJob(pipeline: pipeline, id: reference.id, project: invocation.project)
    }
}
