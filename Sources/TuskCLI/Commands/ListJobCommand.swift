import TuskClient
import TuskCore

/// `tusk list job [JOB_ID] [-p PIPELINE] [-n N]`: jobs newest first (`ListJob`), or the jobs
/// of one job set (`InspectJobSet`), with their datum progress `processed + skipped / total`.
struct ListJobCommand: Command {
    let words = ["list", "job"]
    let summary = "List jobs with their progress and state."
    let arguments = [ArgumentSpecification("job-id", optional: true)]
    let flags: [FlagSpecification] = [
        .value("pipeline", short: "p", "PIPELINE", help: "only jobs of this pipeline"),
        .value("number", short: "n", "N", help: "list at most N jobs (0 = all)"),
        .value("history", "N|all", help: "also jobs of N older pipeline versions (all: every version)"),
        .boolean("all-projects", short: "A", help: "jobs of every project"),
        .boolean("expand", short: "x", help: "list each job of a job set (always the case here)"),
    ]
    let legacyForms = [LegacyForm("list-job", usage: "list-job [-p pipeline]") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let connection = try await invocation.connection()
        let pipeline = arguments.string("pipeline")
        var jobs: [JobInfo]
        if let id = arguments.positionals.first {
            jobs = try await connection.inspectJobSet(id, wait: false)
            if let pipeline { jobs = jobs.filter { $0.job.pipeline.name == pipeline } }
            if let number = try arguments.integer("number"), number > 0 { jobs = Array(jobs.prefix(number)) }
        } else {
            let projects = arguments.has("all-projects") ? [] : [invocation.project]
            jobs = try await connection.listJobs(pipeline: pipeline, projects: projects, number: try arguments.integer("number") ?? 0,
                                                 history: try ListPipelineCommand.history(arguments.string("history")))
        }
        invocation.emit(jobs.map { $0.jsonLine() }) { PipelineRows.jobTable(jobs) }
    }
}
