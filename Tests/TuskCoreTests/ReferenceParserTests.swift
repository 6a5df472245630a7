import Testing
@testable import TuskCore

/// The pachctl reference grammar: repos, commits (branch, id, ancestry) and files.
struct ReferenceParserTests {
    let id = "0123456789ab4def8123456789abcdef"

    private func refusal(_ body: () throws -> Void) -> TuskError? {
        do {
            try body()
            return nil
        } catch let error as TuskError {
            return error
        } catch {
            return nil
        }
    }

    @Test func bareRepoHasNoProjectAndUserType() throws {
        let repo = try ReferenceParser.repo("images")
        #expect(repo == RepoReference(project: nil, name: "images", type: .user))
        #expect(repo.description == "images")
    }

    @Test func projectSlashRepoNamesTheProject() throws {
        let repo = try ReferenceParser.repo("vision/images")
        #expect(repo.project == "vision")
        #expect(repo.name == "images")
        #expect(try repo.resolved().description == "vision/images")
    }

    @Test func repoTypeSuffix() throws {
        #expect(try ReferenceParser.repo("edges.spec").type == .spec)
        #expect(try ReferenceParser.repo("edges.meta").type == .meta)
        #expect(try ReferenceParser.repo("p/edges.spec") == RepoReference(project: "p", name: "edges", type: .spec))
        #expect(refusal { _ = try ReferenceParser.repo("edges.bogus") }?.code == .invalidArgument)
    }

    @Test func badRepoReferencesAreRefused() {
        #expect(refusal { _ = try ReferenceParser.repo("") }?.code == .invalidArgument)
        #expect(refusal { _ = try ReferenceParser.repo("/images") }?.code == .invalidArgument)
        #expect(refusal { _ = try ReferenceParser.repo("bad name") }?.code == .invalidArgument)
        #expect(refusal { _ = try ReferenceParser.repo("_project/images") }?.code == .invalidArgument)
    }

    @Test func resolvedUsesTheDefaultProjectWhenNoneIsWritten() throws {
        let repo = try ReferenceParser.repo("images").resolved(defaultProject: ProjectName("team"))
        #expect(repo.project.value == "team")
        #expect(try ReferenceParser.repo("images").resolved().project == .default)
    }

    @Test func resolvedValidatesTheProjectName() {
        let reference = RepoReference(project: "bad project!", name: "images")
        #expect(refusal { _ = try reference.resolved() }?.code == .invalidArgument)
    }

    @Test func repoWithoutAtHasNoBranchOrCommit() throws {
        let commit = try ReferenceParser.commit("images")
        #expect(commit.branch == nil)
        #expect(commit.id == nil)
        #expect(commit.ancestry == .none)
    }

    @Test func repoAtBranch() throws {
        let commit = try ReferenceParser.commit("images@master")
        #expect(commit.repo.name == "images")
        #expect(commit.branch == "master")
        #expect(commit.id == nil)
        #expect(commit.description == "images@master")
    }

    @Test func repoAtCommitID() throws {
        let commit = try ReferenceParser.commit("images@\(id)")
        #expect(commit.branch == nil)
        #expect(commit.id?.value == id)
        #expect(commit.description == "images@\(id)")
    }

    @Test func upperCaseCommitIDIsStoredLowerCase() throws {
        #expect(try ReferenceParser.commit("images@\(id.uppercased())").id?.value == id)
    }

    @Test func repoAtBranchEqualsCommitID() throws {
        let commit = try ReferenceParser.commit("p/images@dev=\(id)")
        #expect(commit.repo.project == "p")
        #expect(commit.branch == "dev")
        #expect(commit.id?.value == id)
        #expect(commit.description == "p/images@dev=\(id)")
    }

    @Test func branchEqualsNonIDIsRefused() {
        #expect(refusal { _ = try ReferenceParser.commit("images@dev=1234") }?.code == .invalidArgument)
    }

    @Test(arguments: [
        ("images@master^", Ancestry.ancestor(1)),
        ("images@master^^^", .ancestor(3)),
        ("images@master^3", .ancestor(3)),
        ("images@master~2", .ancestor(2)),
        ("images@master~", .ancestor(1)),
        ("images@master^2^", .ancestor(3)),
        ("images@master.1", .fromOldest(1)),
        ("images@master.12", .fromOldest(12)),
    ])
    func ancestrySuffixes(text: String, ancestry: Ancestry) throws {
        let commit = try ReferenceParser.commit(text)
        #expect(commit.branch == "master")
        #expect(commit.ancestry == ancestry)
    }

    @Test func ancestryAppliesToCommitIDs() throws {
        let commit = try ReferenceParser.commit("images@\(id)^2")
        #expect(commit.id?.value == id)
        #expect(commit.ancestry == .ancestor(2))
        #expect(commit.description == "images@\(id)^2")
    }

    @Test func nothingAfterAtIsRefused() throws {
        let error = try #require(refusal { _ = try ReferenceParser.commit("images@") })
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("nothing after \"@\""))
        #expect(error.location == "images@")
    }

    @Test(arguments: ["images@master^x", "images@master.0", "images@master.", "images@master.1^2",
                      "images@master^2.1", "images@master.x", "images@master^-1"])
    func badAncestryIsRefused(text: String) throws {
        let error = try #require(refusal { _ = try ReferenceParser.commit(text) })
        #expect(error.code == .invalidArgument)
        #expect(error.location == text)
    }

    @Test func emptyBranchBeforeAncestryIsRefused() {
        #expect(refusal { _ = try ReferenceParser.commit("images@^") }?.code == .invalidArgument)
    }

    @Test func fileReferenceWithPath() throws {
        let file = try ReferenceParser.file("images@master:/dir/a.png")
        #expect(file.commit.repo.name == "images")
        #expect(file.commit.branch == "master")
        #expect(file.path == "/dir/a.png")
        #expect(file.description == "images@master:/dir/a.png")
    }

    @Test func fileReferenceKeepsRelativeAndGlobPathsAsWritten() throws {
        #expect(try ReferenceParser.file("images@master:dir/*.png").path == "dir/*.png")
        #expect(try ReferenceParser.file("images@\(id):/a").commit.id?.value == id)
        #expect(try ReferenceParser.file("images@master^2:/a").commit.ancestry == .ancestor(2))
    }

    @Test func fileReferenceWithoutPathMeansTheRoot() throws {
        #expect(try ReferenceParser.file("images@master").path == "")
        #expect(try ReferenceParser.file("images@master:").path == "")
    }

    @Test func fileReferenceWithoutAtIsRefused() {
        #expect(refusal { _ = try ReferenceParser.file("images:/a") }?.code == .invalidArgument)
        #expect(refusal { _ = try ReferenceParser.file("images@:/a") }?.code == .invalidArgument)
    }
}
