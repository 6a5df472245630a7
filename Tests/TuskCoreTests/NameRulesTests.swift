import Testing
@testable import TuskCore

/// Names of projects, repos, branches and pipelines.
struct NameRulesTests {
    private func isValid(_ check: (String) throws -> Void, _ name: String) -> Bool {
        (try? check(name)) != nil
    }

    @Test(arguments: ["default", "my-project_1", "1st", "P", String(repeating: "p", count: 51)])
    func validProjectNames(name: String) {
        #expect(isValid(NameRules.validateProject, name))
    }

    @Test(arguments: ["", "_hidden", "-dash", "a.b", "a b", "a/b", "ü", String(repeating: "p", count: 52)])
    func invalidProjectNames(name: String) {
        #expect(!isValid(NameRules.validateProject, name))
    }

    @Test(arguments: ["images", "my_repo-2", "_private", "A", String(repeating: "r", count: 63)])
    func validRepoNames(name: String) {
        #expect(isValid(NameRules.validateRepo, name))
        #expect(isValid(NameRules.validatePipeline, name))
    }

    @Test(arguments: ["", "a.b", "a/b", "a@b", "a b", "tab\t", String(repeating: "r", count: 64)])
    func invalidRepoNames(name: String) {
        #expect(!isValid(NameRules.validateRepo, name))
        #expect(!isValid(NameRules.validatePipeline, name))
    }

    @Test(arguments: ["master", "feature-1", "v2_final", "0123456789abcdef0123456789abcde", "deadbeef"])
    func validBranchNames(name: String) {
        #expect(isValid(NameRules.validateBranch, name))
    }

    @Test(arguments: ["", "a^b", "a~1", "a.b", "a=b", "a:b", "0123456789abcdef0123456789abcdef",
                      "0123456789ABCDEF0123456789ABCDEF"])
    func invalidBranchNames(name: String) {
        #expect(!isValid(NameRules.validateBranch, name))
    }

    @Test func refusalSaysWhatIsWrong() throws {
        do {
            try NameRules.validateRepo("bad name")
            Issue.record("expected a refusal")
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("\" \""))
            #expect(error.location == "bad name")
        }
    }

    @Test func typedNamesValidate() throws {
        #expect(throws: TuskError.self) { try ProjectName("-x") }
        #expect(throws: TuskError.self) { try RepoID(name: "a.b") }
        let repo = try RepoID(project: ProjectName("p"), name: "edges", type: .spec)
        #expect(repo.description == "p/edges.spec")
        #expect(throws: TuskError.self) { try BranchID(repo: repo, name: "0123456789abcdef0123456789abcdef") }
        #expect(try BranchID(repo: repo, name: "master").description == "p/edges.spec@master")
    }

    @Test func repoTypeFromWire() throws {
        #expect(try RepoType(wire: "") == .user)
        #expect(try RepoType(wire: "meta") == .meta)
        #expect(throws: TuskError.self) { try RepoType(wire: "other") }
    }
}
