import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct FileWriterTests {
    let chunker = Chunker(parameters: ChunkerTests.small)

    func write(_ data: Data, in pieces: [Int], to store: ContentStore) async throws -> FileContent {
        var writer = FileWriter(store: store, chunker: chunker)
        var offset = 0
        var index = 0
        while offset < data.count {
            let length = min(pieces[index % pieces.count], data.count - offset)
            try await writer.write(data[(data.startIndex + offset)..<(data.startIndex + offset + length)])
            offset += length
            index += 1
        }
        return try await writer.finish()
    }

    @Test func identicalContentGivesIdenticalFileContentWhateverTheWriteSizes() async throws {
        var random = SeededBytes(seed: 11)
        let data = random.next(count: 500_000)
        let store = ContentStore(objects: MemoryObjectStore())
        let whole = try await write(data, in: [data.count], to: store)
        let pieces = try await write(data, in: [1, 7, 4096, 100_000, 33], to: store)
        let bytes = try await write(data, in: [20000], to: store)
        #expect(whole == pieces)
        #expect(whole == bytes)
        #expect(whole.size == Int64(data.count))
        #expect(whole.chunks.count > 10)
        #expect(try await FileReader(store: store).readAll(whole) == data)
    }

    @Test func emptyFileHasNoChunks() async throws {
        var writer = FileWriter(store: ContentStore(objects: MemoryObjectStore()))
        try await writer.write(Data())
        #expect(try await writer.finish() == .empty)
    }

    @Test func insertingOneByteNearTheStartRestoresOnlyTheFirstChunks() async throws {
        var random = SeededBytes(seed: 12)
        let original = random.next(count: 3 << 20)
        var edited = original
        edited.insert(0x42, at: 100)
        let objects = CountingObjectStore()
        let store = ContentStore(objects: objects)
        let first = try await write(original, in: [65536], to: store)
        let stored = await objects.puts.count
        await objects.resetCounts()
        let second = try await write(edited, in: [65536], to: store)
        let restored = await objects.puts.count
        #expect(stored > 300)
        #expect(restored >= 1 && restored <= 2, "re-stored \(restored) of \(stored) chunks")
        #expect(first.chunks.suffix(stored - 2) == second.chunks.suffix(stored - 2))
        #expect(try await FileReader(store: store).readAll(second) == edited)
    }

    @Test func largeFilesAreSplitAtTheMaximumChunkSizeAtMost() async throws {
        var random = SeededBytes(seed: 13)
        let data = random.next(count: 1 << 20)
        let content = try await write(data, in: [1 << 20], to: ContentStore(objects: MemoryObjectStore()))
        #expect(content.chunks.allSatisfy { $0.size <= 16384 })
    }
}

@Suite struct FileReaderTests {
    @Test func streamsVerifiedChunksFromAnOffset() async throws {
        var random = SeededBytes(seed: 14)
        let data = random.next(count: 200_000)
        let store = ContentStore(objects: MemoryObjectStore())
        var writer = FileWriter(store: store, chunker: Chunker(parameters: ChunkerTests.small))
        try await writer.write(data)
        let content = try await writer.finish()
        #expect(content.chunks.count > 4)
        for readAhead in [0, 1, 2, 8] {
            for offset in [0, 1, 5000, Int(content.chunks[0].size), 199_999, 200_000, 300_000] {
                var read = Data()
                for try await piece in FileReader(store: store).chunks(of: content, offset: Int64(offset), readAhead: readAhead) {
                    read.append(piece)
                }
                #expect(read == data.dropFirst(offset), "offset \(offset), read-ahead \(readAhead)")
            }
        }
    }

    @Test func streamingStopsWithDataLossAtACorruptedChunk() async throws {
        let objects = MemoryObjectStore()
        let store = ContentStore(objects: objects)
        var writer = FileWriter(store: store, chunker: Chunker(parameters: ChunkerTests.small))
        var random = SeededBytes(seed: 15)
        try await writer.write(random.next(count: 100_000))
        let content = try await writer.finish()
        await objects.overwrite(ContentStore.key(for: content.chunks[1].hash), Data("broken".utf8))
        var pieces = 0
        do {
            for try await _ in FileReader(store: store).chunks(of: content) { pieces += 1 }
            Issue.record("reading a corrupted file succeeded")
        } catch let error as TuskError {
            #expect(error.code == .dataLoss)
            #expect(pieces == 1)
        }
    }
}
