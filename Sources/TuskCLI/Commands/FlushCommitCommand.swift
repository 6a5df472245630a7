import TuskClient
import TuskCore

/// `tusk flush commit repo@ref` (1.x `flush-commit repo/id`): waits until every commit of the
/// commit's set (its downstream pipeline outputs) is finished, then lists them.
struct FlushCommitCommand: Command {
    let words = ["flush", "commit"]
    let summary = "Wait for every commit downstream of a commit to finish, then list them."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let legacyForms = [LegacyForm("flush-commit", usage: "flush-commit <repo>/<commit>") { arguments in
        arguments.map(FlushCommitCommand.legacyCommit)
    }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let commits = try await WaitCommitCommand.waitForSet(of: commit, invocation)
        invocation.emit(commits.map { $0.jsonLine() }) { InfoRows.commitTable(commits) }
    }

    /// 1.x `repo/commit` → `repo@commit`; 2.x text passes unchanged.
    static func legacyCommit(_ text: String) -> String {
        guard !text.contains("@"), let slash = text.lastIndex(of: "/") else { return text }
        return String(text[..<slash]) + "@" + String(text[text.index(after: slash)...])
    }
}
