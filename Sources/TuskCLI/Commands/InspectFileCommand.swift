import TuskCore

/// `tusk inspect file repo@ref:path` (`InspectFile`).
struct InspectFileCommand: Command {
    let words = ["inspect", "file"]
    let summary = "Show a file's type, size and hash."
    let arguments = [ArgumentSpecification("repo@branch-or-commit:path")]
    let legacyForms = [LegacyForm("inspect-file", usage: "inspect-file <repo> <commit-or-branch> <path>") {
        try LegacyArguments.fileOrModern($0, verb: "inspect-file", pathRequired: true)
    }]

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectFile(try ReferenceParser.file(invocation.positional(0)), project: invocation.project)
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        let hash = info.hash.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        invocation.console.write(InfoRows.details([
            ("Path", info.file.path), ("Type", info.fileType == .dir ? "dir" : "file"),
            ("Size", HumanFormat.size(info.sizeBytes)), ("Hash", hash),
        ]))
    }
}
