import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// File metadata RPCs: inspect, list, walk, glob, diff.
extension PFSService {
    public func inspectFile(request: PfsV2_InspectFileRequest, context: ServerContext) async throws -> PfsV2_FileInfo {
        try await execution.run(context) {
            let info = try await fileSystem.inspectFile(try request.file.commit.selector(), path: try RequestPaths.readPath(request.file.path))
            return CoreToProto.fileInfo(info)
        }
    }

    /// The immediate children of `file.path` (or the file itself), in path order.
    public func listFile(request: PfsV2_ListFileRequest, response: RPCWriter<PfsV2_FileInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            try await MessageBatcher.write(FileListings.list(request, in: fileSystem).lazy.map(CoreToProto.fileInfo), to: response)
        }
    }

    /// `file.path` and everything below it, in pre-order.
    public func walkFile(request: PfsV2_WalkFileRequest, response: RPCWriter<PfsV2_FileInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let selector = try request.file.commit.selector()
            let path = try RequestPaths.readPath(request.file.path)
            let page = try FilePage(marker: request.hasPaginationMarker ? request.paginationMarker.path : nil, number: request.number, reverse: request.reverse)
            if request.reverse {
                let collected = Collected<FileInfo>()
                try await fileSystem.walkFiles(selector, path: path) { info in
                    await collected.append(info)
                    return true
                }
                try await MessageBatcher.write(page.apply(await collected.items.reversed(), path: \.path).lazy.map(CoreToProto.fileInfo), to: response)
                return
            }
            let batcher = MessageBatcher(writer: response)
            try await fileSystem.walkFiles(selector, path: path) { info in
                guard page.isPastMarker(info.path) else { return true }
                let appended = try await batcher.append(CoreToProto.fileInfo(info))
                return page.limit == 0 || appended < page.limit
            }
            try await batcher.flush()
        }
    }

    /// Files and directories whose path matches the glob pattern.
    public func globFile(request: PfsV2_GlobFileRequest, response: RPCWriter<PfsV2_FileInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            try await MessageBatcher.write(FileListings.glob(request, in: fileSystem).lazy.map(CoreToProto.fileInfo), to: response)
        }
    }

    /// Changed paths between `new_file` and `old_file` (default: the same path in the parent).
    public func diffFile(request: PfsV2_DiffFileRequest, response: RPCWriter<PfsV2_DiffFileResponse>, context: ServerContext) async throws {
        try await execution.run(context) {
            guard request.hasNewFile else {
                throw TuskError.invalid("DiffFile needs new_file, the file or directory to compare", location: "new_file")
            }
            let newSelector = try request.newFile.commit.selector()
            let newPath = try RequestPaths.readPath(request.newFile.path)
            let hasOld = request.hasOldFile && (request.oldFile.commit.namesCommit || !request.oldFile.path.isEmpty)
            let oldSelector = hasOld && request.oldFile.commit.namesCommit ? try request.oldFile.commit.selector(fallbackRepo: newSelector.repo) : nil
            let oldPath = hasOld && !request.oldFile.path.isEmpty ? try RequestPaths.readPath(request.oldFile.path) : nil
            let differences = try await fileSystem.diffFiles(new: newSelector, newPath: newPath, old: oldSelector, oldPath: oldPath)
            try await MessageBatcher.write(differences.lazy.map { difference in
                var message = PfsV2_DiffFileResponse()
                if let new = difference.new { message.newFile = CoreToProto.fileInfo(new) }
                if let old = difference.old { message.oldFile = CoreToProto.fileInfo(old) }
                return message
            }, to: response)
        }
    }
}

/// Gathers items from a `@Sendable` visitor.
actor Collected<Item: Sendable> {
    private(set) var items: [Item] = []
    func append(_ item: Item) { items.append(item) }
}
