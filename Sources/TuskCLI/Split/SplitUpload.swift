import Foundation
import TuskClient
import TuskCore

/// The `--split` settings of `put file`.
struct SplitOptions: Sendable {
    let format: SplitFormat
    let targetDatums: Int
    let targetBytes: Int
    let headerRecords: Int

    init(format: SplitFormat, arguments: ParsedArguments) throws {
        self.format = format
        targetDatums = try arguments.integer("target-file-datums") ?? 0
        targetBytes = try arguments.byteCount("target-file-bytes") ?? 0
        headerRecords = try arguments.integer("header-records") ?? 0
        if format == .sql, headerRecords > 0 {
            throw TuskError.invalid("--header-records applies to --split line and json; a pg_dump's header is found by itself", location: "--header-records")
        }
    }
}

/// Streams one source through a splitter and grouper into the ModifyFile writer.
enum SplitUpload {
    static func run(item: PutFileItem, options: SplitOptions, firstIndex: Int, append: Bool, writer: ModifyFileWriter, progress: ProgressBar) async throws {
        let directory = item.destination
        if !append { try await writer.deleteFile(path: directory + "/") }
        var splitter = options.format.makeSplitter()
        var grouper = SplitFileGrouper(targetDatums: options.targetDatums, targetBytes: options.targetBytes, headerRecords: options.headerRecords, firstIndex: firstIndex)
        func write(_ files: [SplitFile]) async throws {
            for file in files {
                try await writer.putFile(path: directory + "/" + file.name, data: Data(file.content), append: false)
            }
        }
        for try await data in FileChunks(path: item.localPath) {
            progress.advance(data.count)
            for piece in try splitter.feed(Array(data)) { try await write(grouper.add(piece)) }
        }
        for piece in try splitter.finish() { try await write(grouper.add(piece)) }
        try await write(grouper.finish())
    }
}
