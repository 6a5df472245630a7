import TuskCore

/// `tusk update repo <repo>`: creates the repo or changes its description (`CreateRepo` with update).
struct UpdateRepoCommand: Command {
    let words = ["update", "repo"]
    let summary = "Update a repo's description (creating the repo if needed)."
    let arguments = [ArgumentSpecification("repo")]
    let flags: [FlagSpecification] = [.value("description", short: "d", "TEXT", help: "the new description")]

    func run(_ invocation: Invocation) async throws {
        let repo = try ReferenceParser.repo(invocation.positional(0))
        try await invocation.connection().createRepo(repo, project: invocation.project, description: invocation.arguments.string("description") ?? "", update: true)
    }
}
