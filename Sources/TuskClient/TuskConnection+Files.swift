import Foundation
import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskProto

/// Files: `put/get/list/glob/inspect/diff/copy/delete file`.
extension TuskConnection {
    /// Opens one `ModifyFile` stream on `commit` (a branch makes a one-off commit when its head
    /// is finished) and lets `operations` write any number of file operations into it.
    public func modifyFile(commit: CommitReference, project: String, operations: @escaping @Sendable (ModifyFileWriter) async throws -> Void) async throws {
        let target = ProtoReferences.commit(commit, defaultProject: project)
        try await call {
            try await pfs.modifyFile(requestProducer: { writer in
                var first = PfsV2_ModifyFileRequest()
                first.setCommit = target
                try await writer.write(first)
                let files = ModifyFileWriter(writer: writer)
                try await operations(files)
                try await files.flush()
            })
        }
    }

    /// Puts one file from an async sequence of bytes (overwrite unless `append`).
    public func putFile<Contents: AsyncSequence & Sendable>(commit: CommitReference, path: String, from contents: Contents, append: Bool, project: String) async throws where Contents.Element == Data {
        try await modifyFile(commit: commit, project: project) { writer in
            try await writer.putFile(path: path, from: contents, append: append)
        }
    }

    /// Streams the content of one file (or glob match) to `consume`, chunk by chunk.
    public func getFile(_ file: FileReference, offset: Int64 = 0, project: String, consume: @escaping @Sendable (Data) async throws -> Void) async throws {
        var request = PfsV2_GetFileRequest()
        request.file = ProtoReferences.file(file, defaultProject: project)
        request.offset = offset
        try await getFile(request, consume: consume)
    }

    /// Sends one `GetFile` request and hands each message's bytes to `consume`.
    func getFile(_ request: PfsV2_GetFileRequest, consume: @escaping @Sendable (Data) async throws -> Void) async throws {
        try await call {
            try await pfs.getFile(request) { response in
                for try await chunk in response.messages { try await consume(chunk.value) }
            }
        }
    }

    /// Streams a tar archive of every match of the file's path (a glob), chunk by chunk.
    public func getFileTAR(_ file: FileReference, project: String, consume: @escaping @Sendable (Data) async throws -> Void) async throws {
        var request = PfsV2_GetFileRequest()
        request.file = ProtoReferences.file(file, defaultProject: project)
        try await call {
            try await pfs.getFileTAR(request) { response in
                for try await chunk in response.messages { try await consume(chunk.value) }
            }
        }
    }

    public func inspectFile(_ file: FileReference, project: String) async throws -> FileInfo {
        var request = PfsV2_InspectFileRequest()
        request.file = ProtoReferences.file(file, defaultProject: project)
        return try await call { try await pfs.inspectFile(request) }
    }

    public func listFiles(_ file: FileReference, project: String) async throws -> [FileInfo] {
        var request = PfsV2_ListFileRequest()
        request.file = ProtoReferences.file(file, defaultProject: project)
        if let files = try await listFilePacked(request) { return files }
        return try await call {
            try await pfs.listFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func globFiles(commit: CommitReference, pattern: String, project: String) async throws -> [FileInfo] {
        var request = PfsV2_GlobFileRequest()
        request.commit = ProtoReferences.commit(commit, defaultProject: project)
        request.pattern = pattern
        if let files = try await globFilePacked(request) { return files }
        return try await call {
            try await pfs.globFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    /// Differences between `new` and `old` (default: the same path in new's parent commit).
    public func diffFiles(new: FileReference, old: FileReference?, project: String) async throws -> [DiffFileResponse] {
        var request = PfsV2_DiffFileRequest()
        request.newFile = ProtoReferences.file(new, defaultProject: project)
        if let old { request.oldFile = ProtoReferences.file(old, defaultProject: project) }
        return try await call {
            try await pfs.diffFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }
}
