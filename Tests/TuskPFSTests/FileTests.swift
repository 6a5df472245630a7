import Foundation
import Testing
import TuskCore
import TuskPFS

@Suite struct FileTests {
    @Test func appendConcatenatesAndDeleteThenAddOverwrites() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let path = try FilePath(validating: "/log.txt")
        try await harness.fileSystem.modifyFiles(.branch(branch(repo)), FileOperationList([.append(path: path, data: Data("a".utf8))]))
        try await harness.fileSystem.modifyFiles(.branch(branch(repo)), FileOperationList([.append(path: path, data: Data("b".utf8))]))
        #expect(try await harness.read(.head(of: branch(repo)), "/log.txt") == "ab")
        try await harness.put(branch(repo), ["/log.txt": "fresh"])
        #expect(try await harness.read(.head(of: branch(repo)), "/log.txt") == "fresh")
    }

    @Test func emptyAppendCreatesAnEmptyFile() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.fileSystem.modifyFiles(.branch(branch(repo)), FileOperationList([.append(path: try FilePath(validating: "/empty"), data: Data())]))
        let info = try await harness.fileSystem.inspectFile(.head(of: branch(repo)), path: try FilePath(validating: "/empty"))
        #expect(info.sizeBytes == 0)
        #expect(!info.isDirectory)
    }

    @Test func listingGlobbingAndWalkingFollowPathOrder() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/a.txt": "1", "/a/b.png": "22", "/a/c/d.png": "333", "/z": "4444"])
        let head = CommitSelector.head(of: branch(repo))
        #expect(try await harness.paths(harness.fileSystem.listFiles(head, path: .root)) == ["/a.txt", "/a/", "/z"])
        #expect(try await harness.paths(harness.fileSystem.globFiles(head, pattern: "/a/*")) == ["/a/b.png", "/a/c/"])
        #expect(try await harness.paths(harness.fileSystem.globFiles(head, pattern: "/**.png")) == ["/a/b.png", "/a/c/d.png"])
        let directory = try await harness.fileSystem.inspectFile(head, path: try FilePath(validating: "/a"))
        #expect(directory.isDirectory && directory.sizeBytes == 5)
        let walked = Collected()
        try await harness.fileSystem.walkFiles(head, path: try FilePath(validating: "/a")) { info in
            await walked.add(info.displayPath)
            return true
        }
        #expect(await walked.items == ["/a/", "/a/b.png", "/a/c/", "/a/c/d.png"])
    }

    @Test func openingADirectoryOrSeveralFilesPointsToTheTarForm() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/d/x": "1", "/d/y": "2"])
        do {
            _ = try await harness.fileSystem.openFile(.head(of: branch(repo)), pattern: "/d")
            Issue.record("opening a directory must fail")
        } catch let error as TuskError {
            #expect(error.message.hasSuffix("Use GetFileTAR instead"))
        }
        await #expect(throws: TuskError.self) { _ = try await harness.fileSystem.openFile(.head(of: branch(repo)), pattern: "/d/*") }
    }

    @Test func archiveEntriesIncludeEverythingBelowMatchedDirectories() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/d/x": "1", "/d/e/y": "2", "/other": "3"])
        let seen = Collected()
        _ = try await harness.fileSystem.archiveEntries(.head(of: branch(repo)), pattern: "/d") { info in await seen.add(info.displayPath) }
        #expect(await seen.items == ["/d/", "/d/e/", "/d/e/y", "/d/x"])
    }

    @Test func copyPlacesASubtreeByReference() async throws {
        let harness = try await PFSHarness.make()
        let source = try await harness.repo("source")
        let target = try await harness.repo("target")
        try await harness.put(branch(source), ["/set/a": "alpha", "/set/b": "beta"])
        try await harness.fileSystem.modifyFiles(.branch(branch(target)), FileOperationList([
            .copy(source: .head(of: branch(source)), sourcePath: try FilePath(validating: "/set"), destination: try FilePath(validating: "/copied"), append: false),
        ]))
        #expect(try await harness.read(.head(of: branch(target)), "/copied/b") == "beta")
        let sourceInfo = try await harness.fileSystem.inspectFile(.head(of: branch(source)), path: try FilePath(validating: "/set"))
        let copyInfo = try await harness.fileSystem.inspectFile(.head(of: branch(target)), path: try FilePath(validating: "/copied"))
        #expect(sourceInfo.hash == copyInfo.hash)
    }

    @Test func deletingADirectoryRemovesItsSubtree() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/d/x": "1", "/d/e/y": "2", "/keep": "3"])
        try await harness.fileSystem.modifyFiles(.branch(branch(repo)), FileOperationList([.delete(path: try FilePath(validating: "/d"))]))
        #expect(try await harness.paths(harness.fileSystem.listFiles(.head(of: branch(repo)), path: .root)) == ["/keep"])
    }

    @Test func diffReportsAddedChangedAndRemovedFiles() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/same": "s", "/changed": "old", "/removed": "r"])
        try await harness.fileSystem.modifyFiles(.branch(branch(repo)), FileOperationList([
            .delete(path: try FilePath(validating: "/removed")),
            .delete(path: try FilePath(validating: "/changed")),
            .append(path: try FilePath(validating: "/changed"), data: Data("new".utf8)),
            .append(path: try FilePath(validating: "/added"), data: Data("a".utf8)),
        ]))
        let differences = try await harness.fileSystem.diffFiles(new: .head(of: branch(repo)), newPath: .root, old: nil, oldPath: nil)
        let summary = differences.map { "\($0.new?.path.string ?? "-") \($0.old?.path.string ?? "-")" }
        #expect(summary == ["/added -", "/changed /changed", "- /removed"])
    }

    @Test func writingAPathBelowAFileIsRefusedAndChangesNothing() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let first = try await harness.put(branch(repo), ["/file": "1"])
        await #expect(throws: TuskError.self) { try await harness.put(branch(repo), ["/file/below": "2"]) }
        #expect(try await harness.fileSystem.inspectBranch(branch(repo)).head == first)
    }
}

/// Collects strings from `@Sendable` visitors.
actor Collected {
    private(set) var items: [String] = []
    func add(_ item: String) { items.append(item) }
}
