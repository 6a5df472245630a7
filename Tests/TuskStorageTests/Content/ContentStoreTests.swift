import Crypto
import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct FileContentTests {
    @Test func emptyFileHashesToTheDigestOfNothing() {
        #expect(FileContent.empty.hash == ContentHash.sha256(of: Data()))
        #expect(FileContent.empty.size == 0)
    }

    @Test func hashCoversTheConcatenatedChunkHashes() {
        let first = ChunkRef(hash: .sha256(of: Data("a".utf8)), size: 1)
        let second = ChunkRef(hash: .sha256(of: Data("bc".utf8)), size: 2)
        let content = FileContent(chunks: [first, second])
        #expect(content.size == 3)
        #expect(content.hash == ContentHash.sha256(of: Data(first.hash.bytes + second.hash.bytes)))
    }

    @Test func appendingConcatenatesChunkLists() {
        let first = FileContent(chunks: [ChunkRef(hash: .sha256(of: Data("a".utf8)), size: 1)])
        let second = FileContent(chunks: [ChunkRef(hash: .sha256(of: Data("b".utf8)), size: 1)])
        let both = first.appending(second)
        #expect(both.chunks == first.chunks + second.chunks)
        #expect(both == FileContent(chunks: first.chunks + second.chunks))
        #expect(first.appending(.empty) == first)
        #expect(FileContent.empty.appending(second) == second)
    }
}

@Suite struct ContentStoreTests {
    @Test func chunksAreStoredOnceUnderTheirHash() async throws {
        let objects = CountingObjectStore()
        let store = ContentStore(objects: objects)
        let data = Data("some chunk bytes".utf8)
        let first = try await store.putChunk(data)
        let second = try await store.putChunk(data)
        #expect(first == second)
        #expect(await objects.puts.map(\.path) == ["chunks/\(first.hash.hex.prefix(2))/\(first.hash.hex)"])
        #expect(try await store.chunk(first) == data)
    }

    @Test func corruptedChunkIsDataLossNamingBothHashes() async throws {
        let objects = MemoryObjectStore()
        let store = ContentStore(objects: objects)
        let reference = try await store.putChunk(Data("original".utf8))
        await objects.overwrite(ContentStore.key(for: reference.hash), Data("tampered".utf8))
        do {
            _ = try await store.chunk(reference)
            Issue.record("a corrupted chunk was returned")
        } catch let error as TuskError {
            #expect(error.code == .dataLoss)
            #expect(error.message.contains(reference.hash.hex))
            #expect(error.message.contains(ContentHash.sha256(of: Data("tampered".utf8)).hex))
        }
    }

    @Test func missingChunkIsDataLoss() async throws {
        let store = ContentStore(objects: MemoryObjectStore())
        let reference = ChunkRef(hash: .sha256(of: Data("never stored".utf8)), size: 12)
        do {
            _ = try await store.chunk(reference)
            Issue.record("a missing chunk was returned")
        } catch let error as TuskError {
            #expect(error.code == .dataLoss)
            #expect(error.message.contains("missing"))
            #expect(error.message.contains(reference.hash.hex))
        }
    }
}
