import Testing
@testable import TuskCore

/// Which paths each glob operator accepts, with matching anchored to the whole path.
struct GlobMatchingTests {
    private func expectMatches(_ pattern: String, _ accepted: [String], not rejected: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let glob = try GlobPattern(pattern)
        for path in accepted {
            #expect(glob.matches(path), "\(pattern) should match \(path)", sourceLocation: sourceLocation)
        }
        for path in rejected {
            #expect(!glob.matches(path), "\(pattern) should not match \(path)", sourceLocation: sourceLocation)
        }
    }

    @Test func cleaningAddsLeadingSlashDropsTrailingSlashAndCollapsesDoubles() throws {
        #expect(try GlobPattern("dir/*.csv").cleaned == "/dir/*.csv")
        #expect(try GlobPattern("/dir/").cleaned == "/dir")
        #expect(try GlobPattern("//a///b//").cleaned == "/a/b")
        #expect(try GlobPattern("./a/./b").cleaned == "/a/b")
        #expect(try GlobPattern("").cleaned == "/")
        #expect(try GlobPattern("/").cleaned == "/")
        #expect(try GlobPattern("a").description == "/a")
    }

    @Test func literalPatternMatchesOnlyThatPath() throws {
        try expectMatches("/a/b.txt", ["/a/b.txt", "/a/b.txt/"], not: ["/a/b.txtx", "/a/b", "/x/a/b.txt", "/a/b.txt/c", "/"])
    }

    @Test func matchingIsAnchoredAtBothEnds() throws {
        try expectMatches("/b*", ["/b", "/bc"], not: ["/ab", "/a/b", "/b/c"])
        try expectMatches("*.txt", ["/a.txt"], not: ["/a.txt.bak", "/d/a.txt"])
    }

    @Test func rootPatternMatchesOnlyTheRoot() throws {
        try expectMatches("/", ["/", ""], not: ["/a", "/a/b"])
    }

    @Test func rootIsNotMatchedByWildcards() throws {
        try expectMatches("/*", ["/a"], not: ["/"])
        try expectMatches("/**", ["/a"], not: ["/"])
    }

    @Test func starStaysInsideOneSegment() throws {
        try expectMatches("/*", ["/a", "/a.txt", "/.hidden", "/ünï"], not: ["/a/b", "/a/b/c"])
        try expectMatches("/*/*", ["/a/b", "/dir/file.png"], not: ["/a", "/a/b/c"])
        try expectMatches("/a*b", ["/ab", "/axxb"], not: ["/a/b", "/ax/xb"])
        try expectMatches("/*/*.png", ["/x/y.png", "/x/.png"], not: ["/y.png", "/x/y/z.png", "/x/y.jpg"])
    }

    @Test func doubleStarCrossesSegments() throws {
        try expectMatches("/**", ["/a", "/a/b", "/a/b/c.txt"], not: [])
        try expectMatches("/a/**", ["/a/b", "/a/b/c"], not: ["/a", "/ab", "/b/a/c"])
        try expectMatches("/**.txt", ["/a.txt", "/a/b/c.txt"], not: ["/a/b.csv"])
        try expectMatches("/**/c", ["/a/c", "/a/b/c"], not: ["/c", "/a/bc"])
    }

    @Test func questionMarkIsOneNonSlashCharacter() throws {
        try expectMatches("/?", ["/a", "/é", "/字"], not: ["/", "/ab"])
        try expectMatches("/a?c", ["/abc", "/a.c"], not: ["/a/c", "/ac", "/abbc"])
    }

    @Test func characterClassesAndRanges() throws {
        try expectMatches("/[abc].txt", ["/a.txt", "/c.txt"], not: ["/d.txt", "/ab.txt"])
        try expectMatches("/[a-c]", ["/a", "/b", "/c"], not: ["/d", "/A"])
        try expectMatches("/[!a-c]", ["/d", "/Z", "/é"], not: ["/a", "/b", "/c", "/ab"])
        try expectMatches("/[a-cx-z0-9]", ["/b", "/y", "/5"], not: ["/m"])
        try expectMatches("/[é-ë]", ["/ê"], not: ["/e"])
        try expectMatches("/[\\]]", ["/]"], not: ["/\\"])
    }

    @Test func classesNeverMatchTheSeparator() throws {
        try expectMatches("/a[!x]b", ["/acb"], not: ["/a/b"])
    }

    @Test func bracesChooseOneAlternative() throws {
        try expectMatches("/{a,b}.txt", ["/a.txt", "/b.txt"], not: ["/c.txt", "/ab.txt"])
        try expectMatches("/{a,b{c,d}}", ["/a", "/bc", "/bd"], not: ["/b", "/bcd"])
        try expectMatches("/x{,y}", ["/x", "/xy"], not: ["/xyy"])
        try expectMatches("/{dir/*,*.csv}", ["/dir/a", "/b.csv"], not: ["/dir/a/b", "/b.txt"])
    }

    @Test func bracesDoNotCapture() throws {
        #expect(try GlobPattern("/{a,b}/(*)").match("/a/x") == ["x"])
    }

    @Test func escapesMakeMetaCharactersLiteral() throws {
        try expectMatches("/a\\*b", ["/a*b"], not: ["/axb", "/ab"])
        try expectMatches("/\\?\\[\\{\\(", ["/?[{("], not: ["/x[{("])
        #expect(try GlobPattern("/a\\*b").isLiteral)
    }

    @Test func extendedGlobExactlyOne() throws {
        try expectMatches("/@(a|bc).txt", ["/a.txt", "/bc.txt"], not: [
            "/.txt", "/abc.txt", "/aa.txt",
        ])
        try expectMatches("/(a|bc).txt", ["/a.txt", "/bc.txt"], not: ["/.txt", "/aa.txt"])
    }

    @Test func extendedGlobZeroOrOne() throws {
        try expectMatches("/x?(a|b)", ["/x", "/xa", "/xb"], not: ["/xab", "/xaa"])
    }

    @Test func extendedGlobZeroOrMore() throws {
        try expectMatches("/x*(ab)", ["/x", "/xab", "/xabab"], not: ["/xa", "/xaba"])
    }

    @Test func extendedGlobOneOrMore() throws {
        try expectMatches("/x+(ab|c)", ["/xab", "/xc", "/xabcab"], not: ["/x", "/xa"])
    }

    @Test func extendedGlobAnythingExcept() throws {
        try expectMatches("/!(*.tmp)", ["/a.txt", "/tmp", "/a.tmpx"], not: ["/a.tmp", "/.tmp", "/a/b.txt"])
        try expectMatches("/!(a|b)", ["/c", "/ab", "/aa"], not: ["/a", "/b", "/"])
        try expectMatches("/dir/!(skip)/*", ["/dir/keep/x"], not: ["/dir/skip/x"])
        try expectMatches("/!(x).csv", ["/a.csv", "/.csv", "/xx.csv"], not: ["/x.csv"])
    }

    @Test func plainPrefixCharactersWithoutParenthesisAreText() throws {
        try expectMatches("/a@b+c!d", ["/a@b+c!d"], not: ["/a"])
        try expectMatches("/a)b|c", ["/a)b|c"], not: [])
        try expectMatches("/a,b}", ["/a,b}"], not: [])
        #expect(try GlobPattern("/a@b+c!d").isLiteral)
    }

    @Test func emptyLoopsTerminate() throws {
        try expectMatches("/*(?(a))b", ["/b", "/ab", "/aab"], not: ["/ba"])
    }

    @Test func pathologicalBacktrackingStaysFast() throws {
        let glob = try GlobPattern("/*a*a*a*a*a*a*a*a*a*a*b")
        let path = "/" + String(repeating: "a", count: 200)
        #expect(!glob.matches(path))
    }

    @Test func multiByteCharactersAreSingleCharacters() throws {
        try expectMatches("/*é?", ["/caféx", "/é字"], not: ["/cafe"])
        #expect(try GlobPattern("/(*)é(?)").match("/caféé字") == ["café", "字"])
    }

    @Test func literalPrefixIsLeadingDirectoryWithoutMetaCharacters() throws {
        #expect(try GlobPattern("/dir/*.csv").literalPrefix == "/dir")
        #expect(try GlobPattern("/*").literalPrefix == "/")
        #expect(try GlobPattern("/a/b/c*").literalPrefix == "/a/b")
        #expect(try GlobPattern("/dir{1,2}/x").literalPrefix == "/")
        #expect(try GlobPattern("/a\\*b/*").literalPrefix == "/a*b")
        #expect(try GlobPattern("/a/b.txt").literalPrefix == "/a/b.txt")
        #expect(try GlobPattern("/").literalPrefix == "/")
    }

    @Test func isLiteralOnlyWithoutMetaCharacters() throws {
        #expect(try GlobPattern("/a/b.txt").isLiteral)
        #expect(try GlobPattern("/").isLiteral)
        #expect(try !GlobPattern("/a/*").isLiteral)
        #expect(try !GlobPattern("/a/{b}").isLiteral)
        #expect(try !GlobPattern("/a?").isLiteral)
    }

    @Test func patternsAreEqualWhenTheirCleanedFormsAre() throws {
        #expect(try GlobPattern("a/*") == GlobPattern("/a/*/"))
        #expect(try Set([GlobPattern("a"), GlobPattern("/a")]).count == 1)
    }
}
