import Foundation
import GRPCCore
import Logging
import TuskCore
import TuskPFS
import TuskProto

/// The `tusk_v1.Listing` gRPC service: `ListFile` and `GlobFile` with thousands of entries per
/// message.
///
/// Pachyderm's calls send one `FileInfo` message per entry, and for a listing of ten thousand
/// files the per-message work of protobuf and HTTP/2 on both ends costs many times what
/// finding the files does. Here the same entries (`FileListings`) travel as columns: paths,
/// directory flags, sizes and hashes, with the commit once per message. It is Tusk's own
/// extension: Pachyderm's clients never call it, and Tusk's client falls back to the `pfs_v2`
/// calls when a server does not have it.
public struct ListingService: TuskV1_Listing.SimpleServiceProtocol {
    let fileSystem: FileSystem
    let execution: RPCExecution

    /// Entries per message at most.
    static let entriesPerMessage = 4096
    /// Path bytes per message at most (messages stay far below every client's 4 MiB limit).
    static let pathBytesPerMessage = 1 << 20

    public init(fileSystem: FileSystem, logger: Logger) {
        self.fileSystem = fileSystem
        self.execution = RPCExecution(logger: logger)
    }

    public func listFilePacked(request: PfsV2_ListFileRequest, response: RPCWriter<TuskV1_PackedFileInfos>, context: ServerContext) async throws {
        try await execution.run(context) {
            try await Self.send(try await FileListings.list(request, in: fileSystem), to: response)
        }
    }

    public func globFilePacked(request: PfsV2_GlobFileRequest, response: RPCWriter<TuskV1_PackedFileInfos>, context: ServerContext) async throws {
        try await execution.run(context) {
            try await Self.send(try await FileListings.glob(request, in: fileSystem), to: response)
        }
    }

    /// Sends `files` in as few messages as the limits allow (nothing for an empty listing,
    /// as the `pfs_v2` calls send nothing).
    static func send(_ files: [FileInfo], to response: RPCWriter<TuskV1_PackedFileInfos>) async throws {
        var start = files.startIndex
        while start < files.endIndex {
            var end = start
            var pathBytes = 0
            while end < files.endIndex, end - start < entriesPerMessage, pathBytes < pathBytesPerMessage,
                  files[end].commit == files[start].commit {
                pathBytes += files[end].displayPath.utf8.count
                end += 1
            }
            try await response.write(pack(files[start..<end]))
            start = end
        }
    }

    /// One message holding `files`, which share a commit.
    static func pack(_ files: ArraySlice<FileInfo>) -> TuskV1_PackedFileInfos {
        var message = TuskV1_PackedFileInfos()
        guard let first = files.first else { return message }
        message.commit = CoreToProto.commit(first.commit)
        if let committed = first.committed { message.committed = CoreToProto.timestamp(committed) }
        message.paths.reserveCapacity(files.count)
        message.directories.reserveCapacity(files.count)
        message.sizeBytes.reserveCapacity(files.count)
        message.hashes.reserveCapacity(files.count)
        for info in files {
            message.paths.append(info.displayPath)
            message.directories.append(info.isDirectory)
            message.sizeBytes.append(info.sizeBytes)
            message.hashes.append(Data(info.hash.bytes))
        }
        return message
    }
}
