import Foundation
import GRPCCore
import Logging
import TuskCore
import TuskPFS
import TuskProto

/// The `tusk_v1.LocalRead` gRPC service: short-circuit reads for clients on the daemon's host.
///
/// Streaming a large file through gRPC costs several copies per byte on both ends of a loopback
/// socket; a client on the same host can instead read the chunk files of the local object store
/// itself (as HDFS clients co-located with a DataNode do). This service only tells such a client
/// where the chunks of one file are, with their hashes; the client verifies every byte it reads
/// (reads verify hashes, wherever they happen) and falls back to `pfs_v2.API/GetFile` on the
/// resolved commit whenever it cannot read them. It is Tusk's own extension: Pachyderm's
/// clients never call it.
public struct LocalReadService: TuskV1_LocalRead.SimpleServiceProtocol {
    let fileSystem: FileSystem
    let execution: RPCExecution

    public init(fileSystem: FileSystem, logger: Logger) {
        self.fileSystem = fileSystem
        self.execution = RPCExecution(logger: logger)
    }

    public func locateFile(request: TuskV1_LocateFileRequest, context: ServerContext) async throws -> TuskV1_LocateFileResponse {
        try await execution.run(context) {
            let selector = try request.file.commit.selector()
            let (match, readable) = try await fileSystem.readableFile(selector, pattern: RequestPaths.pattern(request.file.path))
            guard let content = readable.content else {
                throw TuskError.invalid("\(match.displayPath) in \(selector) is a directory", location: request.file.path)
            }
            guard let paths = fileSystem.localChunkPaths(content) else {
                throw TuskError.precondition("the daemon's object store is not a local directory; read the file with GetFile", location: request.file.path)
            }
            var response = TuskV1_LocateFileResponse()
            response.file = CoreToProto.file(match.commit, path: request.file.path)
            response.sizeBytes = content.size
            response.chunks = zip(content.chunks, paths).map { chunk, path in
                var located = TuskV1_LocatedChunk()
                located.path = path
                located.sizeBytes = chunk.size
                located.sha256 = Data(chunk.hash.bytes)
                return located
            }
            return response
        }
    }
}
