import TuskCore

/// `tusk inspect branch repo@branch` (`InspectBranch`).
struct InspectBranchCommand: Command {
    let words = ["inspect", "branch"]
    let summary = "Show a branch's head and provenance."
    let arguments = [ArgumentSpecification("repo@branch")]

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectBranch(try ReferenceParser.commit(invocation.positional(0)), project: invocation.project)
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        invocation.console.write(InfoRows.details([
            ("Name", "\(info.branch.repo.name)@\(info.branch.name)"),
            ("Head Commit", info.hasHead ? "\(info.head.repo.name)@\(info.head.id)" : "-"),
            ("Provenance", info.directProvenance.map { "\($0.repo.name)@\($0.name)" }.joined(separator: ", ")),
            ("Subvenance", info.subvenance.map { "\($0.repo.name)@\($0.name)" }.joined(separator: ", ")),
        ]))
    }
}
