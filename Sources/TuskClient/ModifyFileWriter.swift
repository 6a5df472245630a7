import Foundation
import GRPCCore
import SwiftProtobuf
import Synchronization
import TuskProto

/// Writes the operations of one `ModifyFile` stream after its `set_commit`.
///
/// Every operation of one stream lands in the same commit atomically, so `put file -r` over
/// 10,000 files is one RPC and one commit. File content travels in `add_file.raw` chunks of at
/// most 2 MiB (as pachctl sends them). Requests are gathered and handed to the stream in
/// batches (up to `batchMessages` requests or `batchBytes` of content), so ten thousand small
/// files cost a few hundred stream writes instead of thirty thousand; whoever ends the stream
/// calls `flush()` first (`TuskConnection.modifyFile` does).
public struct ModifyFileWriter: Sendable {
    public static let chunkBytes = 2 * 1024 * 1024
    /// Requests gathered before they are written to the stream together.
    static let batchMessages = 256
    /// Content bytes gathered before the batch is written.
    static let batchBytes = 1024 * 1024

    let writer: RPCWriter<PfsV2_ModifyFileRequest>
    private let pending = PendingRequests()

    init(writer: RPCWriter<PfsV2_ModifyFileRequest>) {
        self.writer = writer
    }

    /// Writes every gathered request to the stream.
    public func flush() async throws {
        let batch = pending.takeAll()
        if !batch.isEmpty { try await writer.write(contentsOf: batch) }
    }

    /// Gathers `request`, writing the batch when it is full.
    private func send(_ request: PfsV2_ModifyFileRequest, contentBytes: Int = 0) async throws {
        if let batch = pending.add(request, contentBytes: contentBytes) {
            try await writer.write(contentsOf: batch)
        }
    }

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
        try await send(request)
    }

    /// Deletes the file at `path`; a path ending in `/` deletes a directory subtree.
    public func deleteFile(path: String) async throws {
        var delete = PfsV2_DeleteFile()
        delete.path = path
        var request = PfsV2_ModifyFileRequest()
        request.deleteFile = delete
        try await send(request)
    }

    /// Copies `source` (a file or directory of any commit) to `destination`.
    public func copyFile(from source: WireFile, to destination: String, append: Bool) async throws {
        var copy = PfsV2_CopyFile()
        copy.src = source
        copy.dst = destination
        copy.append = append
        var request = PfsV2_ModifyFileRequest()
        request.copyFile = copy
        try await send(request)
    }

    func addRaw(path: String, _ data: Data) async throws {
        var add = PfsV2_AddFile()
        add.path = path
        var bytes = Google_Protobuf_BytesValue()
        bytes.value = data
        add.raw = bytes
        var request = PfsV2_ModifyFileRequest()
        request.addFile = add
        try await send(request, contentBytes: data.count)
    }
}

/// The requests a `ModifyFileWriter` has gathered and not yet written.
private final class PendingRequests: Sendable {
    private struct Batch {
        var requests: [PfsV2_ModifyFileRequest] = []
        var bytes = 0
    }

    private let batch = Mutex(Batch())

    /// Adds `request`; returns the whole batch (now taken) when it reached its limits.
    func add(_ request: PfsV2_ModifyFileRequest, contentBytes: Int) -> [PfsV2_ModifyFileRequest]? {
        batch.withLock { batch in
            batch.requests.append(request)
            batch.bytes += contentBytes
            guard batch.requests.count >= ModifyFileWriter.batchMessages || batch.bytes >= ModifyFileWriter.batchBytes else { return nil }
            defer { batch = Batch() }
            return batch.requests
        }
    }

    func takeAll() -> [PfsV2_ModifyFileRequest] {
        batch.withLock { batch in
            defer { batch = Batch() }
            return batch.requests
        }
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
