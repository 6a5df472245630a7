import TuskClient
import TuskCore

/// `tusk flush job repo@ref` (1.x `flush-job repo/id`): waits for every job the commit set of
/// that commit caused, then lists them.
struct FlushJobCommand: Command {
    let words = ["flush", "job"]
    let summary = "Wait for the jobs a commit caused to finish, then list them."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let flags: [FlagSpecification] = [
        .repeated("pipeline", short: "p", "PIPELINE", help: "only jobs of this pipeline (repeatable)"),
    ]
    let legacyForms = [LegacyForm("flush-job", usage: "flush-job <repo>/<commit>") { arguments in
        arguments.map(FlushCommitCommand.legacyCommit)
    }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let connection = try await invocation.connection()
        let named = try await connection.inspectCommit(commit, project: invocation.project)
        var jobs = try await connection.inspectJobSet(named.commit.id, wait: true)
        let pipelines = invocation.arguments.strings("pipeline")
        if !pipelines.isEmpty { jobs = jobs.filter { pipelines.contains($0.job.pipeline.name) } }
        invocation.emit(jobs.map { $0.jsonLine() }) { PipelineRows.jobTable(jobs) }
    }
}
