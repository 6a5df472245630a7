import Foundation
import Testing
import TuskCore
import TuskPFS

@Suite struct CommitTests {
    @Test func writingToABranchMakesOneFinishedCommitPerWrite() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let first = try await harness.put(branch(repo), ["/a": "1"])
        let second = try await harness.put(branch(repo), ["/b": "2"])
        let commits = try await harness.fileSystem.listCommits(repo)
        #expect(commits.map(\.id) == [second, first])
        #expect(commits.allSatisfy { $0.state == .finished })
        #expect(commits[0].parent == first)
        #expect(try await harness.read(.head(of: branch(repo)), "/a") == "1")
    }

    @Test func ancestryReferencesResolve() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let ids = [try await harness.put(branch(repo), ["/v": "1"]),
                   try await harness.put(branch(repo), ["/v": "2"]),
                   try await harness.put(branch(repo), ["/v": "3"])]
        let parent = try await harness.fileSystem.inspectCommit(CommitSelector(repo: repo, branch: "master", ancestry: .ancestor(1)))
        #expect(parent.id == ids[1])
        let first = try await harness.fileSystem.inspectCommit(CommitSelector(repo: repo, branch: "master", ancestry: .fromOldest(1)))
        #expect(first.id == ids[0])
        #expect(try await harness.read(CommitSelector(repo: repo, branch: "master", ancestry: .ancestor(2)), "/v") == "1")
        await #expect(throws: TuskError.self) {
            _ = try await harness.fileSystem.inspectCommit(CommitSelector(repo: repo, branch: "master", ancestry: .ancestor(5)))
        }
    }

    @Test func openCommitCollectsWritesAndFinishedCommitRefusesThem() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let commit = try await harness.fileSystem.startCommit(on: branch(repo), description: "batch")
        try await harness.put(branch(repo), ["/one": "1"])
        try await harness.fileSystem.modifyFiles(.commit(.commit(commit.key)), FileOperationList([.append(path: try FilePath(validating: "/two"), data: Data("2".utf8))]))
        #expect(try await harness.fileSystem.listCommits(repo).count == 1)
        await #expect(throws: TuskError.self) { _ = try await harness.fileSystem.startCommit(on: branch(repo)) }
        try await harness.fileSystem.finishCommit(.commit(commit.key))
        let info = try await harness.fileSystem.inspectCommit(.commit(commit.key))
        #expect(info.state == .finished)
        #expect(info.description == "batch")
        #expect(try await harness.paths(harness.fileSystem.listFiles(.commit(commit.key), path: .root)) == ["/one", "/two"])
        do {
            try await harness.fileSystem.modifyFiles(.commit(.commit(commit.key)), FileOperationList([.delete(path: try FilePath(validating: "/one"))]))
            Issue.record("write to a finished commit must fail")
        } catch let error as TuskError {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("finished"))
        }
    }

    @Test func waitingForACommitReturnsWhenItFinishes() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let commit = try await harness.fileSystem.startCommit(on: branch(repo))
        let fileSystem = harness.fileSystem
        let waiter = Task { try await fileSystem.inspectCommit(.commit(commit.key), wait: .finished) }
        try await Task.sleep(for: .milliseconds(50))
        try await harness.fileSystem.finishCommit(.commit(commit.key))
        let info = try await waiter.value
        #expect(info.state == .finished)
    }

    @Test func dropRemovesTheNewestCommitAndSquashKeepsData() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let first = try await harness.put(branch(repo), ["/a": "1"])
        let second = try await harness.put(branch(repo), ["/b": "2"])
        let third = try await harness.put(branch(repo), ["/c": "3"])
        await #expect(throws: TuskError.self) { try await harness.fileSystem.dropCommit(.commit(CommitKey(repo: repo, id: first))) }
        try await harness.fileSystem.squashCommit(.commit(CommitKey(repo: repo, id: second)))
        let afterSquash = try await harness.fileSystem.listCommits(repo)
        #expect(afterSquash.map(\.id) == [third, first])
        #expect(afterSquash[0].parent == first)
        #expect(try await harness.paths(harness.fileSystem.listFiles(.head(of: branch(repo)), path: .root)) == ["/a", "/b", "/c"])
        try await harness.fileSystem.dropCommitSet(third)
        let head = try await harness.fileSystem.inspectBranch(branch(repo)).head
        #expect(head == first)
    }

    @Test func commitsSurviveAReopenOfTheDataDirectory() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.put(branch(repo), ["/kept.txt": "durable"])
        let open = try await harness.fileSystem.startCommit(on: branch(repo, "dev"))
        let reopened = try await harness.reopened()
        let (_, stream) = try await reopened.openFile(.head(of: branch(repo)), pattern: "/kept.txt")
        var data = Data()
        for try await chunk in stream { data.append(chunk) }
        #expect(String(decoding: data, as: UTF8.self) == "durable")
        #expect(try await reopened.inspectCommit(.commit(open.key)).state == .started)
    }

    @Test func concurrentWritersIntoOneOpenCommitLoseNothing() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let commit = try await harness.fileSystem.startCommit(on: branch(repo))
        let fileSystem = harness.fileSystem
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for item in 0..<5 {
                        let path = try FilePath(validating: "/w\(writer)/f\(item)")
                        try await fileSystem.modifyFiles(.commit(.commit(commit.key)), FileOperationList([.append(path: path, data: Data("\(writer)-\(item)".utf8))]))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await harness.fileSystem.finishCommit(.commit(commit.key))
        #expect(try await harness.fileSystem.inspectCommit(.commit(commit.key)).fileCount == 40)
    }
}
