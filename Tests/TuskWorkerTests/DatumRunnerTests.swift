import Foundation
import Testing
import TuskCore
import TuskStorage
@testable import TuskWorker

@Suite("Running a datum's transform")
struct DatumRunnerTests {
    @Test func transformCopiesInputToOutput() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "hello\n")
        let result = try await fixture.runShell("cat /pfs/in/a.txt > /pfs/out/a.txt", inputs: [fixture.input(files: [file])])
        #expect(result.outcome == .succeeded)
        #expect(result.exitCode == 0)
        #expect(result.outputs.map(\.path.string) == ["/a.txt"])
        let output = try #require(result.outputs.first)
        #expect(try await fixture.text(of: output.content) == "hello\n")
        #expect(result.stats.downloadBytes == 6)
        #expect(result.stats.uploadBytes == 6)
    }

    @Test func environmentCarriesPachydermVariables() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/dir/a.txt", "x")
        let input = fixture.input(matchedPath: "/dir/a.txt", files: [file], joinOn: "key1")
        let unit = fixture.unit(["sh", "-c", "env > /pfs/out/env"], inputs: [input], configure: { $0.env = ["GREETING": "hi", "PACH_DATUM_ID": "spoofed"] })
        let result = try await fixture.runner.run(unit, log: { _ in })
        let output = try #require(result.outputs.first)
        let lines = Set(try await fixture.text(of: output.content).split(separator: "\n").map(String.init))
        for expected in [
            "in=/pfs/in/dir/a.txt", "in_COMMIT=c0ffeein", "PACH_DATUM_in_JOIN_ON=key1", "PACH_DATUM_ID=d1",
            "PACH_JOB_ID=job1", "PACH_OUTPUT_COMMIT_ID=job1", "PPS_PIPELINE_NAME=edges", "PPS_PROJECT_NAME=default", "GREETING=hi",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(lines.contains { $0.hasPrefix("PATH=") })
    }

    @Test func rootMatchExposesTheInputDirectory() {
        let input = DatumInput(name: "images", repo: "images", branch: "master", commitID: "c", matchedPath: "/", files: [])
        #expect(DatumEnvironment.localPath(of: input) == "/pfs/images")
    }

    @Test func standardInputLinesReachTheCommand() async throws {
        let fixture = try WorkerFixture()
        let unit = fixture.unit(["sh"], configure: { $0.stdin = ["echo one > /pfs/out/x", "echo two >> /pfs/out/x"] })
        let result = try await fixture.runner.run(unit, log: { _ in })
        let output = try #require(result.outputs.first)
        #expect(try await fixture.text(of: output.content) == "one\ntwo\n")
    }

    @Test func acceptedReturnCodeSucceeds() async throws {
        let fixture = try WorkerFixture()
        let unit = fixture.unit(["sh", "-c", "echo ok > /pfs/out/ok; exit 3"], configure: { $0.acceptReturnCodes = [3] })
        let result = try await fixture.runner.run(unit, log: { _ in })
        #expect(result.outcome == .succeeded)
        #expect(result.exitCode == 3)
        #expect(result.outputs.count == 1)
    }

    @Test func nonzeroExitFailsWithStandardErrorTail() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("echo partial > /pfs/out/p; echo boom >&2; exit 2")
        #expect(result.outcome.failureReason?.contains("exited with code 2") == true)
        #expect(result.exitCode == 2)
        #expect(result.stderrTail.contains("boom"))
        #expect(result.outputs.isEmpty)
    }

    @Test func standardErrorTailKeepsOnlyTheEnd() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("i=0; while [ $i -lt 2000 ]; do echo line$i >&2; i=$((i+1)); done; exit 1")
        #expect(result.stderrTail.utf8.count <= TransformExecution.standardErrorTailBytes)
        #expect(result.stderrTail.hasSuffix("line1999\n"))
    }

    @Test func missingProgramFailsNamingIt() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runner.run(fixture.unit(["no-such-program-xyz"]), log: { _ in })
        #expect(result.outcome.failureReason?.contains("no-such-program-xyz") == true)
    }

    @Test func outputLinesArriveThroughLogInOrder() async throws {
        let fixture = try WorkerFixture()
        let recorder = LogRecorder()
        _ = try await fixture.runShell("i=1; while [ $i -le 200 ]; do echo line $i; i=$((i+1)); done; echo problem >&2", log: recorder.deliver)
        let output = recorder.recorded.filter { $0.stream == .stdout }.map(\.text)
        #expect(output == (1...200).map { "line \($0)" })
        #expect(recorder.recorded.filter { $0.stream == .stderr }.map(\.text) == ["problem"])
    }

    @Test func workingDirectoryAndUserApply() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "x")
        let unit = fixture.unit(["sh", "-c", "pwd > /pfs/out/pwd; id -u > /pfs/out/uid"], inputs: [fixture.input(files: [file])], configure: {
            $0.workingDirectory = "/pfs/in"
            $0.user = "65534"
        })
        let result = try await fixture.runner.run(unit, log: { _ in })
        #expect(result.outcome == .succeeded)
        let texts = try await result.outputs.asyncMap { try await fixture.text(of: $0.content) }
        #expect(texts == ["/pfs/in\n", "65534\n"])
    }

    /// A named user gets exactly the groups the host's group database gives it (what
    /// `initgroups` would set), none of the daemon's own.
    @Test func aNamedUserRunsWithItsOwnGroups() async throws {
        let fixture = try WorkerFixture()
        let unit = fixture.unit(["sh", "-c", "id -un > /pfs/out/name; id -G > /pfs/out/groups"], configure: { $0.user = "nobody" })
        let result = try await fixture.runner.run(unit, log: { _ in })
        #expect(result.outcome == .succeeded)
        let texts = try await result.outputs.sorted { $0.path.string < $1.path.string }.asyncMap { try await fixture.text(of: $0.content) }
        let host = Process()
        host.executableURL = URL(fileURLWithPath: "/usr/bin/id")
        host.arguments = ["-G", "nobody"]
        let pipe = Pipe()
        host.standardOutput = pipe
        try host.run()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        host.waitUntilExit()
        #expect(texts == [expected, "nobody\n"])
        #expect(!expected.split(separator: " ").contains("0"))
    }

    @Test func errorCommandRecoversTheDatum() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/a.txt", "x")
        let unit = fixture.unit(["false"], inputs: [fixture.input(files: [file])], configure: {
            $0.errorCommand = ["sh"]
            $0.errorStdin = ["test -f /pfs/in/a.txt"]
        })
        #expect(try await fixture.runner.run(unit, log: { _ in }).outcome != .succeeded)
        let recovery = try await fixture.runner.runErrorCommand(unit, log: { _ in })
        #expect(recovery.recovered)
        #expect(recovery.outputs.isEmpty)
    }


    /// Every pipeline downstream of one commit runs a job with the same id, and datum ids depend
    /// only on the input: two pipelines' datums over the same file must not share a directory.
    @Test func twoPipelinesRunTheSameDatumAtOnceWithoutSharingADirectory() async throws {
        let fixture = try WorkerFixture()
        let file = try await fixture.inputFile("/x.txt", "hello")
        let inputs = [fixture.input(files: [file])]
        let first = DatumWorkUnit(jobID: "job1", datumID: "d1", pipeline: "a", project: "default", outputCommitID: "job1",
                                  inputs: inputs, transform: TransformSpec(cmd: ["sh", "-c", "sleep 1; cp /pfs/in/x.txt /pfs/out/a"]))
        let second = DatumWorkUnit(jobID: "job1", datumID: "d1", pipeline: "b", project: "default", outputCommitID: "job1",
                                   inputs: inputs, transform: TransformSpec(cmd: ["sh", "-c", "sleep 1; cp /pfs/in/x.txt /pfs/out/b"]))
        async let one = fixture.runner.run(first, log: { _ in })
        async let two = fixture.runner.run(second, log: { _ in })
        let results = try await [one, two]
        #expect(results.map(\.outcome) == [.succeeded, .succeeded])
        #expect(results.map { $0.outputs.map(\.path.string) } == [["/a"], ["/b"]])
        for result in results {
            let content = try #require(result.outputs.first?.content)
            #expect(try await fixture.text(of: content) == "hello")
        }
    }
}

extension Array {
    func asyncMap<Mapped>(_ transform: (Element) async throws -> Mapped) async rethrows -> [Mapped] {
        var result: [Mapped] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
