import GRPCCore
import SwiftProtobuf
import TuskPFS
import TuskProto

/// RPCs of `pfs_v2.API` that this server does not offer: the worker-internal file-set API and
/// fsck. Each answers UNIMPLEMENTED naming the RPC.
extension PFSService {
    public func createFileSet(request: RPCAsyncSequence<PfsV2_ModifyFileRequest, any Error>, context: ServerContext) async throws -> PfsV2_CreateFileSetResponse {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers; write files with ModifyFile")
    }

    public func getFileSet(request: PfsV2_GetFileSetRequest, context: ServerContext) async throws -> PfsV2_CreateFileSetResponse {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers")
    }

    public func addFileSet(request: PfsV2_AddFileSetRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers; write files with ModifyFile")
    }

    public func renewFileSet(request: PfsV2_RenewFileSetRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers")
    }

    public func composeFileSet(request: PfsV2_ComposeFileSetRequest, context: ServerContext) async throws -> PfsV2_CreateFileSetResponse {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers")
    }

    public func shardFileSet(request: PfsV2_ShardFileSetRequest, context: ServerContext) async throws -> PfsV2_ShardFileSetResponse {
        try await execution.refuse(context, "the file-set API is internal to Pachyderm workers")
    }

    public func fsck(request: PfsV2_FsckRequest, response: RPCWriter<PfsV2_FsckResponse>, context: ServerContext) async throws {
        let _: Bool = try await execution.refuse(context, "consistency checks are not offered over the API yet")
    }
}
