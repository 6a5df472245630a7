import TuskClient
import TuskCore

/// `tusk wait commit repo@ref`: blocks until the commit is finished (`InspectCommit` with wait).
/// 1.x `flush-commit repo/id` maps here too.
struct WaitCommitCommand: Command {
    let words = ["wait", "commit"]
    let summary = "Wait for a commit to finish, then show it."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let legacyForms = [LegacyForm("flush-commit", usage: "flush-commit <repo>/<commit>") { arguments in
        arguments.map { text in
            guard !text.contains("@"), let slash = text.lastIndex(of: "/") else { return text }
            return String(text[..<slash]) + "@" + String(text[text.index(after: slash)...])
        }
    }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let info = try await invocation.connection().inspectCommit(commit, wait: .finished, project: invocation.project)
        InspectCommitCommand.print(info, invocation)
    }
}
