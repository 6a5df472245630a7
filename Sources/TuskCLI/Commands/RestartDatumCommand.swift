import TuskCore

/// `tusk restart datum PIPELINE@JOB PATH1,PATH2` (`RestartDatum`): runs again the datums whose
/// inputs match the paths or hashes.
struct RestartDatumCommand: Command {
    let words = ["restart", "datum"]
    let summary = "Restart the datums of a job whose inputs match paths or hashes."
    let arguments = [ArgumentSpecification("pipeline@job-id"), ArgumentSpecification("path,path...")]
    let legacyForms = [LegacyForm("restart-datum", usage: "restart-datum <job-id> <path1>,<path2>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        let filters = invocation.positional(1).split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
        guard !filters.isEmpty else {
            throw TuskError.invalid("\"restart datum\" needs the input paths or hashes of the datums to restart, comma-separated", location: "restart datum")
        }
        try await connection.restartDatum(pipeline: pipeline, jobID: reference.id, project: invocation.project, dataFilters: filters)
    }
}
