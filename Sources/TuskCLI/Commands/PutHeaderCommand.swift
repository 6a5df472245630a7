import Foundation
import TuskClient
import TuskCore

/// `tusk put header repo@ref:path -f FILE` (the 1.x `put-header repo branch path`): sets the
/// header of a directory written by `put file --split`, so that reading the directory back with
/// a glob (`get file repo@ref:/path/*`) starts with it. `put footer` sets the footer likewise.
struct PutHeaderCommand: Command {
    var part: Part = .header

    enum Part {
        case header
        case footer

        var word: String { self == .header ? "header" : "footer" }
        var fileName: String { self == .header ? SplitFileGrouper.headerName : SplitFileGrouper.footerName }
    }

    var words: [String] { ["put", part.word] }
    var summary: String { "Set the \(part.word) of a split directory (read first/last by a glob)." }
    let arguments = [ArgumentSpecification("repo@branch-or-commit:path")]
    let flags: [FlagSpecification] = [
        .value("file", short: "f", "SOURCE", help: "a local file, or - for stdin (default -)"),
    ]
    var legacyForms: [LegacyForm] {
        let verb = "put-\(part.word)"
        return [LegacyForm(verb, usage: "\(verb) <repo> <branch> <path> -f FILE") {
            try LegacyArguments.fileOrModern($0, verb: verb, pathRequired: true)
        }]
    }
    var details: String {
        "The \(part.word) is stored as <path>/\(part.fileName), the name `put file --split` uses, replacing any earlier one."
    }

    func run(_ invocation: Invocation) async throws {
        let reference = try ReferenceParser.file(invocation.positional(0))
        guard !reference.path.isEmpty, reference.path != "/" else {
            throw TuskError.invalid("put \(part.word) needs the split directory's path, e.g. repo@master:/data.csv", location: invocation.positional(0))
        }
        let source = invocation.arguments.string("file") ?? "-"
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: source) else {
                throw TuskError.notFound("cannot read \(part.word) file \(source)", location: source)
            }
            data = contents
        }
        let target = (reference.path.hasSuffix("/") ? reference.path : reference.path + "/") + part.fileName
        let connection = try await invocation.connection()
        try await connection.modifyFile(commit: reference.commit, project: invocation.project) { writer in
            try await writer.putFile(path: target, data: data, append: false)
        }
    }
}
