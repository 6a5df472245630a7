import Testing
@testable import TuskCore

/// `join_on` / `group_by` template expansion.
struct JoinKeyTests {
    let captures = ["a", "bb", "ccc"]

    @Test func dollarNumberIsReplacedByThatGroup() {
        #expect(JoinKey.substitute("$1", captures: captures) == "a")
        #expect(JoinKey.substitute("$3-$2", captures: captures) == "ccc-bb")
    }

    @Test func bracedNumberIsReplacedByThatGroup() {
        #expect(JoinKey.substitute("${2}x", captures: captures) == "bbx")
    }

    @Test func doubleDollarIsALiteralDollar() {
        #expect(JoinKey.substitute("$$1", captures: captures) == "$1")
        #expect(JoinKey.substitute("cost$$", captures: captures) == "cost$")
    }

    @Test func outOfRangeAndNamedGroupsBecomeEmpty() {
        #expect(JoinKey.substitute("<$4>", captures: captures) == "<>")
        #expect(JoinKey.substitute("<$0>", captures: captures) == "<>")
        #expect(JoinKey.substitute("<$name>", captures: captures) == "<>")
        #expect(JoinKey.substitute("$1x", captures: captures) == "")
    }

    @Test func dollarStartingNoReferenceStaysLiteral() {
        #expect(JoinKey.substitute("a$", captures: captures) == "a$")
        #expect(JoinKey.substitute("$-$1", captures: captures) == "$-a")
        #expect(JoinKey.substitute("${1", captures: captures) == "${1")
    }

    @Test func templateWithoutReferencesIsUnchanged() {
        #expect(JoinKey.substitute("plain", captures: []) == "plain")
        #expect(JoinKey.substitute("", captures: captures) == "")
    }

    @Test func worksWithGlobCaptures() throws {
        let glob = try GlobPattern("/(*)_(*).txt")
        let groups = try #require(glob.match("/2024_report.txt"))
        #expect(JoinKey.substitute("$2/$1", captures: groups) == "report/2024")
    }
}
