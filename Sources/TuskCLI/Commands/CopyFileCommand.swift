import TuskClient
import TuskCore

/// `tusk copy file src dst` (`ModifyFile` with `copy_file`): copies a file or directory between
/// commits without moving data.
struct CopyFileCommand: Command {
    let words = ["copy", "file"]
    let summary = "Copy a file or directory from one commit to another."
    let arguments = [ArgumentSpecification("src-repo@ref:path"), ArgumentSpecification("dst-repo@ref:path")]
    let flags: [FlagSpecification] = [.boolean("append", short: "a", help: "append to the destination instead of replacing it")]
    let legacyForms = [LegacyForm("copy-file", usage: "copy-file <src-repo> <src-commit> <src-path> <dst-repo> <dst-commit> <dst-path>") { arguments in
        guard arguments.count == 6 else { return arguments }
        return ["\(arguments[0])@\(arguments[1]):\(arguments[2])", "\(arguments[3])@\(arguments[4]):\(arguments[5])"]
    }]

    func run(_ invocation: Invocation) async throws {
        let source = try ReferenceParser.file(invocation.positional(0))
        let destination = try ReferenceParser.file(invocation.positional(1))
        let sourceFile = ProtoReferences.file(source, defaultProject: invocation.project)
        let target = PutFileDestination.normalised(destination.path.isEmpty ? source.path : destination.path)
        let append = invocation.arguments.has("append")
        try await invocation.connection().modifyFile(commit: destination.commit, project: invocation.project) { writer in
            try await writer.copyFile(from: sourceFile, to: target, append: append)
        }
    }
}
