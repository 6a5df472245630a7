import Foundation
import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// Content RPCs: `GetFile` (one file's bytes) and `GetFileTAR` (a tar of every match), plus
/// the refused `Egress`.
extension PFSService {
    /// Streams the bytes of the single regular file matched by `file.path` (a glob), from
    /// `offset`. Every refusal (no match, several matches, a directory) happens before the first
    /// message, so the client sees it on its first read.
    public func getFile(request: PfsV2_GetFileRequest, response: RPCWriter<Google_Protobuf_BytesValue>, context: ServerContext) async throws {
        try await execution.run(context) {
            try refuseURLDestination(request)
            guard request.offset >= 0 else {
                throw TuskError.invalid("GetFile offset \(request.offset) is negative", location: request.file.path)
            }
            let selector = try request.file.commit.selector()
            let (_, content) = try await fileSystem.openFile(selector, pattern: RequestPaths.pattern(request.file.path), offset: request.offset)
            let batcher = BytesBatcher(writer: response)
            for try await chunk in content {
                try await batcher.append(chunk)
            }
            try await batcher.flush()
        }
    }

    /// Streams a tar archive of every match of `file.path` (matched directories with their
    /// whole subtree): names absolute with a leading `/`, directories before their children,
    /// then the end-of-archive trailer.
    public func getFileTAR(request: PfsV2_GetFileRequest, response: RPCWriter<Google_Protobuf_BytesValue>, context: ServerContext) async throws {
        try await execution.run(context) {
            try refuseURLDestination(request)
            let selector = try request.file.commit.selector()
            let pattern = RequestPaths.pattern(request.file.path)
            let batcher = BytesBatcher(writer: response)
            let fileSystem = self.fileSystem
            let tar = TarWriter()
            let matched = try await fileSystem.archiveEntries(selector, pattern: pattern) { info in
                if info.isDirectory {
                    try await batcher.append(tar.header(forDirectory: info.path))
                    return
                }
                try await batcher.append(tar.header(forFile: info.path, size: info.sizeBytes))
                for try await chunk in fileSystem.readContent(info) {
                    try await batcher.append(chunk)
                }
                try await batcher.append(tar.padding(afterFileOfSize: info.sizeBytes))
            }
            if matched == 0 {
                throw TuskError.notFound("nothing matches \(pattern) in \(selector)", location: "\(selector):\(pattern)")
            }
            try await batcher.append(tar.trailer())
            try await batcher.flush()
        }
    }

    public func egress(request: PfsV2_EgressRequest, context: ServerContext) async throws -> PfsV2_EgressResponse {
        try await execution.run(context) {
            throw RPCExecution.unimplemented(context, "egress to object storage or SQL databases is not supported; read the files with GetFile or GetFileTAR and upload them yourself")
        }
    }

    private func refuseURLDestination(_ request: PfsV2_GetFileRequest) throws {
        if !request.url.isEmpty {
            throw TuskError(.unimplemented, "writing a file to a URL (\(request.url)) is not supported by this Tusk server; leave URL empty to receive the bytes", location: request.url)
        }
    }
}
