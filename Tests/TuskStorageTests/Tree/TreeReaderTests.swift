import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct TreeReaderTests {
    typealias F = TreeFixtures

    @Test func walkIsPreOrderInPachydermListingOrder() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let tree = try await F.tree(["/a.txt": "1", "/a/b": "2", "/a/a": "3", "/a-b": "4", "/b/c/d": "5", "/B": "6"], store: store)
        #expect(try await F.listing(tree.root, store: store) == ["/", "/B", "/a-b", "/a.txt", "/a/", "/a/a", "/a/b", "/b/", "/b/c/", "/b/c/d"])
    }

    @Test func walkFromAPathAndPruningAndStopping() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let tree = try await F.tree(["/a/x/1": "1", "/a/y": "2", "/b/z": "3"], store: store)
        let reader = TreeReader(store: store)
        var fromA: [String] = []
        try await reader.walk(root: tree.root, from: F.path("/a")) { path, _ in fromA.append(path.string); return true }
        #expect(fromA == ["/a", "/a/x", "/a/x/1", "/a/y"])

        var pruned: [String] = []
        try await reader.walk(root: tree.root, descend: { $0.components.count < 1 }) { path, _ in pruned.append(path.string); return true }
        #expect(pruned == ["/", "/a", "/b"])

        var stopped: [String] = []
        try await reader.walk(root: tree.root) { path, _ in stopped.append(path.string); return stopped.count < 3 }
        #expect(stopped == ["/", "/a", "/a/x"])

        var missing = 0
        try await reader.walk(root: tree.root, from: F.path("/nope")) { _, _ in missing += 1; return true }
        #expect(missing == 0)
    }

    @Test func walkLoadsOnlyTheVisitedPartOfTheTree() async throws {
        let objects = CountingObjectStore()
        var files: [String: String] = [:]
        for index in 0..<200 { files["/d\(index % 20)/f\(index)"] = "\(index)" }
        let tree = try await F.tree(files, store: TreeStore(objects: objects))
        await objects.resetCounts()
        let store = TreeStore(objects: objects)
        try await TreeReader(store: store).walk(root: tree.root, from: F.path("/d7")) { _, _ in true }
        #expect(await objects.gets == 2)
    }

    @Test func entryAndChildren() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let tree = try await F.tree(["/a/b": "12", "/a/c/d": "345"], store: store)
        let reader = TreeReader(store: store)
        let root = try await reader.entry(at: .root, root: tree.root)
        #expect(root?.name == "")
        #expect(root?.size == 5)
        #expect(try await reader.entry(at: F.path("/a/c/d"), root: tree.root)?.size == 3)
        #expect(try await reader.entry(at: F.path("/a/x"), root: tree.root) == nil)
        #expect(try await reader.entry(at: F.path("/a/b/below"), root: tree.root) == nil)
        #expect(try await reader.children(of: F.path("/a"), root: tree.root).map(\.name) == ["b", "c"])
        await #expect(throws: TuskError.self) { try await reader.children(of: F.path("/a/b"), root: tree.root) }
        await #expect(throws: TuskError.self) { try await reader.children(of: F.path("/zzz"), root: tree.root) }
    }
}
