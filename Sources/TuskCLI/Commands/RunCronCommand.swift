/// `tusk run cron NAME` (`RunCron`): fires every cron input of the pipeline now.
struct RunCronCommand: Command {
    let words = ["run", "cron"]
    let summary = "Trigger a cron pipeline's cron inputs now."
    let arguments = [ArgumentSpecification("pipeline")]
    let legacyForms = [LegacyForm("run-cron", usage: "run-cron <pipeline>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().runCron(invocation.positional(0), project: invocation.project)
    }
}
