import Foundation
import TuskClient

/// `tusk inspect job PIPELINE@ID` (`InspectJob` with details).
struct InspectJobCommand: Command {
    let words = ["inspect", "job"]
    let summary = "Show a job's state, datum counts and timings."
    let arguments = [ArgumentSpecification("pipeline@job-id")]
    let legacyForms = [LegacyForm("inspect-job", usage: "inspect-job <job-id>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let reference = try JobReference(parsing: invocation.positional(0))
        let pipeline = try await reference.resolvedPipeline(connection)
        let info = try await connection.inspectJob(pipeline: pipeline, id: reference.id, project: invocation.project, wait: false)
        if invocation.printsRaw {
            invocation.console.print(info.jsonLine())
            return
        }
        invocation.console.write(Self.describe(info, now: Date()))
    }

    static func describe(_ info: JobInfo, now: Date) -> String {
        let stats = info.stats
        var pairs = [
            ("ID", info.job.id),
            ("Pipeline", info.job.pipeline.name),
            ("Pipeline Version", "\(info.pipelineVersion)"),
            ("State", PipelineRows.jobState(info.state)),
        ]
        if !info.reason.isEmpty { pairs.append(("Reason", info.reason)) }
        pairs += [
            ("Created", info.hasCreated ? InfoRows.time(info.created.seconds, info.created.nanos, now: now) : "-"),
            ("Started", info.hasStarted ? InfoRows.time(info.started.seconds, info.started.nanos, now: now) : "-"),
            ("Duration", PipelineRows.duration(info, now: now)),
            ("Restarts", "\(info.restart)"),
            ("Datums Processed", "\(info.dataProcessed)"),
            ("Datums Skipped", "\(info.dataSkipped)"),
            ("Datums Failed", "\(info.dataFailed)"),
            ("Datums Recovered", "\(info.dataRecovered)"),
            ("Total Datums", "\(info.dataTotal)"),
            ("Data Downloaded", HumanFormat.size(stats.downloadBytes)),
            ("Data Uploaded", HumanFormat.size(stats.uploadBytes)),
            ("Download Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.downloadTime))),
            ("Process Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.processTime))),
            ("Upload Time", HumanFormat.duration(PipelineRows.durationSeconds(stats.uploadTime))),
            ("Output Commit", "\(info.outputCommit.repo.name)@\(info.outputCommit.id)"),
        ]
        return InfoRows.details(pairs)
    }
}
