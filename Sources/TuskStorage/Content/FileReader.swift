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
    ///
    /// `readAhead` chunks beyond the one being consumed are read and verified concurrently (on
    /// another core while this one is sent), so at most `readAhead + 1` chunks are in memory.
    public func chunks(of content: FileContent, offset: Int64 = 0, readAhead: Int = 2) -> AsyncThrowingStream<Data, Error> {
        let cursor = self.cursor(of: content, offset: offset, readAhead: readAhead)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    /// The same reading as `chunks(of:offset:readAhead:)` as a cursor, for callers that build
    /// their own stream around `next()` (to describe failures in their own terms).
    public func cursor(of content: FileContent, offset: Int64 = 0, readAhead: Int = 2) -> ChunkCursor {
        ChunkCursor(store: store, chunks: content.chunks, offset: max(0, offset), readAhead: max(0, readAhead))
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

/// The position of a streaming read: which chunk comes next, how many bytes of it to skip, and
/// the reads already started for the chunks after it. `next()` returns nil at the end.
public actor ChunkCursor {
    private let store: ContentStore
    private let chunks: [ChunkRef]
    private var index = 0
    private var skip: Int64
    private let readAhead: Int
    /// Reads in flight, in chunk order, for `chunks[index...]`.
    private var pending: [Task<Data, any Error>] = []

    init(store: ContentStore, chunks: [ChunkRef], offset: Int64, readAhead: Int) {
        self.store = store
        self.chunks = chunks
        self.skip = offset
        self.readAhead = readAhead
    }

    deinit {
        for task in pending { task.cancel() }
    }

    public func next() async throws -> Data? {
        if pending.isEmpty {
            while index < chunks.count, skip >= chunks[index].size {
                skip -= chunks[index].size
                index += 1
            }
        }
        // Keep the next `readAhead + 1` chunks being read.
        let store = self.store
        while pending.count <= readAhead, index + pending.count < chunks.count {
            let reference = chunks[index + pending.count]
            pending.append(Task { try await store.chunk(reference) })
        }
        guard !pending.isEmpty else { return nil }
        let read = pending.removeFirst()
        index += 1
        let data: Data
        do {
            data = try await withTaskCancellationHandler { try await read.value } onCancel: { read.cancel() }
        } catch {
            for task in pending { task.cancel() }
            pending = []
            index = chunks.count
            throw error
        }
        guard skip > 0 else { return data }
        let start = Int(skip)
        skip = 0
        return Data(data.dropFirst(start))
    }
}
