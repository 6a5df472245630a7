import TuskCore

/// `tusk start commit repo@branch` (`StartCommit`): prints the new commit's id.
struct StartCommitCommand: Command {
    let words = ["start", "commit"]
    let summary = "Start a new commit on a branch."
    let arguments = [ArgumentSpecification("repo@branch")]
    let flags: [FlagSpecification] = [
        .value("parent", short: "p", "COMMIT", help: "the parent commit (default: the branch head)"),
        .value("message", short: "m", "TEXT", help: "the commit's description"),
        .value("description", "TEXT", help: "the commit's description (same as -m)"),
    ]
    let legacyForms = [LegacyForm("start-commit", usage: "start-commit <repo> <branch>") { try LegacyArguments.commitOrModern($0, verb: "start-commit") }]

    func run(_ invocation: Invocation) async throws {
        let branch = try ReferenceParser.commit(invocation.positional(0))
        guard branch.branch != nil, branch.id == nil else {
            throw TuskError.invalid("\"start commit\" needs repo@branch, got \"\(invocation.positional(0))\"", location: invocation.positional(0))
        }
        var parent: CommitReference?
        if let text = invocation.arguments.string("parent") {
            parent = try ReferenceParser.commit(text.contains("@") ? text : "\(branch.repo)@\(text)")
        }
        let description = invocation.arguments.string("message") ?? invocation.arguments.string("description") ?? ""
        let commit = try await invocation.connection().startCommit(branch: branch, parent: parent, description: description, project: invocation.project)
        if invocation.printsRaw { invocation.console.print(commit.jsonLine()) } else { invocation.console.print(commit.id) }
    }
}
