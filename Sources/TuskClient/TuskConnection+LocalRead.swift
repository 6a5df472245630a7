import Foundation
import GRPCCore
import TuskCore
import TuskProto

/// Short-circuit reads (`tusk_v1.LocalRead`): where a file's chunks lie on the daemon's host.
extension TuskConnection {
    /// Whether the daemon is on this host as far as the address tells (a loopback name or
    /// address), so reading its object store files directly may work.
    public var addressIsLoopback: Bool {
        let host = address.host.lowercased()
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    /// The file's chunks on the daemon's host, or nil when the daemon cannot tell: its object
    /// store is not a local directory, or it does not offer the service (pachd, older Tusk).
    /// Refusals about the file itself (no such file, a directory, several matches) are thrown
    /// as `GetFile` would throw them.
    public func locateFile(_ file: FileReference, project: String) async throws -> LocatedFile? {
        var request = TuskV1_LocateFileRequest()
        request.file = ProtoReferences.file(file, defaultProject: project)
        let response: TuskV1_LocateFileResponse
        do {
            response = try await TuskV1_LocalRead.Client(wrapping: client).locateFile(request)
        } catch let error as RPCError where error.code == .unimplemented || error.code == .failedPrecondition {
            return nil
        } catch {
            throw RPCErrorMapping.tuskError(from: error, address: address)
        }
        let chunks = response.chunks.map { LocatedFile.Chunk(path: $0.path, size: $0.sizeBytes, sha256: $0.sha256) }
        return LocatedFile(file: response.file, size: response.sizeBytes, chunks: chunks)
    }

    /// Streams a file already resolved by `locateFile` from `offset` (the rest of a local read
    /// that stopped), so it reads the same version.
    public func getFile(_ located: LocatedFile, offset: Int64, consume: @escaping @Sendable (Data) async throws -> Void) async throws {
        var request = PfsV2_GetFileRequest()
        request.file = located.file
        request.offset = offset
        try await getFile(request, consume: consume)
    }
}
