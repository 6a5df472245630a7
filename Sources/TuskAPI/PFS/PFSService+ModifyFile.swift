import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// `ModifyFile`: the client-streaming write protocol (pachyderm-api.md §2.2).
extension PFSService {
    public func modifyFile(request: RPCAsyncSequence<PfsV2_ModifyFileRequest, any Error>, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await applyModifyFile(request)
            return Google_Protobuf_Empty()
        }
    }

    /// Reads the `set_commit` that must open the stream, then lets the engine consume the
    /// remaining messages as file operations; all of them land atomically or none do.
    func applyModifyFile<Requests: AsyncSequence & Sendable>(_ requests: Requests) async throws where Requests.Element == PfsV2_ModifyFileRequest {
        let cursor = ModifyFileRequestCursor(requests)
        guard let first = try await cursor.next() else {
            throw TuskError.invalid("the ModifyFile stream is empty; its first message must be set_commit", location: "ModifyFileRequest")
        }
        guard case .setCommit(let commit) = first.body else {
            throw TuskError.invalid("the first ModifyFile message must be set_commit, naming the commit or branch to write to", location: "ModifyFileRequest")
        }
        let target = try commit.writeTarget()
        try await fileSystem.modifyFiles(target, ModifyFileOperations(cursor: cursor))
    }
}
