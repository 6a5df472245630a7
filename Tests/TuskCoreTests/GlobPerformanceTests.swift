import Testing
@testable import TuskCore

/// A guard against accidental slow paths in the matcher (the test build is unoptimised, so the
/// bound is generous; a release build runs the same loop many times faster).
struct GlobPerformanceTests {
    @Test func hundredThousandMatchesOfATwoLevelPattern() throws {
        let glob = try GlobPattern("/*/*.png")
        let paths = (0..<1000).map { "/directory\($0 % 37)/image_\($0).\($0 % 3 == 0 ? "jpg" : "png")" }
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            for _ in 0..<100 {
                for path in paths where glob.matches(path) { count += 1 }
            }
        }
        #expect(count == 66_600)
        #expect(elapsed < .seconds(60), "100,000 matches took \(elapsed); this guards against runaway backtracking, the speed itself is a benchmark matter")
    }
}
