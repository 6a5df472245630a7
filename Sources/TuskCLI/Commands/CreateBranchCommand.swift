import TuskCore

/// `tusk create branch repo@branch` (`CreateBranch`): creates or moves a branch.
/// 1.x: `create-branch <repo> <branch>`.
struct CreateBranchCommand: Command {
    let words = ["create", "branch"]
    let summary = "Create a branch, or move an existing one."
    let arguments = [ArgumentSpecification("repo@branch")]
    let flags: [FlagSpecification] = [
        .value("head", "COMMIT", help: "the branch's head: a branch or commit of the same repo, ancestry allowed (master^2)"),
        .repeated("provenance", short: "p", "REPO@BRANCH", help: "a branch this branch is computed from"),
    ]
    let legacyForms = [LegacyForm("create-branch", usage: "create-branch <repo> <branch>") { try LegacyArguments.commitOrModern($0, verb: "create-branch") }]

    func run(_ invocation: Invocation) async throws {
        let branch = try ReferenceParser.commit(invocation.positional(0))
        guard branch.branch != nil, branch.id == nil, branch.ancestry == .none else {
            throw TuskError.invalid("\"create branch\" needs repo@branch, got \"\(invocation.positional(0))\"", location: invocation.positional(0))
        }
        let head = try invocation.arguments.string("head").map { text in
            try ReferenceParser.commit(text.contains("@") ? text : "\(branch.repo)@\(text)")
        }
        let provenance = try invocation.arguments.strings("provenance").map(ReferenceParser.commit)
        try await invocation.connection().createBranch(branch, head: head, provenance: provenance, project: invocation.project)
    }
}
