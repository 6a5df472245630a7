import TuskCore

/// `tusk list repo` (`ListRepo`): user repos of the current project by default.
struct ListRepoCommand: Command {
    let words = ["list", "repo"]
    let summary = "List repos."
    let flags: [FlagSpecification] = [
        .boolean("all", help: "include the spec and meta repos of pipelines"),
        .value("type", "TYPE", help: "only repos of this type: user (default), spec or meta"),
        .boolean("all-projects", short: "A", help: "list repos of every project"),
    ]
    let legacyForms = [LegacyForm("list-repo", usage: "list-repo") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let type = arguments.has("all") ? "" : (arguments.string("type") ?? "user")
        if !type.isEmpty { _ = try RepoType(wire: type) }
        let allProjects = arguments.has("all-projects")
        let repos = try await invocation.connection().listRepos(type: type, projects: allProjects ? [] : [invocation.project])
        invocation.emit(repos.map { $0.jsonLine() }) { InfoRows.repoTable(repos, allProjects: allProjects) }
    }
}
