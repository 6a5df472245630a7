import Foundation
import GRPCCore
import SwiftProtobuf
import TuskProto

/// Writes the operations of one `ModifyFile` stream after its `set_commit`.
///
/// Every operation of one stream lands in the same commit atomically, so `put file -r` over
/// 10,000 files is one RPC and one commit. File content travels in `add_file.raw` chunks of at
/// most 2 MiB (as pachctl sends them).
public struct ModifyFileWriter: Sendable {
    public static let chunkBytes = 2 * 1024 * 1024

    let writer: RPCWriter<PfsV2_ModifyFileRequest>

    /// Replaces (or with `append` extends) the file at `path` with the bytes of `contents`;
    /// `progress` is told the size of every chunk sent.
    public func putFile<Contents: AsyncSequence & Sendable>(path: String, from contents: Contents, append: Bool, progress: (@Sendable (Int) -> Void)? = nil) async throws where Contents.Element == Data {
        if !append { try await deleteFile(path: path) }
        try await addRaw(path: path, Data())
        for try await data in contents {
            var offset = 0
            while offset < data.count {
                let end = min(offset + Self.chunkBytes, data.count)
                try await addRaw(path: path, data.subdata(in: data.startIndex + offset..<data.startIndex + end))
                progress?(end - offset)
                offset = end
            }
        }
    }

    /// Replaces (or extends) the file at `path` with `data`.
    public func putFile(path: String, data: Data, append: Bool) async throws {
        try await putFile(path: path, from: SingleChunk(data: data), append: append)
    }

    /// Has the server fetch `url` into `path` (`recursive` imports a whole prefix).
    public func putURL(path: String, url: String, recursive: Bool, append: Bool) async throws {
        if !append { try await deleteFile(path: path) }
        var add = PfsV2_AddFile()
        add.path = path
        var source = PfsV2_AddFile.URLSource()
        source.url = url
        source.recursive = recursive
        add.url = source
        var request = PfsV2_ModifyFileRequest()
        request.addFile = add
        try await writer.write(request)
    }

    /// Deletes the file at `path`; a path ending in `/` deletes a directory subtree.
    public func deleteFile(path: String) async throws {
        var delete = PfsV2_DeleteFile()
        delete.path = path
        var request = PfsV2_ModifyFileRequest()
        request.deleteFile = delete
        try await writer.write(request)
    }

    /// Copies `source` (a file or directory of any commit) to `destination`.
    public func copyFile(from source: WireFile, to destination: String, append: Bool) async throws {
        var copy = PfsV2_CopyFile()
        copy.src = source
        copy.dst = destination
        copy.append = append
        var request = PfsV2_ModifyFileRequest()
        request.copyFile = copy
        try await writer.write(request)
    }

    func addRaw(path: String, _ data: Data) async throws {
        var add = PfsV2_AddFile()
        add.path = path
        var bytes = Google_Protobuf_BytesValue()
        bytes.value = data
        add.raw = bytes
        var request = PfsV2_ModifyFileRequest()
        request.addFile = add
        try await writer.write(request)
    }
}

/// A one-element async sequence, for content already in memory.
struct SingleChunk: AsyncSequence, Sendable {
    typealias Element = Data
    let data: Data
    struct AsyncIterator: AsyncIteratorProtocol {
        var data: Data?
        mutating func next() async throws -> Data? {
            defer { data = nil }
            return data
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(data: data) }
}
