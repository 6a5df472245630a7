import Foundation
import TuskCore

/// Turns a stream of bytes of any chunking into stored, deduplicated chunks and the file's
/// `FileContent`.
///
/// Writes arrive in whatever sizes the network delivers; the writer cuts them at
/// content-defined boundaries, so the same bytes always give the same chunks and the same
/// `FileContent`. Memory stays flat in file size: small writes gather in a buffer of two
/// maximum-size chunks (so each byte is moved at most once when the buffer is compacted), and
/// large writes are cut in place, without copying them.
public struct FileWriter: Sendable {
    private let store: ContentStore
    private let chunker: Chunker
    /// Buffered bytes; those before `pendingStart` are already stored.
    private var pending = Data()
    private var pendingStart = 0
    private var chunks: [ChunkRef] = []

    public init(store: ContentStore, chunker: Chunker = Chunker()) {
        self.store = store
        self.chunker = chunker
    }

    /// The number of bytes written so far.
    public private(set) var bytesWritten: Int64 = 0

    private var maximum: Int { chunker.parameters.maximumSize }
    private var capacity: Int { 2 * chunker.parameters.maximumSize }
    private var pendingCount: Int { pending.count - pendingStart }

    /// Adds the next bytes of the file.
    public mutating func write(_ data: Data) async throws {
        bytesWritten += Int64(data.count)
        var input = data[...]
        while !input.isEmpty {
            if pendingCount == 0 && input.count >= maximum {
                // Cut straight from the caller's buffer; slices share its storage.
                pending.removeAll(keepingCapacity: true)
                pendingStart = 0
                let length = cut(input, isFinal: false) ?? maximum
                chunks.append(try await store.putChunk(input.prefix(length)))
                input = input.dropFirst(length)
                continue
            }
            if pending.count == capacity {
                pending.removeSubrange(pending.startIndex..<(pending.startIndex + pendingStart))
                pendingStart = 0
            }
            let take = min(input.count, capacity - pending.count)
            pending.append(input.prefix(take))
            input = input.dropFirst(take)
            while pendingCount >= maximum {
                try await storeNextPendingChunk(isFinal: false)
            }
        }
    }

    /// Stores the remaining bytes and returns the file's content. The writer is empty
    /// afterwards and may be reused for another file.
    public mutating func finish() async throws -> FileContent {
        while pendingCount > 0 {
            try await storeNextPendingChunk(isFinal: true)
        }
        let content = FileContent(chunks: chunks)
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
        chunks = []
        bytesWritten = 0
        return content
    }

    private mutating func storeNextPendingChunk(isFinal: Bool) async throws {
        let rest = pending[(pending.startIndex + pendingStart)...]
        let length = cut(rest, isFinal: isFinal) ?? rest.count
        chunks.append(try await store.putChunk(rest.prefix(length)))
        pendingStart += length
    }

    private func cut(_ data: Data, isFinal: Bool) -> Int? {
        data.withUnsafeBytes { chunker.boundary(in: $0, isFinal: isFinal) }
    }
}
