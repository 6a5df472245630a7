import TuskCore

/// `tusk delete repo <repo>` (`DeleteRepo`), or every repo with `--all` (`DeleteRepos`).
struct DeleteRepoCommand: Command {
    let words = ["delete", "repo"]
    let summary = "Delete a repo and all its data."
    let arguments = [ArgumentSpecification("repo", optional: true)]
    let flags: [FlagSpecification] = [
        .boolean("force", short: "f", help: "delete even if pipelines read from the repo"),
        .boolean("all", help: "delete every repo of the project"),
        .boolean("all-projects", short: "A", help: "with --all: every repo of every project"),
    ]
    let legacyForms = [LegacyForm("delete-repo", usage: "delete-repo <repo>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let connection = try await invocation.connection()
        if arguments.has("all") {
            guard arguments.positionals.isEmpty else {
                throw TuskError.invalid("give either a repo or --all to \"delete repo\", not both", location: "--all")
            }
            let allProjects = arguments.has("all-projects")
            let deleted = try await connection.deleteRepos(projects: allProjects ? [] : [invocation.project], all: allProjects, force: arguments.has("force"))
            invocation.verbose("deleted \(deleted.count) repos")
            return
        }
        guard arguments.positionals.count == 1 else {
            throw TuskError.invalid("\"delete repo\" needs a repo name (or --all)", location: "delete repo")
        }
        try await connection.deleteRepo(try ReferenceParser.repo(invocation.positional(0)), project: invocation.project, force: arguments.has("force"))
    }
}
