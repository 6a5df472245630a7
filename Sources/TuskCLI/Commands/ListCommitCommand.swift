import TuskClient
import TuskCore

/// `tusk list commit [repo[@ref] | commit-id]`: a repo's history (`ListCommit`), one commit
/// set (`InspectCommitSet`), or every commit set of the project (`ListCommitSet`).
struct ListCommitCommand: Command {
    let words = ["list", "commit"]
    let summary = "List commits of a repo, or commit sets."
    let arguments = [ArgumentSpecification("repo[@branch] | commit-id", optional: true)]
    let flags: [FlagSpecification] = [
        .value("number", short: "n", "N", help: "list at most N commits (0 = all)"),
        .value("from", short: "f", "COMMIT", help: "list only commits newer than this one"),
        .boolean("all", help: "include commits of every origin (also AUTO and FSCK)"),
        .value("origin", "KIND", help: "only commits of this origin: USER, AUTO or FSCK"),
    ]
    let legacyForms = [LegacyForm("list-commit", usage: "list-commit <repo> [branch]") { arguments in
        guard let repo = arguments.first, !repo.contains("@") else { return arguments }
        return arguments.count >= 2 ? ["\(repo)@\(arguments[1])"] + arguments.dropFirst(2) : [repo]
    }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let arguments = invocation.arguments
        guard let target = arguments.positionals.first else {
            let sets = try await connection.listCommitSets(project: invocation.project)
            invocation.emit(sets.map { $0.jsonLine() }) { InfoRows.commitSetTable(sets) }
            return
        }
        if let id = CommitID(target) {
            let commits = try await connection.inspectCommitSet(id.value, wait: false)
            invocation.emit(commits.map { $0.jsonLine() }) { InfoRows.commitTable(commits) }
            return
        }
        let reference = try ReferenceParser.commit(target)
        let to: CommitReference? = (reference.branch != nil || reference.id != nil) ? reference : nil
        let from = try arguments.string("from").map { try ReferenceParser.commit($0.contains("@") ? $0 : "\(reference.repo)@\($0)") }
        let commits = try await connection.listCommits(repo: reference.repo, to: to, from: from, number: try arguments.integer("number") ?? 0, all: arguments.has("all"), origin: try origin(arguments.string("origin")), project: invocation.project)
        invocation.emit(commits.map { $0.jsonLine() }) { InfoRows.commitTable(commits) }
    }

    func origin(_ text: String?) throws -> OriginKind? {
        guard let text else { return nil }
        switch text.uppercased() {
        case "USER": return .user
        case "AUTO": return .auto
        case "FSCK": return .fsck
        default: throw TuskError.invalid("--origin \"\(text)\" is unknown; use USER, AUTO or FSCK", location: "--origin")
        }
    }
}
