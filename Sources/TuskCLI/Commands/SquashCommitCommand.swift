import TuskCore

/// `tusk squash commit <id>` squashes a whole commit set (`SquashCommitSet`);
/// `tusk squash commit repo@id` squashes one commit into its children (`SquashCommit`).
struct SquashCommitCommand: Command {
    let words = ["squash", "commit"]
    let summary = "Squash a commit set (or one repo's commit) into its children."
    let arguments = [ArgumentSpecification("commit-id | repo@commit")]
    let flags: [FlagSpecification] = [.boolean("recursive", short: "r", help: "with repo@commit: also squash the commits that depend on it")]

    func run(_ invocation: Invocation) async throws {
        let target = invocation.positional(0)
        let connection = try await invocation.connection()
        if let id = CommitID(target) {
            try await connection.squashCommitSet(id.value)
        } else {
            try await connection.squashCommit(try ReferenceParser.commit(target), recursive: invocation.arguments.has("recursive"), project: invocation.project)
        }
    }
}
