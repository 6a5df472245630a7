import TuskClient
import TuskCore

/// `tusk flush commit repo@ref` (1.x `flush-commit repo/id`): waits until every commit
/// downstream of the commit (its commit set, and the first jobs of pipelines created after it)
/// is finished, then lists those downstream commits.
struct FlushCommitCommand: Command {
    let words = ["flush", "commit"]
    let summary = "Wait for every commit downstream of a commit to finish, then list them."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let legacyForms = [LegacyForm("flush-commit", usage: "flush-commit <repo>/<commit>") { arguments in
        arguments.map(FlushCommitCommand.legacyCommit)
    }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let named = try await invocation.connection().inspectCommit(commit, project: invocation.project)
        // Like pachctl 1.x, the list holds what was computed from the commit, not the commit itself.
        let commits = try await WaitCommitCommand.waitForDownstream(of: commit, invocation)
            .filter { $0.commit.id != named.commit.id || $0.commit.repo.name != named.commit.repo.name }
        invocation.emit(commits.map { $0.jsonLine() }) { InfoRows.commitTable(commits) }
    }

    /// 1.x `repo/commit` → `repo@commit`; 2.x text passes unchanged.
    static func legacyCommit(_ text: String) -> String {
        guard !text.contains("@"), let slash = text.lastIndex(of: "/") else { return text }
        return String(text[..<slash]) + "@" + String(text[text.index(after: slash)...])
    }
}
