import Foundation
import TuskClient
import TuskCore

/// `tusk inspect commit repo@ref` (`InspectCommit`); accepts `^N`, `.N` ancestry and ids.
struct InspectCommitCommand: Command {
    let words = ["inspect", "commit"]
    let summary = "Show a commit's details."
    let arguments = [ArgumentSpecification("repo@branch-or-commit")]
    let legacyForms = [LegacyForm("inspect-commit", usage: "inspect-commit <repo> <commit-or-branch>") { try LegacyArguments.commitOrModern($0, verb: "inspect-commit") }]

    func run(_ invocation: Invocation) async throws {
        let commit = try ReferenceParser.commit(invocation.positional(0))
        let info = try await invocation.connection().inspectCommit(commit, project: invocation.project)
        Self.print(info, invocation)
    }

    static func print(_ info: CommitInfo, _ invocation: Invocation) {
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        let now = Date()
        let size = info.hasDetails ? info.details.sizeBytes : info.sizeBytesUpperBound
        var pairs = [("Commit", "\(info.commit.repo.name)@\(info.commit.id)")]
        if !info.commit.branch.name.isEmpty { pairs.append(("Original Branch", info.commit.branch.name)) }
        pairs.append(("Description", info.description_p))
        if info.hasParentCommit { pairs.append(("Parent", info.parentCommit.id)) }
        pairs.append(("Started", InfoRows.time(info.started.seconds, info.started.nanos, now: now)))
        pairs.append(("Finished", info.hasFinished ? InfoRows.time(info.finished.seconds, info.finished.nanos, now: now) : "-"))
        pairs.append(("Size", HumanFormat.size(size)))
        if !info.error.isEmpty { pairs.append(("Error", info.error)) }
        invocation.console.write(InfoRows.details(pairs))
    }
}
