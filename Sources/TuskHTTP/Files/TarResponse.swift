import Foundation
import Hummingbird
import TuskCore
import TuskPFS

/// A folder (or file) at a commit as a tar download, streamed: the listing is gathered first,
/// then each file's bytes go out chunk by chunk as PFS reads them, never whole in memory.
enum TarResponse {
    /// Gathers archive entries from PFS's `@Sendable` visitor.
    actor EntryList {
        private(set) var entries: [FileInfo] = []
        func append(_ entry: FileInfo) { entries.append(entry) }
    }

    static func make(fileSystem: FileSystem, selector: CommitSelector, path: FilePath, archiveName: String) async throws -> Response {
        _ = try await fileSystem.inspectFile(selector, path: path)
        let list = EntryList()
        _ = try await fileSystem.archiveEntries(selector, pattern: path.string) { await list.append($0) }
        let entries = await list.entries
        let base = path.parent ?? .root
        let tar = TarWriter()
        let body = ResponseBody { writer in
            for entry in entries {
                let name = (entry.path.relative(to: base) ?? entry.path).string
                if entry.isDirectory {
                    try await writer.write(ByteBuffer(bytes: tar.header(forDirectory: name)))
                    continue
                }
                try await writer.write(ByteBuffer(bytes: tar.header(forFile: name, size: entry.sizeBytes)))
                for try await chunk in fileSystem.readContent(entry) {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.write(ByteBuffer(bytes: tar.padding(afterFileOfSize: entry.sizeBytes)))
            }
            try await writer.write(ByteBuffer(bytes: tar.trailer()))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: "application/x-tar",
            .contentDisposition: ContentDisposition.header(inline: false, fileName: archiveName + ".tar"),
            .cacheControl: "no-store",
        ], body: body)
    }
}
