import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct TreeDiffTests {
    typealias F = TreeFixtures

    func summary(_ changes: [TreeChange]) -> [String] {
        changes.map { change in
            let kind = change.old == nil ? "+" : change.new == nil ? "-" : "~"
            return kind + change.path.string
        }
    }

    @Test func reportsAddedDeletedAndModifiedFilesInPathOrder() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let old = try await F.tree(["/a.txt": "1", "/a/b": "2", "/a/c": "3", "/gone/x": "4", "/same/y": "5"], store: store)
        let new = try await F.tree(["/a.txt": "1", "/a/b": "changed", "/a/d": "6", "/new/z/w": "7", "/same/y": "5"], store: store)
        let changes = try await TreeDiff(store: store).changes(old: old.root, new: new.root)
        #expect(summary(changes) == ["~/a/b", "-/a/c", "+/a/d", "-/gone/x", "+/new/z/w"])
        #expect(changes[0].old?.size == 1 && changes[0].new?.size == 7)
    }

    @Test func aFileReplacedByADirectoryIsReportedAsFiles() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let old = try await F.tree(["/x": "file", "/x.y": "1"], store: store)
        let new = try await F.tree(["/x/inner": "dir", "/x.y": "1"], store: store)
        #expect(summary(try await TreeDiff(store: store).changes(old: old.root, new: new.root)) == ["-/x", "+/x/inner"])
        #expect(summary(try await TreeDiff(store: store).changes(old: new.root, new: old.root)) == ["+/x", "-/x/inner"])
    }

    @Test func diffUnderAPathAndOfEqualTrees() async throws {
        let store = TreeStore(objects: MemoryObjectStore())
        let old = try await F.tree(["/a/1": "1", "/b/2": "2"], store: store)
        let new = try await F.tree(["/a/1": "x", "/b/2": "y"], store: store)
        #expect(summary(try await TreeDiff(store: store).changes(old: old.root, new: new.root, under: F.path("/b"))) == ["~/b/2"])
        #expect(try await TreeDiff(store: store).changes(old: old.root, new: old.root).isEmpty)
    }

    @Test func unchangedSubtreesAreNotLoaded() async throws {
        let objects = CountingObjectStore()
        var files: [String: String] = [:]
        for index in 0..<500 { files["/d\(index % 25)/f\(index)"] = "\(index)" }
        let base = try await F.tree(files, store: TreeStore(objects: objects))
        var editor = TreeEditor(store: TreeStore(objects: objects), base: base.root)
        try await editor.put(F.path("/d3/f3"), try await F.content("changed"))
        let changed = try await editor.commit()
        await objects.resetCounts()
        let changes = try await TreeDiff(store: TreeStore(objects: objects)).changes(old: base.root, new: changed.root)
        #expect(summary(changes) == ["~/d3/f3"])
        #expect(await objects.gets == 4)
    }
}
