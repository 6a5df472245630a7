import TuskClient
import TuskCore

/// `tusk wait commit repo@ref`: blocks until the commit and every commit downstream of it (the
/// outputs of the pipelines it feeds, its whole commit set) are finished, then shows the
/// commit. The wait is `InspectCommitSet` with wait on the commit's id.
struct WaitCommitCommand: Command {
    let words = ["wait", "commit"]
    let summary = "Wait for a commit and everything downstream of it to finish, then show it."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let commits = try await Self.waitForSet(of: commit, invocation)
        if let info = commits.first(where: { $0.commit.repo.name == commit.repo.name && $0.commit.repo.type == commit.repo.type.rawValue }) {
            InspectCommitCommand.print(info, invocation)
        } else {
            InspectCommitCommand.print(try await invocation.connection().inspectCommit(commit, wait: .finished, project: invocation.project), invocation)
        }
    }

    /// Resolves the commit to its id, then waits for its whole commit set; returns the set.
    static func waitForSet(of commit: CommitReference, _ invocation: Invocation) async throws -> [CommitInfo] {
        let connection = try await invocation.connection()
        let named = try await connection.inspectCommit(commit, project: invocation.project)
        return try await connection.inspectCommitSet(named.commit.id, wait: true)
    }
}
