import Testing
import TuskCore
import TuskPFS

@Suite struct PropagationTests {
    @Test func aCommitOnAnInputOpensACommitWithTheSameIDDownstream() async throws {
        let harness = try await PFSHarness.make()
        let input = try await harness.repo("images")
        let middle = try await harness.repo("edges")
        let last = try await harness.repo("montage")
        try await harness.put(branch(input), ["/a.png": "1"])
        try await harness.fileSystem.createBranch(branch(middle), head: nil, provenance: [branch(input)])
        try await harness.fileSystem.createBranch(branch(last), head: nil, provenance: [branch(input), branch(middle)])

        let id = try await harness.put(branch(input), ["/b.png": "2"])
        let set = try await harness.fileSystem.commitSet(id)
        #expect(Set(set.map(\.repo.name)) == ["images", "edges", "montage"])
        let edges = try #require(set.first { $0.repo == middle })
        #expect(edges.origin == .auto)
        #expect(edges.state == .started)
        #expect(edges.directProvenance == [CommitKey(repo: input, id: id)])
        let montage = try #require(set.first { $0.repo == last })
        #expect(Set(montage.directProvenance) == [CommitKey(repo: input, id: id), CommitKey(repo: middle, id: id)])
    }

    @Test func declaringProvenanceOpensAnOutputCommitOverExistingData() async throws {
        let harness = try await PFSHarness.make()
        let input = try await harness.repo("images")
        let output = try await harness.repo("edges")
        let inputCommit = try await harness.put(branch(input), ["/a.png": "1"])
        try await harness.fileSystem.createBranch(branch(output), head: nil, provenance: [branch(input)])
        let head = try #require(try await harness.fileSystem.inspectBranch(branch(output)).head)
        let info = try await harness.fileSystem.inspectCommit(.commit(CommitKey(repo: output, id: head)))
        #expect(info.state == .started)
        #expect(info.directProvenance == [CommitKey(repo: input, id: inputCommit)])
    }

    @Test func movingAnInputHeadOpensDownstreamCommits() async throws {
        let harness = try await PFSHarness.make()
        let input = try await harness.repo("data")
        let output = try await harness.repo("out")
        let first = try await harness.put(branch(input, "staging"), ["/a": "1"])
        try await harness.put(branch(input, "staging"), ["/b": "2"])
        try await harness.fileSystem.createBranch(branch(input), head: .commit(CommitKey(repo: input, id: first)))
        try await harness.fileSystem.createBranch(branch(output), head: nil, provenance: [branch(input)])
        let before = try await harness.fileSystem.listCommits(output).count
        try await harness.fileSystem.createBranch(branch(input), head: CommitSelector(repo: input, branch: "staging"))
        let after = try await harness.fileSystem.listCommits(output)
        #expect(after.count == before + 1)
        #expect(after[0].origin == .auto)
    }
}
