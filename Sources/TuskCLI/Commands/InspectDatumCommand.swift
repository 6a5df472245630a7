import TuskClient

/// `tusk inspect datum PIPELINE@JOB DATUM_ID` (`InspectDatum`): state, timings and inputs.
struct InspectDatumCommand: Command {
    let words = ["inspect", "datum"]
    let summary = "Show a datum's state, timings and input files."
    let arguments = [ArgumentSpecification("pipeline@job-id"), ArgumentSpecification("datum-id")]
    let legacyForms = [LegacyForm("inspect-datum", usage: "inspect-datum <job-id> <datum-id>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        let info = try await connection.inspectDatum(pipeline: pipeline, jobID: reference.id, datumID: invocation.positional(1), project: invocation.project)
        if invocation.printsRaw {
            invocation.console.print(info.jsonLine())
            return
        }
        invocation.console.write(Self.describe(info))
    }

    static func describe(_ info: DatumInfo) -> String {
        let stats = info.stats
        let pairs = [
            ("ID", info.datum.id),
            ("Job ID", info.datum.job.id),
            ("State", PipelineRows.datumState(info.state)),
            ("Data Downloaded", HumanFormat.size(stats.downloadBytes)),
            ("Data Uploaded", HumanFormat.size(stats.uploadBytes)),
            ("Download Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.downloadTime))),
            ("Process Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.processTime))),
            ("Upload Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.uploadTime))),
        ]
        var inputs = Table(headers: ["REPO", "COMMIT", "PATH", "HASH"])
        for file in info.data {
            let hash = file.hash.map { String(format: "%02x", $0) }.joined()
            inputs.append([file.file.commit.repo.name, file.file.commit.id, file.file.path, hash])
        }
        return InfoRows.details(pairs) + "Inputs:\n" + inputs.rendered()
    }
}
