import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct TreeEditorTests {
    typealias F = TreeFixtures

    @Test func putCreatesFilesAndParentDirectories() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let tree = try await F.tree(["/a/b/c.txt": "hello", "/top.txt": "hi"], store: store)
        #expect(tree.fileCount == 2)
        #expect(tree.size == 7)
        #expect(try await F.listing(tree.root, store: store) == ["/", "/a/", "/a/b/", "/a/b/c.txt", "/top.txt"])
        let directory = try await TreeReader(store: store).entry(at: F.path("/a"), root: tree.root)
        #expect(directory?.size == 5)
        #expect(directory?.fileCount == 1)
    }

    @Test func putOverwritesAndAppendConcatenates() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let one = try await F.content("one")
        let two = try await F.content("two")
        var editor = TreeEditor(store: store, base: try await store.emptyRoot)
        try await editor.put(F.path("/f"), one)
        try await editor.put(F.path("/f"), two)
        try await editor.append(F.path("/g"), one)
        try await editor.append(F.path("/g"), two)
        let tree = try await editor.commit()
        let reader = TreeReader(store: store)
        #expect(try await reader.entry(at: F.path("/f"), root: tree.root)?.kind == .file(two))
        #expect(try await reader.entry(at: F.path("/g"), root: tree.root)?.kind == .file(one.appending(two)))
        #expect(tree.size == 9)
    }

    @Test func deleteRemovesFilesAndSubtreesAndPrunesEmptyDirectories() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let base = try await F.tree(["/a/b/c": "1", "/a/d": "2", "/e/f/g": "3", "/h": "4"], store: store)
        var editor = TreeEditor(store: store, base: base.root)
        try await editor.delete(F.path("/a/b"))
        try await editor.delete(F.path("/e/f/g"))
        try await editor.delete(F.path("/missing/file"))
        try await editor.delete(F.path("/h/below-a-file"))
        let tree = try await editor.commit()
        #expect(try await F.listing(tree.root, store: store) == ["/", "/a/", "/a/d", "/h"])
        #expect(tree.fileCount == 2)
    }

    @Test func deletingTheRootEmptiesTheTree() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let base = try await F.tree(["/a/b": "1", "/c": "2"], store: store)
        var editor = TreeEditor(store: store, base: base.root)
        try await editor.delete(.root)
        let tree = try await editor.commit()
        #expect(tree == TreeSummary(root: TreeNode.emptyHash, size: 0, fileCount: 0))
    }

    @Test func operationsApplyInCallOrder() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let base = try await F.tree(["/dir/old": "x"], store: store)
        var editor = TreeEditor(store: store, base: base.root)
        try await editor.delete(F.path("/dir"))
        try await editor.put(F.path("/dir/new"), try await F.content("y"))
        try await editor.delete(F.path("/dir/new"))
        try await editor.put(F.path("/dir"), try await F.content("now a file"))
        let tree = try await editor.commit()
        #expect(try await F.listing(tree.root, store: store) == ["/", "/dir"])
    }

    @Test func aFileWhereADirectoryExistsIsRefused() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let base = try await F.tree(["/a/b": "1"], store: store)
        var editor = TreeEditor(store: store, base: base.root)
        do {
            try await editor.put(F.path("/a"), try await F.content("x"))
            Issue.record("a file replaced a directory")
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("\"/a\"") && error.message.contains("/a/"))
        }
    }

    @Test func aPathBelowAFileIsRefusedNamingBothPaths() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let base = try await F.tree(["/a/b": "1"], store: store)
        var editor = TreeEditor(store: store, base: base.root)
        do {
            try await editor.put(F.path("/a/b/c/d"), try await F.content("x"))
            Issue.record("a file was placed below a file")
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("/a/b/c/d") && error.message.contains("\"/a/b\""))
        }
    }

    @Test func putAtTheRootIsRefused() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        var editor = TreeEditor(store: store, base: try await store.emptyRoot)
        await #expect(throws: TuskError.self) { try await editor.put(.root, .empty) }
    }

    @Test func copyPlacesAWholeSubtreeByReference() async throws {
        let objects = CountingObjectStore()
        let store = TreeStore(objects: objects)
        let source = try await F.tree(["/src/x/1": "a", "/src/y": "b"], store: store)
        let entry = try #require(try await TreeReader(store: store).entry(at: F.path("/src"), root: source.root))
        await objects.resetCounts()
        var editor = TreeEditor(store: store, base: source.root)
        try await editor.copy(entry.kind, to: F.path("/deep/copy"), append: false)
        let tree = try await editor.commit()
        #expect(try await F.listing(tree.root, store: store) == ["/", "/deep/", "/deep/copy/", "/deep/copy/x/", "/deep/copy/x/1", "/deep/copy/y", "/src/", "/src/x/", "/src/x/1", "/src/y"])
        // Only the root and the new directory /deep are written; the copied subtree is shared.
        #expect(await objects.puts.count == 2)
        #expect(try await TreeReader(store: store).entry(at: F.path("/deep/copy"), root: tree.root)?.hash == entry.hash)
    }

    @Test func copyWithAppendMergesDirectoriesAndConcatenatesFiles() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let source = try await F.tree(["/s/a": "1", "/s/sub/b": "2"], store: store)
        let target = try await F.tree(["/t/a": "0", "/t/sub/c": "3", "/t/other": "4"], store: store)
        let entry = try #require(try await TreeReader(store: store).entry(at: F.path("/s"), root: source.root))
        var editor = TreeEditor(store: store, base: target.root)
        try await editor.copy(entry.kind, to: F.path("/t"), append: true)
        let tree = try await editor.commit()
        #expect(try await F.listing(tree.root, store: store) == ["/", "/t/", "/t/a", "/t/other", "/t/sub/", "/t/sub/b", "/t/sub/c"])
        let merged = try await TreeReader(store: store).entry(at: F.path("/t/a"), root: tree.root)
        #expect(merged?.kind == .file(try await F.content("0").appending(try await F.content("1"))))
    }

    @Test func copyWithoutAppendReplacesAndCopyOfAFileWorksLikePut() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let source = try await F.tree(["/s/a": "1"], store: store)
        let target = try await F.tree(["/t/old": "0"], store: store)
        let reader = TreeReader(store: store)
        let directory = try #require(try await reader.entry(at: F.path("/s"), root: source.root))
        let file = try #require(try await reader.entry(at: F.path("/s/a"), root: source.root))
        var editor = TreeEditor(store: store, base: target.root)
        try await editor.copy(directory.kind, to: F.path("/t"), append: false)
        try await editor.copy(file.kind, to: F.path("/single"), append: false)
        let tree = try await editor.commit()
        #expect(try await F.listing(tree.root, store: store) == ["/", "/single", "/t/", "/t/a"])
    }

    @Test func copyingTheWholeTreeToTheRootReplacesIt() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let source = try await F.tree(["/x": "1"], store: store)
        let target = try await F.tree(["/y": "2"], store: store)
        let root = try #require(try await TreeReader(store: store).entry(at: .root, root: source.root))
        var editor = TreeEditor(store: store, base: target.root)
        try await editor.copy(root.kind, to: .root, append: false)
        #expect(try await editor.commit().root == source.root)
    }

    @Test func editingOneFileOfALargeTreeWritesOnlyTheNodesOnItsPath() async throws {
        let objects = CountingObjectStore()
        let store = TreeStore(objects: objects)
        var files: [String: String] = [:]
        for index in 0..<2000 {
            files["/d\(index % 10)/e\(index % 7)/file\(index)"] = "content \(index)"
        }
        let base = try await F.tree(files, store: store)
        #expect(base.fileCount == 2000)
        await objects.resetCounts()
        var editor = TreeEditor(store: store, base: base.root)
        try await editor.put(F.path("/d3/e2/file1003"), try await F.content("changed"))
        let tree = try await editor.commit()
        let written = await objects.puts.map(\.path)
        #expect(written.count == 3, "wrote \(written)")
        #expect(written.allSatisfy { $0.hasPrefix("trees/") })
        #expect(tree.fileCount == 2000)
        let unchanged = try await TreeReader(store: store).entry(at: F.path("/d0"), root: tree.root)
        let before = try await TreeReader(store: store).entry(at: F.path("/d0"), root: base.root)
        #expect(unchanged?.hash == before?.hash)
    }

    @Test func anEditThatChangesNothingWritesNothing() async throws {
        let objects = CountingObjectStore()
        let store = TreeStore(objects: objects)
        let base = try await F.tree(["/a/b": "1", "/c": "2"], store: store)
        await objects.resetCounts()
        var editor = TreeEditor(store: store, base: base.root)
        try await editor.put(F.path("/a/b"), try await F.content("1"))
        try await editor.delete(F.path("/missing"))
        #expect(try await editor.commit() == base)
        #expect(await objects.puts.isEmpty)
    }

    @Test func equalTreesBuiltInDifferentOrdersHaveEqualRoots() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let first = try await F.tree(["/a/b": "1", "/c": "2", "/a/d/e": "3"], store: store)
        var editor = TreeEditor(store: store, base: try await store.emptyRoot)
        try await editor.put(F.path("/a/d/e"), try await F.content("3"))
        try await editor.put(F.path("/c"), try await F.content("2"))
        try await editor.put(F.path("/a/b"), try await F.content("1"))
        #expect(try await editor.commit() == first)
    }
}
