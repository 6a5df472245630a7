import Foundation
import TuskCore

/// Reads a file's bytes back from its `FileContent`, one verified chunk at a time.
///
/// Streaming is pull-based: a chunk is fetched only when the consumer asks for the next
/// element, so reading a multi-GiB file holds one chunk in memory.
public struct FileReader: Sendable {
    public let store: ContentStore

    public init(store: ContentStore) {
        self.store = store
    }

    /// The file's bytes from `offset` on, as verified chunk data (the first element is cut to
    /// start at `offset`). An offset at or past the end yields nothing.
    public func chunks(of content: FileContent, offset: Int64 = 0) -> AsyncThrowingStream<Data, Error> {
        let cursor = ChunkCursor(store: store, chunks: content.chunks, offset: max(0, offset))
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    /// The whole file in one buffer; for small files (tree-sized reads, tests).
    public func readAll(_ content: FileContent) async throws -> Data {
        var data = Data()
        data.reserveCapacity(Int(clamping: content.size))
        for chunk in content.chunks {
            data.append(try await store.chunk(chunk))
        }
        return data
    }
}

/// The position of a streaming read: which chunk comes next and how many bytes to skip.
private actor ChunkCursor {
    private let store: ContentStore
    private let chunks: [ChunkRef]
    private var index = 0
    private var skip: Int64

    init(store: ContentStore, chunks: [ChunkRef], offset: Int64) {
        self.store = store
        self.chunks = chunks
        self.skip = offset
    }

    func next() async throws -> Data? {
        while index < chunks.count, skip >= chunks[index].size {
            skip -= chunks[index].size
            index += 1
        }
        guard index < chunks.count else { return nil }
        let reference = chunks[index]
        index += 1
        let data = try await store.chunk(reference)
        guard skip > 0 else { return data }
        let start = Int(skip)
        skip = 0
        return Data(data.dropFirst(start))
    }
}
