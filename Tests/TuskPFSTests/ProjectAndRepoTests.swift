import Testing
import TuskCore
import TuskPFS

@Suite struct ProjectAndRepoTests {
    @Test func defaultProjectExistsOnFirstOpen() async throws {
        let harness = try await PFSHarness.make()
        let projects = try await harness.fileSystem.listProjects()
        #expect(projects.map(\.name.value) == ["default"])
    }

    @Test func creatingAProjectTwiceIsRefusedUnlessUpdating() async throws {
        let harness = try await PFSHarness.make()
        let name = try ProjectName("video-to-frame-traces")
        try await harness.fileSystem.createProject(name, description: "first", update: false)
        await #expect(throws: TuskError.self) { try await harness.fileSystem.createProject(name, description: "again", update: false) }
        try await harness.fileSystem.createProject(name, description: "second", update: true)
        #expect(try await harness.fileSystem.inspectProject(name).description == "second")
    }

    @Test func deletingAProjectWithReposNeedsForce() async throws {
        let harness = try await PFSHarness.make()
        let name = try ProjectName("p1")
        try await harness.fileSystem.createProject(name, description: "", update: false)
        _ = try await harness.repo("data", project: name)
        do {
            try await harness.fileSystem.deleteProject(name, force: false)
            Issue.record("delete without force should fail")
        } catch let error as TuskError {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("data"))
        }
        try await harness.fileSystem.deleteProject(name, force: true)
        #expect(try await harness.fileSystem.listProjects().map(\.name.value) == ["default"])
    }

    @Test func repoListingReportsSizeOfMasterHeadAndBranches() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("images")
        try await harness.put(branch(repo), ["/a.txt": "hello", "/b.txt": "world!"])
        let infos = try await harness.fileSystem.listRepos(projects: [], type: .user)
        #expect(infos.count == 1)
        #expect(infos[0].sizeBytes == 11)
        #expect(infos[0].branches == ["master"])
    }

    @Test func missingRepoIsNotFoundAndNamesTheRepo() async throws {
        let harness = try await PFSHarness.make()
        do {
            _ = try await harness.fileSystem.inspectRepo(try RepoID(name: "nope"))
            Issue.record("expected not found")
        } catch let error as TuskError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("nope"))
        }
    }

    @Test func deletingARepoRemovesItsBranchesAndCommits() async throws {
        let harness = try await PFSHarness.make()
        let repo = try await harness.repo("gone")
        try await harness.put(branch(repo), ["/x": "1"])
        #expect(try await harness.fileSystem.deleteRepo(repo, force: false))
        #expect(try await harness.fileSystem.listRepos(projects: [], type: nil).isEmpty)
        #expect(try await harness.fileSystem.deleteRepo(repo, force: false) == false)
    }
}
