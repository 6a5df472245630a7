import Foundation
import Testing
import TuskCore
@testable import TuskWorker

/// The daemon forks datum launchers from one long-lived zygote instead of executing `tusk`
/// per datum; these tests check that datums really go through it and survive its death.
@Suite("Datum launchers come from the zygote")
struct ZygoteTests {
    /// A script that writes the command line of the launcher's parent (the zygote) and its pid,
    /// one per line, to `file` (atomically, so a reader never sees half of it).
    static func recordZygote(to file: String) -> String {
        "grandparent=$(awk '{print $4}' /proc/$PPID/stat); { tr '\\0' ' ' < /proc/$grandparent/cmdline; echo; echo $grandparent; } > \(file).tmp; mv \(file).tmp \(file)"
    }

    @Test func launchersAreForkedByTheZygote() async throws {
        let fixture = try WorkerFixture()
        let record = fixture.directory.appending("zygote.txt")
        let result = try await fixture.runShell(Self.recordZygote(to: record) + "; echo ok > /pfs/out/ok")
        #expect(result.outcome == .succeeded)
        let text = try String(contentsOfFile: record, encoding: .utf8)
        #expect(text.contains(DatumZygoteProcess.verb))
        #expect(result.outputs.map(\.path.string) == ["/ok"])
    }

    /// The zygote runs with `LD_BIND_NOW`; user code gets the datum's environment only.
    @Test func theZygotesOwnEnvironmentDoesNotReachUserCode() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("env > /pfs/out/env")
        #expect(result.outcome == .succeeded)
        let environment = try await fixture.text(of: try #require(result.outputs.first?.content))
        #expect(environment.contains("PACH_DATUM_ID="))
        #expect(!environment.contains("LD_BIND_NOW"))
    }

    /// The zygote ignores SIGPIPE and blocks SIGCHLD for itself; user code starts with every
    /// standard signal at its default and no signal blocked. (Signals 32 and 33 belong to the C
    /// library's threads and cannot be reset through it; they keep what the daemon inherited.)
    @Test func userCodeStartsWithDefaultSignals() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("grep -E '^Sig(Ign|Blk):' /proc/self/status > /pfs/out/signals")
        #expect(result.outcome == .succeeded)
        let text = try await fixture.text(of: try #require(result.outputs.first?.content))
        var masks: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { masks[String(parts[0])] = UInt64(parts[1], radix: 16) }
        }
        #expect(masks["SigBlk:"] == 0)
        #expect(masks["SigIgn:"].map { $0 & 0x7fff_ffff } == 0)
    }

    @Test func oneZygoteServesManyConcurrentDatums() async throws {
        let fixture = try WorkerFixture()
        let directory = fixture.directory.appending("parents")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let results = try await withThrowingTaskGroup(of: DatumRunResult.self) { group in
            for index in 0..<8 {
                let unit = fixture.unit(["sh", "-c", Self.recordZygote(to: "\(directory)/\(index)") + "; echo \(index) > /pfs/out/n"], datum: "d\(index)")
                group.addTask { try await fixture.runner.run(unit, log: { _ in }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.outcome == .succeeded })
        var zygotes: Set<String> = []
        for index in 0..<8 {
            let lines = try String(contentsOfFile: "\(directory)/\(index)", encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.contains(DatumZygoteProcess.verb) == true)
            #expect(lines.count == 2)
            if let pid = lines.last { zygotes.insert(String(pid)) }
        }
        #expect(zygotes.count == 1)
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for result in results {
                let content = try #require(result.outputs.first?.content)
                group.addTask { try await fixture.text(of: content) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(outputs == Set((0..<8).map { "\($0)\n" }))
    }

    @Test func aDeadZygoteKillsItsDatumsAndTheNextDatumGetsANewOne() async throws {
        let fixture = try WorkerFixture()
        let record = fixture.directory.appending("first.txt")
        let running = Task {
            // A short sleep: a zygote killed outright cannot take the command's own group with it.
            try await fixture.runShell(Self.recordZygote(to: record) + "; sleep 30")
        }
        let waitStart = ContinuousClock.now
        var zygote: Int32?
        while zygote == nil, ContinuousClock.now - waitStart < .seconds(60) {
            let lines = (try? String(contentsOfFile: record, encoding: .utf8))?.split(separator: "\n") ?? []
            if lines.count == 2 { zygote = Int32(lines[1]) } else { try await Task.sleep(for: .milliseconds(50)) }
        }
        let pid = try #require(zygote)
        #expect(kill(pid, SIGKILL) == 0)
        let first = try await running.value
        #expect(first.outcome == .killed(signal: SIGKILL))

        let secondRecord = fixture.directory.appending("second.txt")
        let second = try await fixture.runShell(Self.recordZygote(to: secondRecord))
        #expect(second.outcome == .succeeded)
        let secondLines = try String(contentsOfFile: secondRecord, encoding: .utf8).split(separator: "\n")
        #expect(secondLines.first?.contains(DatumZygoteProcess.verb) == true)
        #expect(secondLines.last.map(String.init) != String(pid))
    }

    @Test func messagesSurviveEncoding() throws {
        let messages: [ZygoteMessage] = [
            .spawn(id: 7, arguments: ["--read-only", "/x", "/root", "-", "--", "sh", "-c", "echo \"hi\""], environment: ["A=1", "B=x=y"], standardInputPath: "/tmp/in"),
            .signal(id: 7, signal: SIGTERM), .killGroup(id: 8), .started(id: 9, pid: 1234),
            .spawnFailed(id: 10, reason: "fork: no memory"), .exited(id: 11, status: 0x0900),
        ]
        for message in messages {
            #expect(ZygoteMessage(decoding: try message.encoded()) == message)
        }
        let spawn = try messages[0].encoded()
        #expect(ZygoteMessage(decoding: Array(spawn.dropLast())) == nil)
        #expect(ZygoteMessage(decoding: spawn + [0]) == nil)
        #expect(ZygoteMessage(decoding: [99] + spawn.dropFirst()) == nil)
        #expect(ZygoteMessage(decoding: []) == nil)
        #expect(ZygoteMessage(decoding: Array("not a message".utf8)) == nil)
    }
}
