import Testing
@testable import TuskCore

/// Malformed patterns are refused with `.invalidArgument`, naming the pattern and the offset.
struct GlobErrorTests {
    private func refusal(_ pattern: String) -> TuskError? {
        do {
            _ = try GlobPattern(pattern)
            return nil
        } catch let error as TuskError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ("/a[bc", 2, "\"[\" is never closed"),
        ("/a{b,c", 2, "\"{\" is never closed"),
        ("/a(b|c", 2, "\"(\" is never closed"),
        ("/x@(b", 2, "\"(\" is never closed"),
        ("/x/!(b", 3, "\"(\" is never closed"),
        ("/(a|(b)", 1, "\"(\" is never closed"),
        ("/{a,(b}", 4, "\"(\" is never closed"),
        ("/ab\\", 3, "nothing after it"),
        ("/a[]", 2, "class is empty"),
        ("/a[z-a]", 3, "runs backwards"),
    ])
    func malformedPatternIsRefusedWithOffset(pattern: String, offset: Int, problem: String) throws {
        let error = try #require(refusal(pattern))
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("\"\(pattern)\""))
        #expect(error.message.contains("offset \(offset)"))
        #expect(error.message.contains(problem))
        #expect(error.location == pattern)
    }

    @Test func offsetsReferToTheCleanedPatternWhichTheMessageNames() throws {
        let error = try #require(refusal("data//[a"))
        #expect(error.message.contains("\"/data/[a\""))
        #expect(error.message.contains("cleaned from \"data//[a\""))
        #expect(error.message.contains("offset 6"))
    }

    @Test func closingCharactersAloneAreNotErrors() throws {
        #expect(refusal("/a]b") == nil)
        #expect(refusal("/a}b") == nil)
        #expect(refusal("/a)b") == nil)
    }
}
