import Foundation
import Testing
import TuskCore
import TuskStorage
@testable import TuskWorker

#if canImport(Glibc)
import Glibc
#endif

/// A small output file with no other name is linked into the local object store instead of
/// copied; everything else is stored by copying its bytes.
@Suite struct OutputAdoptionTests {
    private func texts(_ result: DatumRunResult, _ fixture: WorkerFixture) async throws -> [String: String] {
        var texts: [String: String] = [:]
        for output in result.outputs { texts[output.path.string] = try await fixture.text(of: output.content) }
        return texts
    }

    private func objectStatus(_ fixture: WorkerFixture, _ result: DatumRunResult, _ path: String) throws -> stat {
        let output = try #require(result.outputs.first { $0.path.string == path })
        let chunk = try #require(output.content.chunks.first)
        let file = try #require(fixture.contents.localPath(of: chunk.hash))
        var status = stat()
        #expect(lstat(file, &status) == 0)
        return status
    }

    @Test func aSmallOutputBecomesTheStoredChunkItself() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("echo adopted > /pfs/out/x; chmod 0666 /pfs/out/x; stat -c %i /pfs/out/x > /pfs/out/inode")
        #expect(result.outcome == .succeeded)
        let texts = try await texts(result, fixture)
        #expect(texts["/x"] == "adopted\n")
        let status = try objectStatus(fixture, result, "/x")
        #expect(String(status.st_ino) + "\n" == texts["/inode"])
        // The datum's name for it is gone with the slot's contents; the store's file is the
        // store's: one name, its owner, not writable by others.
        #expect(status.st_nlink == 1)
        #expect(status.st_uid == geteuid())
        #expect(status.st_mode & 0o777 == 0o644)
        #expect(try await fixture.text(of: try #require(result.outputs.first { $0.path.string == "/x" }).content) == "adopted\n")
    }

    @Test func filesWithSeveralNamesAreCopied() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("echo twice > /pfs/out/a; ln /pfs/out/a /pfs/out/b; stat -c %i /pfs/out/a > /pfs/out/inode")
        #expect(result.outcome == .succeeded)
        let texts = try await texts(result, fixture)
        #expect(texts["/a"] == "twice\n" && texts["/b"] == "twice\n")
        #expect(String(try objectStatus(fixture, result, "/a").st_ino) + "\n" != texts["/inode"])
    }

    @Test func aKeptDatumsOutputsAreCopied() async throws {
        let fixture = try WorkerFixture(keepsScratch: true)
        let result = try await fixture.runShell("echo kept > /pfs/out/x")
        #expect(result.outcome == .succeeded)
        var kept = stat()
        #expect(lstat(fixture.scratchRoot + "/default@edges@job1/d1/pfs/out/x", &kept) == 0)
        #expect(try objectStatus(fixture, result, "/x").st_ino != kept.st_ino)
    }

    @Test func anOutputAlreadyStoredIsNotLinkedAgain() async throws {
        let fixture = try WorkerFixture()
        let first = try await fixture.runShell("echo same > /pfs/out/x")
        let before = try objectStatus(fixture, first, "/x")
        let second = try await fixture.runShell("echo same > /pfs/out/y")
        #expect(second.outcome == .succeeded)
        let after = try objectStatus(fixture, second, "/y")
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_nlink == 1)
    }
}
