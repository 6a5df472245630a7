import Foundation
import TuskCore

/// `tusk inspect repo <repo>` (`InspectRepo`); 1.x: `inspect-repo <repo>`.
struct InspectRepoCommand: Command {
    let words = ["inspect", "repo"]
    let summary = "Show a repo's details."
    let arguments = [ArgumentSpecification("repo")]
    let legacyForms = [LegacyForm("inspect-repo", usage: "inspect-repo <repo>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectRepo(try ReferenceParser.repo(invocation.positional(0)), project: invocation.project)
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        let size = info.hasDetails ? info.details.sizeBytes : info.sizeBytesUpperBound
        invocation.console.write(InfoRows.details([
            ("Name", info.repo.name), ("Project", info.repo.project.name), ("Type", info.repo.type),
            ("Description", info.description_p),
            ("Created", InfoRows.time(info.created.seconds, info.created.nanos, now: Date())),
            ("Size of HEAD on master", HumanFormat.size(size)),
            ("Branches", info.branches.map(\.name).joined(separator: ", ")),
        ]))
    }
}
