import Foundation
import Testing
import TuskCore
@testable import TuskWorker

#if canImport(Glibc)
import Glibc
#endif

/// Datums run in reusable slot directories: emptied after each datum, handed to the next one,
/// kept aside on request, and cleaned up after a process that died.
@Suite struct ScratchSlotsTests {
    /// Every path below `root`, relative to it, sorted.
    private func tree(_ root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.sorted()
    }

    private func slotRoots(_ fixture: WorkerFixture) -> [String] {
        tree(fixture.scratchRoot).filter { $0.hasPrefix(".slots-") && $0.split(separator: "/").count == 2 }
    }

    @Test func aFinishedDatumLeavesOnlyAnEmptySlot() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/dir/a.txt", "x")
        let unit = fixture.unit(["sh", "-c", "cat > /pfs/out/copy; mkdir -p /pfs/out/d/e /pfs/.scratch/t; echo s > /pfs/.scratch/t/f; ln -s /pfs/in /pfs/out/link"],
                                inputs: [fixture.input(files: [file])], configure: { $0.stdin = ["line"] })
        let result = try await fixture.runner.run(unit, log: { _ in })
        #expect(result.outcome == .succeeded)
        let slots = slotRoots(fixture)
        try #require(slots.count == 1)
        let slot = fixture.scratchRoot + "/" + slots[0]
        #expect(tree(slot) == ["pfs", "pfs/.scratch", "pfs/out"])
        #expect(!FileManager.default.fileExists(atPath: fixture.scratchRoot + "/default@edges@job1/d1"))
    }

    @Test func consecutiveDatumsReuseOneSlotAndSeeItEmpty() async throws {
        let fixture = try WorkerFixture()
        let script = "l=$(ls -A /pfs/out /pfs/.scratch); echo \"$l\" > /pfs/out/listing; stat -c %i /pfs/out > /pfs/out/inode; echo junk > /pfs/.scratch/junk"
        var inodes: [String] = []
        for datum in ["d1", "d2", "d3"] {
            let result = try await fixture.runner.run(fixture.unit(["sh", "-c", script], datum: datum), log: { _ in })
            #expect(result.outcome == .succeeded)
            var texts: [String: String] = [:]
            for output in result.outputs { texts[output.path.string] = try await fixture.text(of: output.content) }
            #expect(texts["/listing"] == "/pfs/.scratch:\n\n/pfs/out:\n")
            inodes.append(texts["/inode"] ?? "")
        }
        #expect(Set(inodes).count == 1)
        #expect(slotRoots(fixture).count == 1)
    }

    @Test func aReplacedOutDirectoryIsRebuiltForTheNextDatum() async throws {
        let fixture = try WorkerFixture()
        let first = try await fixture.runShell("rm -rf /pfs/out; ln -s /tmp /pfs/out")
        #expect(first.outcome != .succeeded)
        let second = try await fixture.runShell("echo fine > /pfs/out/ok")
        #expect(second.outcome == .succeeded)
        #expect(second.outputs.map(\.path.string) == ["/ok"])
    }

    @Test func aUsersSlotIsHandedBackToTheDaemonsUser() async throws {
        let fixture = try WorkerFixture()
        let asNobody = fixture.unit(["sh", "-c", "chmod 0700 /pfs/out; echo x > /pfs/out/x"], configure: { $0.user = "65534" })
        #expect(try await fixture.runner.run(asNobody, log: { _ in }).outcome == .succeeded)
        let slot = fixture.scratchRoot + "/" + (slotRoots(fixture).first ?? "")
        for directory in ["out", ".scratch"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: slot + "/pfs/" + directory)
            #expect((attributes[.ownerAccountID] as? NSNumber)?.uint32Value == geteuid())
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o755)
        }
    }

    @Test func aKeptDatumMovesToItsNamedDirectory() async throws {
        let fixture = try WorkerFixture(keepsScratch: true)
        let result = try await fixture.runShell("echo kept > /pfs/out/k")
        #expect(result.outcome == .succeeded)
        let kept = fixture.scratchRoot + "/default@edges@job1/d1"
        #expect(FileManager.default.contents(atPath: kept + "/pfs/out/k") == Data("kept\n".utf8))
        #expect(slotRoots(fixture).isEmpty)
    }

    @Test func poolsOfEndedProcessesAreRemovedAndLiveOnesKept() async throws {
        let fixture = try WorkerFixture()
        // A pid far above any this machine hands out (pid_max is at most 2^22), and our parent.
        let abandoned = fixture.scratchRoot + "/.slots-4194400-old/1/pfs/out"
        let live = fixture.scratchRoot + "/.slots-\(getppid())-other/1/pfs/out"
        for path in [abandoned, live] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        FileManager.default.createFile(atPath: abandoned + "/left", contents: Data("x".utf8))
        #expect(try await fixture.runShell("true").outcome == .succeeded)
        #expect(!FileManager.default.fileExists(atPath: fixture.scratchRoot + "/.slots-4194400-old"))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
