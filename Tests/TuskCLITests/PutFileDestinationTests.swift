import Foundation
import Testing
import TuskCore
@testable import TuskCLI

@Suite struct PutFileDestinationTests {
    @Test func noPathUsesTheBaseName() throws {
        #expect(try PutFileDestination.resolve(source: .local("/tmp/x/liberty.png"), path: nil, sourceCount: 1, recursive: false, fullPath: false) == "/liberty.png")
    }

    @Test func fullPathKeepsTheLocalPath() throws {
        #expect(try PutFileDestination.resolve(source: .local("data/a/b.txt"), path: nil, sourceCount: 1, recursive: false, fullPath: true) == "/data/a/b.txt")
    }

    @Test func stdinWithoutPathIsRefused() {
        #expect(throws: TuskError.self) {
            try PutFileDestination.resolve(source: .standardInput, path: nil, sourceCount: 1, recursive: false, fullPath: false)
        }
    }

    @Test func oneSourceWithPathIsThatExactPath() throws {
        #expect(try PutFileDestination.resolve(source: .local("a.txt"), path: "/renamed.txt", sourceCount: 1, recursive: false, fullPath: false) == "/renamed.txt")
        #expect(try PutFileDestination.resolve(source: .standardInput, path: "x/y", sourceCount: 1, recursive: false, fullPath: false) == "/x/y")
    }

    @Test func trailingSlashMakesADirectory() throws {
        #expect(try PutFileDestination.resolve(source: .local("dir/a.txt"), path: "/in/", sourceCount: 1, recursive: false, fullPath: false) == "/in/a.txt")
    }

    @Test func severalSourcesTreatPathAsDirectory() throws {
        #expect(try PutFileDestination.resolve(source: .local("a.txt"), path: "/in", sourceCount: 2, recursive: false, fullPath: false) == "/in/a.txt")
    }

    @Test func recursiveWithFullPathNestsTheSourceName() throws {
        #expect(try PutFileDestination.resolve(source: .local("dir"), path: "/in", sourceCount: 1, recursive: true, fullPath: true) == "/in/dir")
    }

    @Test func urlsBecomeURLSourcesNamedAfterTheirLastSegment() throws {
        let source = PutFileSource("https://example.com/data/file.csv?x=1")
        #expect(source == .url("https://example.com/data/file.csv?x=1"))
        #expect(try PutFileDestination.resolve(source: source, path: nil, sourceCount: 1, recursive: false, fullPath: false) == "/file.csv")
        #expect(PutFileSource("-") == .standardInput)
        #expect(PutFileSource("local/file") == .local("local/file"))
    }

    @Test func recursivePlanKeepsRelativePathsInOneList() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/a.txt"))
        try Data("bb".utf8).write(to: URL(fileURLWithPath: root + "/sub/b.txt"))
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try PutFilePlan.make(sources: [.local(root)], path: "/dst", recursive: true, fullPath: false)
        #expect(plan.items.map(\.destination) == ["/dst/a.txt", "/dst/sub/b.txt"])
        #expect(plan.totalBytes == 3)
    }

    @Test func directoryWithoutRecursiveIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: TuskError.self) { try PutFilePlan.make(sources: [.local(root)], path: nil, recursive: false, fullPath: false) }
    }
}
