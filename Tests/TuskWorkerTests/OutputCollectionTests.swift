import Foundation
import Testing
import TuskCore
import TuskStorage
@testable import TuskWorker

@Suite("Collecting /pfs/out refuses escapes")
struct OutputCollectionTests {
    /// Scripts that leave something in /pfs/out that must not become output, and the path the
    /// failure must name.
    static let escapes: [(script: String, path: String)] = [
        ("ln -s /etc/passwd /pfs/out/passwd", "/passwd"),
        ("mkdir /pfs/out/d; ln -s ../../../etc/passwd /pfs/out/d/up", "/d/up"),
        ("ln -s ../../x /pfs/out/climb", "/climb"),
        ("echo secret > /pfs/.scratch/f; ln -s /pfs/.scratch/f /pfs/out/scratch", "/scratch"),
        ("ln -s /tmp/other-datum/pfs/out/x /pfs/out/foreign", "/foreign"),
        ("ln -s loop2 /pfs/out/loop1; ln -s loop1 /pfs/out/loop2", "/loop1"),
        ("ln -s /pfs/in/missing.txt /pfs/out/missing", "/missing"),
        ("mkfifo /pfs/out/pipe", "/pipe"),
        ("touch '/pfs/out/a*b'", "/a*b"),
        ("echo x > /pfs/.scratch/h; ln /pfs/.scratch/h /pfs/out/hard", "/hard"),
    ]

    @Test(arguments: escapes)
    func escapeFailsTheDatumNamingThePath(script: String, path: String) async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "input")
        let result = try await fixture.runShell("echo fine > /pfs/out/0-ok; " + script, inputs: [fixture.input(files: [file])])
        let reason = try #require(result.outcome.failureReason, "expected a failure for \(script), got \(result.outcome)")
        #expect(reason.contains(path), "reason \"\(reason)\" does not name \(path)")
        #expect(result.outputs.isEmpty)
    }

    @Test func symlinksIntoInputsBecomeReferencesWithoutStoringBytes() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/dir/a.txt", "referenced bytes")
        let chunksBefore = try await fixture.chunkCount()
        let script = "ln -s /pfs/in/dir/a.txt /pfs/out/absolute; mkdir /pfs/out/sub; ln -s ../../in/dir/a.txt /pfs/out/sub/relative; ln -s /pfs/in/dir /pfs/out/whole"
        let result = try await fixture.runShell(script, inputs: [fixture.input(files: [file])])
        #expect(result.outcome == .succeeded)
        let inputPath = try FilePath(validating: "/dir/a.txt")
        let content = FileContent(chunks: file.chunks.map { ChunkRef(hash: $0.hash, size: $0.size) })
        #expect(result.outputs == [
            .reference(path: try FilePath(validating: "/absolute"), input: "in", inputPath: inputPath, content: content),
            .reference(path: try FilePath(validating: "/sub/relative"), input: "in", inputPath: inputPath, content: content),
            .reference(path: try FilePath(validating: "/whole/a.txt"), input: "in", inputPath: inputPath, content: content),
        ])
        #expect(try await fixture.chunkCount() == chunksBefore)
        #expect(result.stats.uploadBytes == 0)
    }

    @Test func hardLinkToAHostFileIsRefused() async throws {
        let directory = try TemporaryDirectoryForCollector()
        try Data("host secret".utf8).write(to: URL(fileURLWithPath: directory.host))
        #expect(link(directory.host, directory.out + "/stolen") == 0)
        let fixture = try WorkerFixture()
        let collector = OutputCollector(contents: fixture.contents, inputs: [])
        let error = await #expect(throws: OutputRefusal.self) { try await collector.collect(outDirectory: directory.out) }
        #expect(error?.reason.contains("/stolen") == true)
    }

    @Test func hardLinksWithinOutAreKept() async throws {
        let directory = try TemporaryDirectoryForCollector()
        try Data("twice".utf8).write(to: URL(fileURLWithPath: directory.out + "/a"))
        #expect(link(directory.out + "/a", directory.out + "/b") == 0)
        let fixture = try WorkerFixture()
        let collected = try await OutputCollector(contents: fixture.contents, inputs: []).collect(outDirectory: directory.out)
        #expect(collected.entries.map(\.path.string) == ["/a", "/b"])
    }

    @Test func replacedOutDirectoryIsRefused() async throws {
        let directory = try TemporaryDirectoryForCollector()
        try FileManager.default.removeItem(atPath: directory.out)
        try FileManager.default.createSymbolicLink(atPath: directory.out, withDestinationPath: "/etc")
        let fixture = try WorkerFixture()
        await #expect(throws: OutputRefusal.self) {
            try await OutputCollector(contents: fixture.contents, inputs: []).collect(outDirectory: directory.out)
        }
    }

    @Test(arguments: [
        ("/pfs/in/a.txt", ["sub"], ["pfs", "in", "a.txt"]),
        ("../../in/a.txt", ["sub"], ["pfs", "in", "a.txt"]),
        ("../x", [], ["pfs", "x"]),
        ("/../../etc", [], ["etc"]),
    ])
    func symlinkTargetsResolveLexically(target: String, directory: [String], expected: [String]) {
        #expect(SymlinkTarget.resolve(target, linkDirectory: directory) == expected)
    }

    @Test func symlinkClimbingAboveRootStaysAtRootAndOnlyInputsQualify() {
        #expect(SymlinkTarget.resolve("../../../../x", linkDirectory: []) == ["x"])
        #expect(SymlinkTarget.resolve("../../../../pfs/in/a", linkDirectory: []) == ["pfs", "in", "a"])
        #expect(SymlinkTarget.inputLocation(of: ["pfs", "out", "x"]) == nil)
        #expect(SymlinkTarget.inputLocation(of: ["pfs", ".scratch", "x"]) == nil)
        #expect(SymlinkTarget.inputLocation(of: ["etc", "passwd"]) == nil)
    }
}

/// An `out` directory and a host file beside it, for driving the collector directly.
final class TemporaryDirectoryForCollector {
    let root: String
    var out: String { root + "/out" }
    var host: String { root + "/host-file" }

    init() throws {
        root = NSTemporaryDirectory() + "tusk-collector-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
