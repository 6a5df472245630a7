import Testing
import TuskCore
import TuskPFS

@Suite struct BranchTests {
    @Test func createBranchWithAnAncestryHead() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let first = try await harness.put(branch(repo, "staging"), ["/a": "1"])
        try await harness.put(branch(repo, "staging"), ["/b": "2"])
        try await harness.fileSystem.createBranch(branch(repo), head: CommitSelector(repo: repo, branch: "staging", ancestry: .ancestor(1)))
        #expect(try await harness.fileSystem.inspectBranch(branch(repo)).head == first)
        #expect(try await harness.fileSystem.listBranches(repo).map(\.branch.name) == ["master", "staging"])
    }

    @Test func newBranchWithoutHeadStartsAtAnEmptyCommit() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        try await harness.fileSystem.createBranch(branch(repo, "empty"), head: nil)
        let info = try await harness.fileSystem.inspectBranch(branch(repo, "empty"))
        let head = try #require(info.head)
        #expect(try await harness.fileSystem.inspectCommit(.commit(CommitKey(repo: repo, id: head))).fileCount == 0)
    }

    @Test func provenanceIsReportedAndCyclesAreRefused() async throws {
        let harness = try await PFSHarness.make()
        let input = try await harness.repo("input")
        let output = try await harness.repo("output")
        try await harness.put(branch(input), ["/a": "1"])
        try await harness.fileSystem.createBranch(branch(output), head: nil, provenance: [branch(input)])
        let info = try await harness.fileSystem.inspectBranch(branch(output))
        #expect(info.provenance == [branch(input)])
        #expect(try await harness.fileSystem.inspectBranch(branch(input)).subvenance == [branch(output)])
        await #expect(throws: TuskError.self) { try await harness.fileSystem.createBranch(branch(input), head: nil, provenance: [branch(output)]) }
        await #expect(throws: TuskError.self) { try await harness.fileSystem.deleteBranch(branch(input), force: false) }
        await #expect(throws: TuskError.self) { try await harness.put(branch(output), ["/x": "no"]) }
    }

    @Test func deletingABranchKeepsItsCommits() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("data")
        let id = try await harness.put(branch(repo, "tmp"), ["/a": "1"])
        try await harness.fileSystem.deleteBranch(branch(repo, "tmp"), force: false)
        #expect(try await harness.fileSystem.inspectCommit(.commit(CommitKey(repo: repo, id: id))).state == .finished)
        await #expect(throws: TuskError.self) { _ = try await harness.fileSystem.inspectBranch(branch(repo, "tmp")) }
    }
}
