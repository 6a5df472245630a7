import TuskClient

/// `tusk list datum PIPELINE@JOB` (`ListDatum`): the job's datums with their input files,
/// state and time.
struct ListDatumCommand: Command {
    let words = ["list", "datum"]
    let summary = "List the datums of a job."
    let arguments = [ArgumentSpecification("pipeline@job-id")]
    let legacyForms = [LegacyForm("list-datum", usage: "list-datum <job-id>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        let datums = try await connection.listDatums(pipeline: pipeline, jobID: reference.id, project: invocation.project)
        invocation.emit(datums.map { $0.jsonLine() }) { PipelineRows.datumTable(datums) }
    }
}
