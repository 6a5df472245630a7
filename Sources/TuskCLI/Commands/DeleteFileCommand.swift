import TuskCore

/// `tusk delete file repo@ref:path` (`ModifyFile` with `delete_file`); `-r` deletes a directory.
struct DeleteFileCommand: Command {
    let words = ["delete", "file"]
    let summary = "Delete a file (or, with -r, a directory) in a commit."
    let arguments = [ArgumentSpecification("repo@branch-or-commit:path")]
    let flags: [FlagSpecification] = [.boolean("recursive", short: "r", help: "delete a directory and everything below it")]
    let legacyForms = [LegacyForm("delete-file", usage: "delete-file <repo> <commit-or-branch> <path>") {
        try LegacyArguments.fileOrModern($0, verb: "delete-file", pathRequired: true)
    }]

    func run(_ invocation: Invocation) async throws {
        let reference = try ReferenceParser.file(invocation.positional(0))
        guard !reference.path.isEmpty else {
            throw TuskError.invalid("\"delete file\" needs a path: repo@branch:/path", location: invocation.positional(0))
        }
        var path = PutFileDestination.normalised(reference.path)
        if invocation.arguments.has("recursive") || reference.path.hasSuffix("/") { path = path == "/" ? "/" : path + "/" }
        let target = path
        try await invocation.connection().modifyFile(commit: reference.commit, project: invocation.project) { writer in
            try await writer.deleteFile(path: target)
        }
    }
}
