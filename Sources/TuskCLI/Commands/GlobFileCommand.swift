import TuskCore

/// `tusk glob file "repo@ref:pattern"` (`GlobFile`): files and directories matching a glob.
struct GlobFileCommand: Command {
    let words = ["glob", "file"]
    let summary = "List the files matching a glob pattern."
    let arguments = [ArgumentSpecification("repo@branch-or-commit:pattern")]
    let legacyForms = [LegacyForm("glob-file", usage: "glob-file <repo> <commit-or-branch> <pattern>") {
        try LegacyArguments.fileOrModern($0, verb: "glob-file", pathRequired: true)
    }]

    func run(_ invocation: Invocation) async throws {
        let reference = try ReferenceParser.file(invocation.positional(0))
        let pattern = reference.path.isEmpty ? "/" : reference.path
        let files = try await invocation.connection().globFiles(commit: reference.commit, pattern: pattern, project: invocation.project)
        invocation.emit(files.map { $0.jsonLine() }) { InfoRows.fileTable(files) }
    }
}
