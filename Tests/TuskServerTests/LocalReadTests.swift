import Foundation
import Testing
import TuskClient
import TuskCore
import TuskTesting

/// Short-circuit reads against a real `tusk serve`: the daemon locates a file's chunks in its
/// local object store, the client reads and verifies them itself, and whatever it cannot use is
/// streamed from the daemon on the same resolved commit.
@Suite(.serialized) struct LocalReadTests {
    /// A daemon with one repo holding `/big.bin` (several chunks) and a connection to it.
    struct Fixture {
        let directory: TemporaryDirectory
        let daemon: TestDaemon
        let connection: TuskConnection
        let payload: Data
        let reference: FileReference

        static func start() async throws -> Fixture {
            let directory = try TemporaryDirectory(prefix: "tusk-local-read")
            let daemon = try TestDaemon(dataDirectory: directory.appending("data"))
            let connection = try TuskConnection(address: daemon.grpcAddress)
            try await connection.createRepo(try ReferenceParser.repo("images"), project: "default", description: "", update: false)
            var generator = SeededBytes(seed: 42)
            let payload = generator.next(count: 9 << 20)
            try await connection.putFile(commit: try ReferenceParser.commit("images@master"), path: "/big.bin",
                                         from: FileChunksForTest(data: payload), append: false, project: "default")
            return Fixture(directory: directory, daemon: daemon, connection: connection, payload: payload,
                           reference: try ReferenceParser.file("images@master:/big.bin"))
        }

        func stop() async {
            await connection.close()
            daemon.stop()
            directory.remove()
        }

        func locate() async throws -> LocatedFile {
            try #require(try await connection.locateFile(reference, project: "default"))
        }
    }

    @Test func theChunksLieInTheDataDirectoryAndReadBackVerified() async throws {
        let fixture = try await Fixture.start()
        let located = try await fixture.locate()
        #expect(located.size == Int64(fixture.payload.count))
        #expect(located.chunks.count > 2)
        #expect(located.chunks.reduce(0) { $0 + $1.size } == located.size)
        for chunk in located.chunks {
            #expect(chunk.path.hasPrefix("/"))
            #expect(chunk.path.contains(fixture.daemon.dataDirectory))
            #expect(FileManager.default.fileExists(atPath: chunk.path))
            #expect(chunk.sha256.count == 32)
        }
        #expect(!located.file.commit.id.isEmpty)

        var received = Data()
        let outcome = try await LocalChunkReader().read(located) { received.append($0) }
        #expect(outcome == .complete)
        #expect(received == fixture.payload)

        let offset = Int64(located.chunks[0].size + 12_345)
        var tail = Data()
        #expect(try await LocalChunkReader(readAhead: 1).read(located, offset: offset) { tail.append($0) } == .complete)
        #expect(tail == fixture.payload.dropFirst(Int(offset)))
        await fixture.stop()
    }

    @Test func aChunkThatCannotBeUsedStopsTheReadThereAndTheDaemonServesTheRest() async throws {
        let fixture = try await Fixture.start()
        let located = try await fixture.locate()
        // The third chunk is missing and the fourth holds other bytes (the first chunk's file).
        var chunks = located.chunks
        chunks[2] = LocatedFile.Chunk(path: chunks[2].path + ".gone", size: chunks[2].size, sha256: chunks[2].sha256)
        let damaged = LocatedFile(file: located.file, size: located.size, chunks: chunks)
        var received = Data()
        let outcome = try await LocalChunkReader().read(damaged) { received.append($0) }
        let stopAt = chunks[0].size + chunks[1].size
        guard case .stopped(let offset, let reason) = outcome else {
            Issue.record("the read did not stop at the missing chunk: \(outcome)")
            await fixture.stop()
            return
        }
        #expect(offset == stopAt)
        #expect(reason.contains(".gone"))
        #expect(received == fixture.payload.prefix(Int(stopAt)))

        chunks = located.chunks
        chunks[1] = LocatedFile.Chunk(path: chunks[0].path, size: chunks[1].size, sha256: chunks[1].sha256)
        let wrong = LocatedFile(file: located.file, size: located.size, chunks: chunks)
        let second = try await LocalChunkReader().read(wrong) { _ in }
        guard case .stopped(let wrongOffset, _) = second else {
            Issue.record("a chunk with other bytes was accepted: \(second)")
            await fixture.stop()
            return
        }
        #expect(wrongOffset == chunks[0].size)

        let rest = DataBox()
        try await fixture.connection.getFile(damaged, offset: offset) { await rest.append($0) }
        #expect(received + (await rest.data) == fixture.payload)
        await fixture.stop()
    }

    @Test func theFallbackReadsTheLocatedVersionAfterTheBranchMoved() async throws {
        let fixture = try await Fixture.start()
        let located = try await fixture.locate()
        try await fixture.connection.putFile(commit: try ReferenceParser.commit("images@master"), path: "/big.bin",
                                             from: FileChunksForTest(data: Data("replaced".utf8)), append: false, project: "default")
        let received = DataBox()
        try await fixture.connection.getFile(located, offset: 0) { await received.append($0) }
        #expect(await received.data == fixture.payload)
        let newer = try #require(try await fixture.connection.locateFile(fixture.reference, project: "default"))
        #expect(newer.size == 8)
        #expect(newer.file.commit.id != located.file.commit.id)
        await fixture.stop()
    }

    @Test func refusalsAboutTheFileAreThrownAsGetFileWouldThrowThem() async throws {
        let fixture = try await Fixture.start()
        do {
            _ = try await fixture.connection.locateFile(try ReferenceParser.file("images@master:/nothing-here"), project: "default")
            Issue.record("locating a missing file succeeded")
        } catch let error as TuskError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("/nothing-here"))
        }
        await fixture.stop()
    }
}
