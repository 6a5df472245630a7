import Foundation
import TuskCore

/// Turns a stream of bytes of any chunking into stored, deduplicated chunks and the file's
/// `FileContent`.
///
/// Writes arrive in whatever sizes the network delivers; the writer cuts them at
/// content-defined boundaries, so the same bytes always give the same chunks and the same
/// `FileContent`. It buffers at most one maximum-size chunk: large writes are cut in place,
/// without copying them into the buffer, so memory does not grow with file size.
public struct FileWriter {
    private let store: ContentStore
    private let chunker: Chunker
    private var pending = Data()
    private var chunks: [ChunkRef] = []

    public init(store: ContentStore, chunker: Chunker = Chunker()) {
        self.store = store
        self.chunker = chunker
    }

    /// The number of bytes written so far.
    public private(set) var bytesWritten: Int64 = 0

    /// Adds the next bytes of the file.
    public mutating func write(_ data: Data) async throws {
        bytesWritten += Int64(data.count)
        let maximum = chunker.parameters.maximumSize
        var input = data[...]
        while !input.isEmpty {
            if pending.isEmpty && input.count >= maximum {
                // Cut straight from the caller's buffer; slices share its storage.
                let length = cut(input, isFinal: false) ?? maximum
                chunks.append(try await store.putChunk(input.prefix(length)))
                input = input.dropFirst(length)
                continue
            }
            let take = min(input.count, maximum - pending.count)
            pending.append(input.prefix(take))
            input = input.dropFirst(take)
            if pending.count >= maximum {
                try await storeFirstChunkOfPending(isFinal: false)
            }
        }
    }

    /// Stores the remaining bytes and returns the file's content. The writer is empty
    /// afterwards and may be reused for another file.
    public mutating func finish() async throws -> FileContent {
        while !pending.isEmpty {
            try await storeFirstChunkOfPending(isFinal: true)
        }
        let content = FileContent(chunks: chunks)
        chunks = []
        bytesWritten = 0
        return content
    }

    private mutating func storeFirstChunkOfPending(isFinal: Bool) async throws {
        let length = cut(pending, isFinal: isFinal) ?? pending.count
        chunks.append(try await store.putChunk(pending.prefix(length)))
        if length == pending.count {
            pending.removeAll(keepingCapacity: true)
        } else {
            pending = Data(pending.dropFirst(length))
        }
    }

    private func cut(_ data: Data, isFinal: Bool) -> Int? {
        data.withUnsafeBytes { chunker.boundary(in: $0, isFinal: isFinal) }
    }
}
