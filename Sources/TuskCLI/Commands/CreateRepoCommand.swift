import TuskCore

/// `tusk create repo <repo>` (`CreateRepo`); 1.x: `create-repo <repo>`.
struct CreateRepoCommand: Command {
    let words = ["create", "repo"]
    let summary = "Create a new repo."
    let arguments = [ArgumentSpecification("repo")]
    let flags: [FlagSpecification] = [.value("description", short: "d", "TEXT", help: "the repo's description")]
    let legacyForms = [LegacyForm("create-repo", usage: "create-repo <repo>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let repo = try ReferenceParser.repo(invocation.positional(0))
        try await invocation.connection().createRepo(repo, project: invocation.project, description: invocation.arguments.string("description") ?? "", update: false)
    }
}
