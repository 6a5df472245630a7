import TuskCore

/// `tusk list file repo@ref[:path]` (`ListFile`): the children of a directory.
struct ListFileCommand: Command {
    let words = ["list", "file"]
    let summary = "List the files in a directory of a commit."
    let arguments = [ArgumentSpecification("repo@branch-or-commit[:path]")]
    let legacyForms = [LegacyForm("list-file", usage: "list-file <repo> <commit-or-branch> [path]") {
        try LegacyArguments.fileOrModern($0, verb: "list-file", pathRequired: false)
    }]

    func run(_ invocation: Invocation) async throws {
        let reference = try ReferenceParser.file(invocation.positional(0))
        let files = try await invocation.connection().listFiles(reference, project: invocation.project)
        invocation.emit(files.map { $0.jsonLine() }) { InfoRows.fileTable(files) }
    }
}
