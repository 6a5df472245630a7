import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct LocalContentTests {
    @Test func aFileAndItsTreeSurviveReopeningTheLocalStore() async throws {
        let directory = try TemporaryDirectory()
        var random = SeededBytes(seed: 21)
        let data = random.next(count: 300_000)
        let root: ContentHash
        do {
            let objects = try LocalObjectStore(rootPath: directory.path)
            var writer = FileWriter(store: ContentStore(objects: objects), chunker: Chunker(parameters: ChunkerTests.small))
            try await writer.write(data)
            let content = try await writer.finish()
            let trees = TreeStore(objects: objects)
            var editor = TreeEditor(store: trees, base: try await trees.emptyRoot)
            try await editor.put(TreeFixtures.path("/data/file.bin"), content)
            root = try await editor.commit().root
            try await objects.sync()
        }
        let reopened = try LocalObjectStore(rootPath: directory.path)
        let entry = try await TreeReader(store: TreeStore(objects: reopened)).entry(at: TreeFixtures.path("/data/file.bin"), root: root)
        guard case .file(let content)? = entry?.kind else {
            Issue.record("the file is not in the reopened tree")
            return
        }
        #expect(try await FileReader(store: ContentStore(objects: reopened)).readAll(content) == data)
    }
}

@Suite struct TemporaryDirectoryTests {
    @Test func directoriesAreUniqueAndRemovedWithTheirContents() throws {
        var paths: [String] = []
        do {
            let first = try TemporaryDirectory()
            let second = try TemporaryDirectory()
            #expect(first.path != second.path)
            #expect(FileManager.default.createFile(atPath: first.appending("file"), contents: Data([1])))
            paths = [first.path, second.path]
            withExtendedLifetime(first) {}
            withExtendedLifetime(second) {}
        }
        for path in paths { #expect(!FileManager.default.fileExists(atPath: path)) }
    }
}
