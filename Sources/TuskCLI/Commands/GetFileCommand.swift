import Foundation
import TuskClient
import TuskCore

/// `tusk get file repo@ref:path`: the file's bytes on stdout or into `-o PATH` (`GetFile`);
/// with `-r -o DIR` a directory or glob is extracted from `GetFileTAR`, with the inspected path
/// prefix removed from every name.
struct GetFileCommand: Command {
    let words = ["get", "file"]
    let summary = "Print a file's content, or download a directory with -r."
    let arguments = [ArgumentSpecification("repo@branch-or-commit:path")]
    let flags: [FlagSpecification] = [
        .value("output", short: "o", "PATH", help: "write to this local path instead of stdout (a directory with -r)"),
        .boolean("recursive", short: "r", help: "download a directory or every match of a glob (needs -o)"),
        .value("offset", "BYTES", help: "skip this many bytes of the file"),
        .boolean("progress", help: "draw a progress bar even when stderr is not a terminal"),
    ]
    let legacyForms = [LegacyForm("get-file", usage: "get-file <repo> <commit-or-branch> <path>") {
        try LegacyArguments.fileOrModern($0, verb: "get-file", pathRequired: true)
    }]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let reference = try ReferenceParser.file(invocation.positional(0))
        let connection = try await invocation.connection()
        let progress = ProgressBar(label: "get", total: nil, enabled: arguments.has("progress") || invocation.console.errorIsTerminal, console: invocation.console)
        if arguments.has("recursive") {
            guard let output = arguments.string("output") else {
                throw TuskError.invalid("get file -r needs -o DIRECTORY to extract into", location: "-r")
            }
            let extractor = TarExtractor(directory: output, strippedPrefix: Self.strippedPrefix(reference.path))
            try await connection.getFileTAR(reference, project: invocation.project) { data in
                progress.advance(data.count)
                try await extractor.feed(data)
            }
            try await extractor.finish()
            progress.finish()
            return
        }
        let offset = Int64(try arguments.byteCount("offset") ?? 0)
        let sink = try OutputSink(path: arguments.string("output"), console: invocation.console)
        do {
            try await read(reference, offset: offset, invocation: invocation, connection: connection, sink: sink, progress: progress)
        } catch {
            sink.discard()
            throw error
        }
        try sink.close()
        progress.finish()
    }

    /// Reads one file (or the files a glob names, or the records of a split directory) into
    /// `sink`.
    func read(_ reference: FileReference, offset: Int64, invocation: Invocation, connection: TuskConnection, sink: OutputSink, progress: ProgressBar) async throws {
        let deliver: @Sendable (Data) throws -> Void = { data in
            progress.advance(data.count)
            try sink.write(data)
        }
        let files = try await filesToRead(reference, connection: connection, project: invocation.project)
        if files.count > 1 {
            // Record files of one `--split` directory: the server reads them as the original
            // file (the directory's header once, the records, the footer once).
            do {
                try await connection.getFile(reference, offset: offset, project: invocation.project, consume: deliver)
                return
            } catch let error as TuskError where error.code == .invalidArgument {
                // Not one split directory: read the matches one after another.
            }
        } else if files == [reference], try await readLocally(reference, offset: offset, invocation: invocation, connection: connection, deliver: deliver) {
            return
        }
        for file in files {
            try await connection.getFile(file, offset: offset, project: invocation.project, consume: deliver)
        }
    }

    /// Reads one file straight from the daemon's object store files when the daemon is on this
    /// host (a loopback address) and its store is a local directory, verifying every chunk; the
    /// part it cannot read that way is streamed from the daemon on the same resolved commit.
    /// False when the daemon cannot locate the file's chunks (nothing was delivered then).
    /// `TUSK_LOCAL_READS=0` turns short-circuit reads off.
    func readLocally(_ reference: FileReference, offset: Int64, invocation: Invocation, connection: TuskConnection, deliver: @escaping @Sendable (Data) throws -> Void) async throws -> Bool {
        guard invocation.environment["TUSK_LOCAL_READS"] != "0", connection.addressIsLoopback,
              let located = try await connection.locateFile(reference, project: invocation.project) else { return false }
        if case .stopped(let position, _) = try await LocalChunkReader().read(located, offset: offset, consume: deliver) {
            try await connection.getFile(located, offset: position, consume: deliver)
        }
        return true
    }

    /// A literal path is read as is; a glob is expanded (`GlobFile`) and its matching files are
    /// read one after another in path order (all the record files of one `--split` directory are
    /// read by the server at once, which gives back the original input).
    func filesToRead(_ reference: FileReference, connection: TuskConnection, project: String) async throws -> [FileReference] {
        guard reference.path.contains(where: { FilePath.globMetaCharacters.contains($0) }) else { return [reference] }
        let matches = try await connection.globFiles(commit: reference.commit, pattern: reference.path, project: project)
        if let directory = matches.first(where: { $0.fileType == .dir }) {
            throw TuskError.invalid("\(reference) matches the directory \(directory.file.path); use -r -o DIRECTORY to download directories", location: reference.description)
        }
        guard !matches.isEmpty else {
            throw TuskError.notFound("no file matches \(reference.path) in \(reference.commit)", location: reference.description)
        }
        return matches.map { FileReference(commit: reference.commit, path: $0.file.path) }.sorted { $0.path < $1.path }
    }

    /// The part of the requested path removed from extracted names: the path itself for a
    /// plain directory, or the directory before the first glob character.
    static func strippedPrefix(_ path: String) -> String {
        let absolute = PutFileDestination.normalised(path)
        guard let glob = absolute.firstIndex(where: { FilePath.globMetaCharacters.contains($0) }) else { return absolute }
        let before = absolute[..<glob]
        guard let slash = before.lastIndex(of: "/") else { return "/" }
        return PutFileDestination.normalised(String(before[..<slash]))
    }
}
