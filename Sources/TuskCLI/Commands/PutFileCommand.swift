import Foundation
import TuskClient
import TuskCore

/// `tusk put file repo@ref[:path]` (`ModifyFile`): every source of one invocation goes into one
/// stream, hence one commit (a branch gets a one-off commit unless its head is open).
struct PutFileCommand: Command {
    let words = ["put", "file"]
    let summary = "Put files into a commit (local files, directories, URLs or stdin)."
    let arguments = [ArgumentSpecification("repo@branch-or-commit[:path]")]
    let flags: [FlagSpecification] = [
        .repeated("file", short: "f", "SOURCE", help: "a local path, an http(s) URL, or - for stdin (default -)"),
        .value("input-file", short: "i", "PATH", help: "read sources from this file, one per line (- for stdin)"),
        .boolean("recursive", short: "r", help: "walk local directories and put every file below them"),
        .boolean("append", short: "a", help: "append to existing files instead of overwriting them"),
        .boolean("full-path", help: "name destinations after the whole local path, not its base name"),
        .boolean("untar", help: "the source is a tar archive: put each file it holds"),
        .value("parallelism", short: "p", "N", help: "accepted for pachctl compatibility; one stream is used"),
        .boolean("compress", short: "c", help: "accepted for pachctl compatibility"),
        .value("split", "FORMAT", help: "split the input into records: line, json or sql"),
        .value("target-file-datums", "N", help: "with --split: records per file"),
        .value("target-file-bytes", "BYTES", help: "with --split: bytes per file (e.g. 1MiB)"),
        .value("header-records", "N", help: "with --split line|json: the first N records are a header"),
        .boolean("progress", help: "draw a progress bar even when stderr is not a terminal"),
    ]
    let legacyForms = [LegacyForm("put-file", usage: "put-file <repo> <branch> [path] -f SOURCE") {
        try LegacyArguments.fileOrModern($0, verb: "put-file", pathRequired: false)
    }]
    let details = """
    Destinations: without a path each source goes to its base name; with one source the path is
    the file's name, unless it ends in "/" (then path/<source name>); with several sources the
    path is a directory. -r keeps the relative paths of a walked directory.

    --split writes the records as files of the directory <path>/, numbered in 16 lowercase hex
    digits from 0000000000000000. The header (--header-records N, or a pg_dump's statements up
    to COPY) and the footer (a pg_dump's "\\." and what follows) belong to the directory: every
    read of a record file, and every datum, gets them around its records, and
    `tusk get file repo@branch:/path/*` returns the original input exactly.
    With -a the records continue after the highest existing number.
    """

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let reference = try ReferenceParser.file(invocation.positional(0))
        let path: String? = reference.path.isEmpty ? nil : reference.path
        var sources = arguments.strings("file").map(PutFileSource.init)
        if let list = arguments.string("input-file") {
            sources += try readSourceList(list).map(PutFileSource.init)
        }
        if sources.isEmpty { sources = [.standardInput] }
        if sources.contains(.standardInput), invocation.console.inputIsTerminal {
            invocation.console.message("Reading from stdin.")
        }
        let plan = try PutFilePlan.make(sources: sources, path: path, recursive: arguments.has("recursive"), fullPath: arguments.has("full-path"))
        let connection = try await invocation.connection()
        let enabled = arguments.has("progress") || invocation.console.errorIsTerminal
        let progress = ProgressBar(label: "put", total: plan.totalBytes, enabled: enabled, console: invocation.console)
        let append = arguments.has("append")
        if let splitText = arguments.string("split") {
            guard plan.items.count == 1, let item = plan.items.first, !item.isURL else {
                throw TuskError.invalid("--split takes exactly one local file or stdin as its source", location: "--split")
            }
            let options = try SplitOptions(format: SplitFormat(flag: splitText), arguments: arguments)
            let firstIndex = append ? try await nextSplitIndex(connection: connection, reference: reference, directory: item.destination, project: invocation.project) : 0
            try await connection.modifyFile(commit: reference.commit, project: invocation.project) { writer in
                try await SplitUpload.run(item: item, options: options, firstIndex: firstIndex, append: append, writer: writer, progress: progress)
            }
        } else {
            let untar = arguments.has("untar")
            try await connection.modifyFile(commit: reference.commit, project: invocation.project) { writer in
                for item in plan.items {
                    try await item.upload(writer: writer, append: append, untar: untar, progress: progress)
                }
            }
        }
        progress.finish()
    }

    func readSourceList(_ path: String) throws -> [String] {
        let data: Data
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw TuskError.notFound("cannot read the input file list \(path)", location: path)
            }
            data = contents
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func nextSplitIndex(connection: TuskConnection, reference: FileReference, directory: String, project: String) async throws -> Int {
        let listing: [FileInfo]
        do {
            listing = try await connection.listFiles(FileReference(commit: reference.commit, path: directory), project: project)
        } catch let error as TuskError where error.code == .notFound {
            return 0
        }
        let indexes = listing.compactMap { Int($0.file.path.split(separator: "/").last.map(String.init) ?? "", radix: 16) }
            .filter { $0 >= 0 && $0 < Int(Int32.max) }
        return (indexes.max() ?? -1) + 1
    }
}
