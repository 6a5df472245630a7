import TuskCore

/// `tusk delete branch repo@branch` (`DeleteBranch`); the commits survive.
struct DeleteBranchCommand: Command {
    let words = ["delete", "branch"]
    let summary = "Delete a branch (its commits are kept)."
    let arguments = [ArgumentSpecification("repo@branch")]
    let flags: [FlagSpecification] = [.boolean("force", short: "f", help: "delete even if other branches depend on it")]
    let legacyForms = [LegacyForm("delete-branch", usage: "delete-branch <repo> <branch>") { try LegacyArguments.commitOrModern($0, verb: "delete-branch") }]

    func run(_ invocation: Invocation) async throws {
        try await invocation.connection().deleteBranch(try ReferenceParser.commit(invocation.positional(0)), force: invocation.arguments.has("force"), project: invocation.project)
    }
}
