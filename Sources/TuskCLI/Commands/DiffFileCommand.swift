import TuskCore

/// `tusk diff file new [old]` (`DiffFile`): what changed between two versions of a path
/// (by default, the same path in the new commit's parent).
struct DiffFileCommand: Command {
    let words = ["diff", "file"]
    let summary = "Show the files that differ between two commits."
    let arguments = [ArgumentSpecification("new-repo@ref:path"), ArgumentSpecification("old-repo@ref:path", optional: true)]
    let flags: [FlagSpecification] = [
        .boolean("name-only", help: "print only the changed paths, marked + (added), - (removed) or ~ (changed)"),
        .boolean("shallow", short: "s", help: "accepted for pachctl compatibility"),
    ]

    func run(_ invocation: Invocation) async throws {
        let new = try ReferenceParser.file(invocation.positional(0))
        let old = try invocation.arguments.positionals.dropFirst().first.map(ReferenceParser.file)
        let differences = try await invocation.connection().diffFiles(new: new, old: old, project: invocation.project)
        if invocation.printsRaw {
            for difference in differences { invocation.console.print(difference.jsonLine()) }
            return
        }
        for difference in differences {
            switch (difference.hasNewFile, difference.hasOldFile) {
            case (true, false): invocation.console.print("+ \(difference.newFile.file.path)")
            case (false, true): invocation.console.print("- \(difference.oldFile.file.path)")
            default:
                if invocation.arguments.has("name-only") {
                    invocation.console.print("~ \(difference.newFile.file.path)")
                } else {
                    invocation.console.print("~ \(difference.newFile.file.path) (\(HumanFormat.size(difference.oldFile.sizeBytes)) -> \(HumanFormat.size(difference.newFile.sizeBytes)))")
                }
            }
        }
    }
}
