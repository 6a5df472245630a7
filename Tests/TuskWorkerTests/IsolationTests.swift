import Foundation
import Testing
import TuskCore
import TuskStorage
@testable import TuskWorker

@Suite("Each datum sees its own /pfs, inputs read-only")
struct IsolationTests {
    @Test func inputsAreReadOnlyAndTheStoreIsUnchanged() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "original")
        let chunk = try #require(file.chunks.first)
        let objectPath = fixture.objectsRoot + "/" + ContentStore.key(for: chunk.hash).path
        let script = """
        echo changed > /pfs/in/a.txt 2>> /pfs/out/errors || echo write-refused >> /pfs/out/status
        rm -f /pfs/in/a.txt 2>> /pfs/out/errors || echo delete-refused >> /pfs/out/status
        chmod 777 /pfs/in/a.txt 2>> /pfs/out/errors || echo chmod-refused >> /pfs/out/status
        echo changed > \(objectPath) 2>> /pfs/out/errors || echo store-refused >> /pfs/out/status
        true
        """
        let result = try await fixture.runShell(script, inputs: [fixture.input(files: [file])])
        #expect(result.outcome == .succeeded)
        let byPath = Dictionary(uniqueKeysWithValues: result.outputs.map { ($0.path.string, $0.content) })
        let status = try await fixture.text(of: try #require(byPath["/status"]))
        #expect(status == "write-refused\ndelete-refused\nchmod-refused\nstore-refused\n")
        #expect(try await fixture.text(of: try #require(byPath["/errors"])).contains("Read-only file system"))
        #expect(try await fixture.contents.chunk(ChunkRef(hash: chunk.hash, size: chunk.size)) == Data("original".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: objectPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test func singleChunkInputsAreHardLinkedFromTheStore() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "linked")
        let result = try await fixture.runShell("stat -c %h /pfs/in/a.txt > /pfs/out/links", inputs: [fixture.input(files: [file])])
        let output = try #require(result.outputs.first)
        #expect(try await fixture.text(of: output.content) == "2\n")
    }

    @Test func emptyFilesInputsHaveNamesButNoBytes() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "content")
        var input = fixture.input(files: [file])
        input.emptyFiles = true
        let result = try await fixture.runShell("stat -c %s /pfs/in/a.txt > /pfs/out/size", inputs: [input])
        #expect(try await fixture.text(of: try #require(result.outputs.first).content) == "0\n")
    }

    @Test func concurrentDatumsEachSeeOnlyTheirOwnPfs() async throws {
        let fixture = try WorkerFixture()
        let first = try await fixture.inputFile("/first.txt", "1")
        let second = try await fixture.inputFile("/second.txt", "2")
        let script = "sleep 0.5; ls /pfs/in > /pfs/out/listing; ls -a /pfs/out >> /pfs/out/listing"
        async let one = fixture.runner.run(fixture.unit(["sh", "-c", script], inputs: [fixture.input(files: [first])], datum: "one"), log: { _ in })
        async let two = fixture.runner.run(fixture.unit(["sh", "-c", script], inputs: [fixture.input(files: [second])], datum: "two"), log: { _ in })
        let results = try await [one, two]
        let listings = try await results.asyncMap { try await fixture.text(of: try #require($0.outputs.first).content) }
        #expect(listings[0] == "first.txt\n.\n..\nlisting\n")
        #expect(listings[1] == "second.txt\n.\n..\nlisting\n")
    }
}
