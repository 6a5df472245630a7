import TuskCore

/// `tusk finish commit repo@branch-or-commit` (`FinishCommit`).
struct FinishCommitCommand: Command {
    let words = ["finish", "commit"]
    let summary = "Finish an open commit, making it immutable."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let flags: [FlagSpecification] = [
        .value("message", short: "m", "TEXT", help: "replace the commit's description"),
        .value("description", "TEXT", help: "replace the commit's description (same as -m)"),
        .boolean("force", short: "f", help: "finish even a pipeline's output commit"),
    ]
    let legacyForms = [LegacyForm("finish-commit", usage: "finish-commit <repo> <commit-or-branch>") { try LegacyArguments.commitOrModern($0, verb: "finish-commit") }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let description = invocation.arguments.string("message") ?? invocation.arguments.string("description")
        try await invocation.connection().finishCommit(commit, description: description, force: invocation.arguments.has("force"), project: invocation.project)
    }
}
