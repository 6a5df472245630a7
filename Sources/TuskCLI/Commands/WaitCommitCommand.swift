import TuskClient
import TuskCore

/// `tusk wait commit repo@ref`: blocks until that commit is finished, then shows it (pachctl
/// 2.x). To wait for everything downstream of a commit, wait on a pipeline's output commit or
/// use `tusk flush commit`.
struct WaitCommitCommand: Command {
    let words = ["wait", "commit"]
    let summary = "Wait for a commit to finish, then show it."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        InspectCommitCommand.print(try await invocation.connection().inspectCommit(commit, wait: .finished, project: invocation.project), invocation)
    }

    /// Resolves the commit, then waits for every commit downstream of it: its commit set, and
    /// the commits of other sets computed from it (a pipeline created after the commit runs its
    /// first job in a set of its own), until none is left; returns them all.
    static func waitForDownstream(of commit: CommitReference, _ invocation: Invocation) async throws -> [CommitInfo] {
        let connection = try await invocation.connection()
        let named = try await connection.inspectCommit(commit, project: invocation.project)
        var waited: Set<String> = [named.commit.id]
        var commits = try await connection.inspectCommitSet(named.commit.id, wait: true)
        var upstream = Set(commits.map(Self.key) + [Self.key(named)])
        while true {
            let sets = try await connection.listCommitSets(project: invocation.project)
            let fed = sets.filter { set in
                !waited.contains(set.commitSet.id)
                    && set.commits.contains { $0.directProvenance.contains { upstream.contains("\($0.repo.project.name)/\($0.repo.name)@\($0.id)") } }
            }
            if fed.isEmpty { return commits }
            for set in fed {
                waited.insert(set.commitSet.id)
                let members = try await connection.inspectCommitSet(set.commitSet.id, wait: true)
                commits += members
                upstream.formUnion(members.map(Self.key))
            }
        }
    }

    private static func key(_ info: CommitInfo) -> String {
        "\(info.commit.repo.project.name)/\(info.commit.repo.name)@\(info.commit.id)"
    }
}
