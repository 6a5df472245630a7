import TuskCore

/// `tusk list branch <repo>` (`ListBranch`).
struct ListBranchCommand: Command {
    let words = ["list", "branch"]
    let summary = "List the branches of a repo."
    let arguments = [ArgumentSpecification("repo")]
    let legacyForms = [LegacyForm("list-branch", usage: "list-branch <repo>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let branches = try await invocation.connection().listBranches(repo: try ReferenceParser.repo(invocation.positional(0)), project: invocation.project)
        invocation.emit(branches.map { $0.jsonLine() }) { InfoRows.branchTable(branches) }
    }
}
