import Testing
@testable import TuskCore

/// `mayMatchBelow` lets tree walks skip subtrees that cannot hold a match.
struct GlobPruningTests {
    @Test func singleLevelStarPrunesEverythingBelowTopLevel() throws {
        let glob = try GlobPattern("/*")
        #expect(glob.mayMatchBelow("/"))
        #expect(!glob.mayMatchBelow("/a"))
        #expect(!glob.mayMatchBelow("/a/b"))
    }

    @Test func directoryStarDescendsOnlyIntoThatDirectory() throws {
        let glob = try GlobPattern("/dir/*")
        #expect(glob.mayMatchBelow("/"))
        #expect(glob.mayMatchBelow("/dir"))
        #expect(glob.mayMatchBelow("/dir/"))
        #expect(!glob.mayMatchBelow("/other"))
        #expect(!glob.mayMatchBelow("/dir2"))
        #expect(!glob.mayMatchBelow("/dir/a"))
    }

    @Test func literalPathDescendsOnlyAlongItself() throws {
        let glob = try GlobPattern("/a/b/c.txt")
        #expect(glob.mayMatchBelow("/"))
        #expect(glob.mayMatchBelow("/a"))
        #expect(glob.mayMatchBelow("/a/b"))
        #expect(!glob.mayMatchBelow("/a/b/c.txt"))
        #expect(!glob.mayMatchBelow("/a/c"))
        #expect(!glob.mayMatchBelow("/ab"))
    }

    @Test func doubleStarMayMatchBelowEverything() throws {
        let glob = try GlobPattern("/**")
        #expect(glob.mayMatchBelow("/"))
        #expect(glob.mayMatchBelow("/a"))
        #expect(glob.mayMatchBelow("/a/b/c"))
    }

    @Test func rootPatternHasNothingBelowTheRoot() throws {
        #expect(!(try GlobPattern("/").mayMatchBelow("/")))
    }

    @Test func twoLevelPatternStopsAtTheSecondLevel() throws {
        let glob = try GlobPattern("/*/*.png")
        #expect(glob.mayMatchBelow("/x"))
        #expect(!glob.mayMatchBelow("/x/y"))
    }

    @Test func alternativesAndNegationAreConservative() throws {
        let glob = try GlobPattern("/{a,b/c}/*")
        #expect(glob.mayMatchBelow("/a"))
        #expect(glob.mayMatchBelow("/b"))
        #expect(glob.mayMatchBelow("/b/c"))
        #expect(!glob.mayMatchBelow("/c"))
        #expect(try GlobPattern("/!(x)/*").mayMatchBelow("/y"))
    }

    @Test func everyMatchLiesBelowALiteralPrefixDirectory() throws {
        let glob = try GlobPattern("/data/(*)/*.csv")
        #expect(glob.literalPrefix == "/data")
        #expect(glob.mayMatchBelow(glob.literalPrefix))
        #expect(glob.matches("/data/x/y.csv"))
    }
}
