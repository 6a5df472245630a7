import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct TreeNodeEncodingTests {
    static func sampleNode() throws -> TreeNode {
        let chunk = ChunkRef(hash: .sha256(of: Data("x".utf8)), size: 1)
        let big = ChunkRef(hash: .sha256(of: Data("y".utf8)), size: 5_000_000_000)
        return try TreeNode(entries: [
            TreeEntry(name: "zeta", kind: .file(FileContent(chunks: [chunk, big]))),
            TreeEntry(name: "a", kind: .directory(DirectorySummary(hash: .sha256(of: Data("node".utf8)), size: 300, fileCount: 3))),
            TreeEntry(name: "a.txt", kind: .file(.empty)),
            TreeEntry(name: "ünïcode name", kind: .file(FileContent(chunks: [chunk]))),
        ])
    }

    @Test func entriesSortWithDirectoriesKeyedByTheirNameAndASlash() throws {
        #expect(try Self.sampleNode().entries.map(\.name) == ["a.txt", "a", "zeta", "ünïcode name"])
    }

    @Test func encodingRoundTrips() throws {
        let node = try Self.sampleNode()
        let decoded = try TreeNode(decoding: node.encoded())
        #expect(decoded == node)
        #expect(decoded.encoded() == node.encoded())
        #expect(try TreeNode(decoding: TreeNode.empty.encoded()) == .empty)
    }

    @Test func encodingIsVersioned() throws {
        let encoded = try Self.sampleNode().encoded()
        #expect(Array(encoded.prefix(5)) == Array("TKTN".utf8) + [1])
    }

    @Test func rejectsGarbageWithDataLoss() throws {
        let valid = try Self.sampleNode().encoded()
        var random = SeededBytes(seed: 99)
        var wrongVersion = valid
        wrongVersion[4] = 9
        var trailing = valid
        trailing.append(0)
        let garbage: [Data] = [
            Data(), Data("TKTN".utf8), random.next(count: 200), wrongVersion, trailing,
            valid.prefix(valid.count - 1), valid.prefix(20), Data("TKTN".utf8) + Data([1, 0xff, 0xff, 0xff, 0xff, 0x0f]),
        ]
        for data in garbage {
            #expect {
                try TreeNode(decoding: data)
            } throws: { error in
                (error as? TuskError)?.code == .dataLoss
            }
        }
    }

    @Test func rejectsOutOfOrderEntries() throws {
        // Two entries "b" then "a", written by hand in the node format.
        func fileEntry(_ name: String) -> [UInt8] { [1, UInt8(name.utf8.count)] + Array(name.utf8) + [0] }
        let bytes = Array("TKTN".utf8) + [1, 2] + fileEntry("b") + fileEntry("a")
        #expect(throws: TuskError.self) { try TreeNode(decoding: Data(bytes)) }
        let sorted = Array("TKTN".utf8) + [1, 2] + fileEntry("a") + fileEntry("b")
        #expect(try TreeNode(decoding: Data(sorted)).entries.map(\.name) == ["a", "b"])
    }

    @Test func rejectsDuplicateAndInvalidNames() {
        let file = TreeEntry.Kind.file(.empty)
        let directory = TreeEntry.Kind.directory(DirectorySummary(hash: TreeNode.emptyHash, size: 0, fileCount: 0))
        #expect(throws: TuskError.self) { try TreeNode(entries: [TreeEntry(name: "a", kind: file), TreeEntry(name: "a", kind: directory)]) }
        #expect(throws: TuskError.self) { try TreeNode(entries: [TreeEntry(name: "a/b", kind: file)]) }
        #expect(throws: TuskError.self) { try TreeNode(entries: [TreeEntry(name: "", kind: file)]) }
    }
}

@Suite struct TreeStoreTests {
    @Test func storesAndReadsNodesUnderTheirHash() async throws {
        let objects = MemoryObjectStore()
        let store = TreeStore(objects: objects)
        let node = try TreeNodeEncodingTests.sampleNode()
        let hash = try await store.store(node)
        #expect(hash == ContentHash.sha256(of: node.encoded()))
        #expect(try await objects.exists(TreeStore.key(for: hash)))
        #expect(TreeStore.key(for: hash).path == "trees/\(hash.hex.prefix(2))/\(hash.hex)")
        #expect(try await TreeStore(objects: objects).node(hash) == node)
    }

    @Test func emptyRootIsStoredOnFirstUse() async throws {
        let objects = MemoryObjectStore()
        let root = try await TreeStore(objects: objects).emptyRoot
        #expect(root == TreeNode.emptyHash)
        #expect(try await objects.get(TreeStore.key(for: root)) == TreeNode.empty.encoded())
    }

    @Test func corruptedNodeIsDataLoss() async throws {
        let objects = MemoryObjectStore()
        let hash = try await TreeStore(objects: objects).store(try TreeNodeEncodingTests.sampleNode())
        await objects.overwrite(TreeStore.key(for: hash), TreeNode.empty.encoded())
        do {
            _ = try await TreeStore(objects: objects).node(hash)
            Issue.record("a corrupted node was returned")
        } catch let error as TuskError {
            #expect(error.code == .dataLoss)
            #expect(error.message.contains(hash.hex))
        }
    }

    @Test func missingNodeIsDataLoss() async throws {
        let hash = ContentHash.sha256(of: Data("no such node".utf8))
        await #expect {
            try await TreeStore(objects: MemoryObjectStore()).node(hash)
        } throws: { error in
            (error as? TuskError)?.code == .dataLoss
        }
    }

    @Test func cachedNodesAreNotReadAgain() async throws {
        let objects = CountingObjectStore()
        let hash = try await TreeStore(objects: objects).store(try TreeNodeEncodingTests.sampleNode())
        let store = TreeStore(objects: objects, cacheBytes: 1 << 20)
        for _ in 0..<5 { _ = try await store.node(hash) }
        #expect(await objects.gets == 1)
    }
}
