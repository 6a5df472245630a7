import Testing
@testable import TuskCore

/// Validation and normalisation of client-supplied paths.
struct FilePathTests {
    private func isRefused(_ raw: String, forWriting: Bool = false) -> Bool {
        do {
            _ = try FilePath(validating: raw, forWriting: forWriting)
            return false
        } catch let error as TuskError {
            return error.code == .invalidArgument
        } catch {
            return false
        }
    }

    @Test func normalisesDoubledSlashesDotsAndTrailingSlash() throws {
        let path = try FilePath(validating: "a//b/./c/")
        #expect(path.components == ["a", "b", "c"])
        #expect(path.string == "/a/b/c")
        #expect(path.directoryString == "/a/b/c/")
    }

    @Test func emptyAndSlashesAreTheRoot() throws {
        for raw in ["", "/", "///", "./", "/./."] {
            let path = try FilePath(validating: raw)
            #expect(path.isRoot, "\(raw)")
            #expect(path.string == "/")
            #expect(path.directoryString == "/")
        }
    }

    @Test func refusesParentDirectoryComponents() {
        #expect(isRefused(".."))
        #expect(isRefused("/a/../b"))
        #expect(isRefused("a/.."))
        #expect(!isRefused("/a/.../b"))
        #expect(!isRefused("/a/..b"))
    }

    @Test func refusesNulAndControlCharacters() {
        #expect(isRefused("/a\u{0}b"))
        #expect(isRefused("/a\nb"))
        #expect(isRefused("/a\tb"))
        #expect(isRefused("/a\u{7f}"))
        #expect(!isRefused("/ünïcode ok"))
    }

    @Test func refusesGlobCharactersOnlyWhenWriting() {
        for raw in ["/a*b", "/a?", "/[x]", "/{a}", "/!(x)", "/a@b", "/a+b", "/a^b"] {
            #expect(isRefused(raw, forWriting: true), "\(raw)")
            #expect(!isRefused(raw), "\(raw)")
        }
        #expect(!isRefused("/plain-name_1.txt", forWriting: true))
    }

    @Test func enforcesLengthLimits() {
        #expect(!isRefused("/" + String(repeating: "a", count: 255)))
        #expect(isRefused("/" + String(repeating: "a", count: 256)))
        #expect(isRefused("/" + String(repeating: "é", count: 128)))
        let longPath = Array(repeating: String(repeating: "d", count: 100), count: 41).joined(separator: "/")
        #expect(isRefused(longPath))
        let fittingPath = Array(repeating: String(repeating: "d", count: 100), count: 40).joined(separator: "/")
        #expect(!isRefused(fittingPath))
    }

    @Test func ordersByTheAbsolutePathBytes() throws {
        let file = try FilePath(validating: "/a.txt")
        let nested = try FilePath(validating: "/a/b")
        #expect(file < nested)
        let sorted = try ["/a/b", "/a", "/a.txt", "/b", "/a-c"].map { try FilePath(validating: $0) }.sorted()
        #expect(sorted.map(\.string) == ["/a", "/a-c", "/a.txt", "/a/b", "/b"])
    }

    @Test func navigation() throws {
        let path = try FilePath(validating: "/a/b/c")
        #expect(path.name == "c")
        #expect(path.parent?.string == "/a/b")
        #expect(FilePath.root.parent == nil)
        #expect(path.appending("d").string == "/a/b/c/d")
        let base = try FilePath(validating: "/a")
        #expect(path.hasPrefix(base))
        #expect(!base.hasPrefix(path))
        #expect(!(try FilePath(validating: "/ab")).hasPrefix(base))
        #expect(path.relative(to: base)?.string == "/b/c")
        #expect(base.appending(try FilePath(validating: "x/y")).string == "/a/x/y")
    }
}
