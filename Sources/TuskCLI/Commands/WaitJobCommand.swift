import TuskClient

/// `tusk wait job ID|PIPELINE@ID`: blocks until the job (`InspectJob` with wait) or every job
/// of the job set (`InspectJobSet` with wait) is done, then lists them.
struct WaitJobCommand: Command {
    let words = ["wait", "job"]
    let summary = "Wait for a job, or every job of a job set, to finish."
    let arguments = [ArgumentSpecification("job-id | pipeline@job-id")]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let jobs: [JobInfo]
        if let pipeline = reference.pipeline {
            jobs = [try await connection.inspectJob(pipeline: pipeline, id: reference.id, project: invocation.project, wait: true)]
        } else {
            jobs = try await connection.inspectJobSet(reference.id, wait: true)
        }
        invocation.emit(jobs.map { $0.jsonLine() }) { PipelineRows.jobTable(jobs) }
    }
}
