import TuskCore

/// `tusk delete commit <id>` drops a whole commit set (`DropCommitSet`);
/// `tusk delete commit repo@id` drops one commit that has no children (`DropCommit`).
struct DeleteCommitCommand: Command {
    let words = ["delete", "commit"]
    let summary = "Delete a commit set (or one repo's childless commit)."
    let arguments = [ArgumentSpecification("commit-id | repo@commit")]
    let flags: [FlagSpecification] = [.boolean("recursive", short: "r", help: "with repo@commit: also drop the commits that depend on it")]

    func run(_ invocation: Invocation) async throws {
        let target = invocation.positional(0)
        let connection = try await invocation.connection()
        if let id = CommitID(target) {
            try await connection.dropCommitSet(id.value)
        } else {
            try await connection.dropCommit(try ReferenceParser.commit(target), recursive: invocation.arguments.has("recursive"), project: invocation.project)
        }
    }
}
