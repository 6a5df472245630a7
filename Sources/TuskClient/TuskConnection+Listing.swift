import Foundation
import GRPCCore
import TuskProto

/// Packed listings (`tusk_v1.Listing`): `ListFile` and `GlobFile` with many entries per message,
/// falling back to the `pfs_v2` calls on a server without them (pachd, an older Tusk).
extension TuskConnection {
    /// The entries of `request` as `ListFile` would send them, or nil when the server does
    /// not offer packed listings.
    func listFilePacked(_ request: PfsV2_ListFileRequest) async throws -> [FileInfo]? {
        do {
            return try await TuskV1_Listing.Client(wrapping: client).listFilePacked(request, onResponse: Self.collectPacked)
        } catch {
            return try packedListingFallback(error)
        }
    }

    /// The entries of `request` as `GlobFile` would send them, or nil when the server does
    /// not offer packed listings.
    func globFilePacked(_ request: PfsV2_GlobFileRequest) async throws -> [FileInfo]? {
        do {
            return try await TuskV1_Listing.Client(wrapping: client).globFilePacked(request, onResponse: Self.collectPacked)
        } catch {
            return try packedListingFallback(error)
        }
    }

    /// nil (use the `pfs_v2` call) when the server lacks the service; else the error as the
    /// `pfs_v2` call would have thrown it.
    private func packedListingFallback(_ error: any Error) throws -> [FileInfo]? {
        if let error = error as? RPCError, error.code == .unimplemented { return nil }
        throw RPCErrorMapping.tuskError(from: error, address: address)
    }

    @Sendable private static func collectPacked(_ response: StreamingClientResponse<TuskV1_PackedFileInfos>) async throws -> [FileInfo] {
        var files: [FileInfo] = []
        for try await packed in response.messages {
            files += unpack(packed)
        }
        return files
    }

    /// The `FileInfo` messages a packed run stands for; a run whose columns disagree in
    /// length is cut to the shortest (a server bug must not crash the client).
    public static func unpack(_ packed: TuskV1_PackedFileInfos) -> [FileInfo] {
        let count = min(packed.paths.count, packed.directories.count, packed.sizeBytes.count, packed.hashes.count)
        var files: [FileInfo] = []
        files.reserveCapacity(count)
        for index in 0..<count {
            var info = FileInfo()
            info.file.commit = packed.commit
            info.file.path = packed.paths[index]
            info.fileType = packed.directories[index] ? .dir : .file
            if packed.hasCommitted { info.committed = packed.committed }
            info.sizeBytes = packed.sizeBytes[index]
            info.hash = packed.hashes[index]
            files.append(info)
        }
        return files
    }
}
