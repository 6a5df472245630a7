import Testing
@testable import TuskCore

/// Capture groups: numbering by opening parenthesis, greedy leftmost-first contents, and empty
/// strings for groups that take no part.
struct GlobCaptureTests {
    @Test func noMatchGivesNil() throws {
        #expect(try GlobPattern("/(*).txt").match("/a.csv") == nil)
    }

    @Test func patternWithoutGroupsGivesEmptyCaptures() throws {
        #expect(try GlobPattern("/*/*").match("/a/b") == [])
        #expect(try GlobPattern("/").match("/") == [])
        #expect(try GlobPattern("/a").match("/a") == [])
    }

    @Test func groupsAreNumberedFromTheLeft() throws {
        let glob = try GlobPattern("/(*)/(*)_(*).png")
        #expect(glob.groupCount == 3)
        #expect(glob.match("/cats/tom_01.png") == ["cats", "tom", "01"])
    }

    @Test func nestedGroupsAreNumberedByTheirOpeningParenthesis() throws {
        let glob = try GlobPattern("/((a|b)(*))-(?)")
        #expect(glob.match("/axyz-q") == ["axyz", "a", "xyz", "q"])
    }

    @Test func everyExtendedGroupKindCaptures() throws {
        let glob = try GlobPattern("/@(a|b)?(c)*(d)+(e)!(f)")
        #expect(glob.groupCount == 5)
        #expect(glob.match("/acddeeg") == ["a", "c", "dd", "ee", "g"])
        #expect(glob.match("/be") == ["b", "", "", "e", ""])
    }

    @Test func unmatchedOptionalGroupsAreEmpty() throws {
        let glob = try GlobPattern("/x?(a)(b|c)")
        #expect(glob.match("/xb") == ["", "b"])
        let alternatives = try GlobPattern("/{(a),(b)}")
        #expect(alternatives.match("/b") == ["", "b"])
    }

    @Test func starCapturesAreGreedyLikeRegularExpressions() throws {
        #expect(try GlobPattern("/(*)_(*)").match("/a_b_c") == ["a_b", "c"])
        #expect(try GlobPattern("/(**)/(*)").match("/a/b/c") == ["a/b", "c"])
    }

    @Test func repeatedGroupsCaptureTheWholeRepetition() throws {
        #expect(try GlobPattern("/+(ab)").match("/ababab") == ["ababab"])
        #expect(try GlobPattern("/*((a|b))").match("/ab") == ["ab", "b"])
    }

    @Test func groupsInsideNegationDoNotCapture() throws {
        let glob = try GlobPattern("/!((a)x)(*)")
        #expect(glob.groupCount == 3)
        #expect(glob.match("/zz") == ["zz", "", ""])
    }

    @Test func capturesFromMatchedDirectoriesIgnoreTrailingSlash() throws {
        #expect(try GlobPattern("/(*)").match("/dir/") == ["dir"])
    }
}
