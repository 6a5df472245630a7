import Foundation
import Testing
import TuskCore
import TuskPFS
import TuskProto
@testable import TuskAPI

@Suite struct ConversionTests {
    @Test func commitIdHoldingAnAncestryExpressionSelectsTheBranchWalkedBack() throws {
        let selector = try Wire.idCommit("images", "master^2").selector()
        #expect(selector.repo == (try RepoID(name: "images")))
        #expect(selector.branch == "master")
        #expect(selector.id == nil)
        #expect(selector.ancestry == .ancestor(2))
        #expect(try Wire.idCommit("images", "master.1").selector().ancestry == .fromOldest(1))
    }

    @Test func commitIdHoldingABranchNameSelectsThatBranch() throws {
        let selector = try Wire.idCommit("images", "staging").selector()
        #expect(selector.branch == "staging")
        #expect(selector.id == nil)
    }

    @Test func branchAndIdSentTogetherKeepBoth() throws {
        let id = CommitID.random()
        var commit = Wire.branchCommit("images", "master")
        commit.id = id.value
        let selector = try commit.selector()
        #expect(selector.branch == "master")
        #expect(selector.id == id)
    }

    @Test func repoFallsBackToTheBranchRepo() throws {
        var commit = PfsV2_Commit()
        commit.branch.repo = Wire.repo("edges", project: "vision")
        commit.branch.name = "master"
        let selector = try commit.selector()
        #expect(selector.repo == (try RepoID(project: ProjectName("vision"), name: "edges")))
    }

    @Test func commitRepoWinsOverBranchRepo() throws {
        var commit = Wire.branchCommit("images")
        commit.branch.repo = Wire.repo("other")
        #expect(try commit.selector().repo.name == "images")
    }

    @Test func missingProjectAndTypeDefaultToDefaultAndUser() throws {
        var repo = PfsV2_Repo()
        repo.name = "images"
        let id = try repo.repoID()
        #expect(id.project == .default)
        #expect(id.type == .user)
    }

    @Test func badNamesAreInvalidArguments() {
        var repo = PfsV2_Repo()
        repo.name = "no spaces"
        #expect(throws: TuskError.self) { try repo.repoID() }
        var empty = PfsV2_Commit()
        empty.repo = Wire.repo("images")
        #expect(throws: TuskError.self) { try empty.selector() }
        do {
            _ = try repo.repoID()
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func writeTargetIsTheBranchForBranchNamesAndTheCommitForIds() throws {
        guard case .branch(let branch) = try Wire.branchCommit("images", "master").writeTarget() else {
            Issue.record("a branch name should target the branch")
            return
        }
        #expect(branch.name == "master")
        guard case .branch = try Wire.idCommit("images", "dev").writeTarget() else {
            Issue.record("a branch name in id should target the branch")
            return
        }
        let id = CommitID.random()
        guard case .commit(let selector) = try Wire.idCommit("images", id.value).writeTarget() else {
            Issue.record("a commit id should target the commit")
            return
        }
        #expect(selector.id == id)
    }

    @Test func writePathsRefuseGlobCharacters() {
        #expect(throws: TuskError.self) { try ModifyFileTranslation.operation(for: request(Wire.add("/a*.txt", "x"))) }
        #expect(throws: TuskError.self) { try ModifyFileTranslation.operation(for: PfsV2_ModifyFileRequest()) }
    }

    @Test func directoriesAreReportedWithATrailingSlashAndRawHash() throws {
        let repo = try RepoID(name: "images")
        let hash = try #require(ContentHash(bytes: [UInt8](repeating: 7, count: 32)))
        let info = FileInfo(
            commit: CommitKey(repo: repo, id: CommitID.random()), path: try FilePath(validating: "/dir"), isDirectory: true,
            sizeBytes: 12, hash: hash, committed: Timestamp(microseconds: 1_500_000), content: nil)
        let message = CoreToProto.fileInfo(info)
        #expect(message.file.path == "/dir/")
        #expect(message.fileType == .dir)
        #expect(message.hash == Data(hash.bytes))
        #expect(message.sizeBytes == 12)
        #expect(message.committed.seconds == 1)
        #expect(message.committed.nanos == 500_000_000)
    }

    private func request(_ body: PfsV2_ModifyFileRequest.OneOf_Body) -> PfsV2_ModifyFileRequest {
        var request = PfsV2_ModifyFileRequest()
        request.body = body
        return request
    }
}
