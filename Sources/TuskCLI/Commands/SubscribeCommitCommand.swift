import Foundation
import TuskClient
import TuskCore

/// `tusk subscribe commit repo[@branch]`: prints commits as they finish, forever (`SubscribeCommit`).
struct SubscribeCommitCommand: Command {
    let words = ["subscribe", "commit"]
    let summary = "Print commits of a repo as they are finished."
    let arguments = [ArgumentSpecification("repo[@branch]")]
    let flags: [FlagSpecification] = [
        .value("from", "COMMIT", help: "start after this commit"),
        .boolean("new", help: "only commits created from now on"),
        .boolean("all", help: "include commits of every origin"),
    ]

    func run(_ invocation: Invocation) async throws {
        let reference = try ReferenceParser.commit(invocation.positional(0))
        let connection = try await invocation.connection()
        var from = try invocation.arguments.string("from").map { try ReferenceParser.commit($0.contains("@") ? $0 : "\(reference.repo)@\($0)") }
        if invocation.arguments.has("new"), from == nil {
            from = CommitReference(repo: reference.repo, branch: reference.branch ?? "master")
        }
        let raw = invocation.printsRaw
        let console = invocation.console
        try await connection.subscribeCommits(repo: reference.repo, branch: reference.branch, from: from, state: .finished, all: invocation.arguments.has("all"), project: invocation.project) { info in
            if raw { console.print(info.jsonLine()) } else { console.write(InfoRows.commitTable([info]).rows.map { $0.joined(separator: "  ") + "\n" }.joined()) }
            return true
        }
    }
}
