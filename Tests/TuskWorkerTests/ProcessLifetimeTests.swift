import Foundation
import Testing
import TuskCore
@testable import TuskWorker

@Suite("User code never outlives its datum")
struct ProcessLifetimeTests {
    @Test func timeoutKillsTheCommandAndItsChildren() async throws {
        let fixture = try WorkerFixture()
        let pidFile = fixture.directory.appending("child.pid")
        let unit = fixture.unit(["sh", "-c", "sleep 1000 & echo $! > \(pidFile); sleep 100"], timeout: .seconds(1))
        let started = ContinuousClock.now
        let result = try await fixture.runner.run(unit, log: { _ in })
        let elapsed = ContinuousClock.now - started
        #expect(result.outcome == .timedOut(after: .seconds(1)))
        // Far below the 100 s the command would run: the kill came from the timeout (no tight
        // bound, so a loaded CI machine does not fail the test).
        #expect(elapsed < .seconds(60))
        let child = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!processExists(child))
    }

    @Test func timeoutEscalatesToKillWhenTermIsIgnored() async throws {
        let fixture = try WorkerFixture()
        let unit = fixture.unit(["sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"], timeout: .milliseconds(500))
        let started = ContinuousClock.now
        let result = try await fixture.runner.run(unit, log: { _ in })
        #expect(result.outcome == .timedOut(after: .milliseconds(500)))
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func backgroundProcessesAreKilledWhenTheCommandSucceeds() async throws {
        let fixture = try WorkerFixture()
        let pidFile = fixture.directory.appending("orphan.pid")
        let sessionPidFile = fixture.directory.appending("session.pid")
        let script = "(sleep 1000 & echo $! > \(pidFile)); setsid sleep 1000 & echo $! > \(sessionPidFile); echo done > /pfs/out/x"
        let result = try await fixture.runShell(script)
        #expect(result.outcome == .succeeded)
        for file in [pidFile, sessionPidFile] {
            let orphan = try #require(Int32(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(!processExists(orphan))
        }
    }

    /// The command is spawned sharing the launcher's memory until it execs; the parent-death
    /// signal it sets on the way must still kill it when its launcher is killed outright.
    @Test func aLauncherKilledOutrightTakesItsCommandWithIt() async throws {
        let fixture = try WorkerFixture()
        let pidFile = fixture.directory.appending("pids")
        let task = Task {
            try await fixture.runShell("echo $PPID $$ > \(pidFile).tmp; mv \(pidFile).tmp \(pidFile); exec sleep 100")
        }
        try await waitForFile(pidFile)
        let pids = try String(contentsOfFile: pidFile, encoding: .utf8).split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(pids.count == 2)
        let (launcher, command) = (pids[0], pids[1])
        #expect(kill(launcher, SIGKILL) == 0)
        let result = try await task.value
        #expect(result.outcome == .killed(signal: SIGKILL))
        let deadline = ContinuousClock.now + .seconds(30)
        while processIsRunning(command), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!processIsRunning(command))
    }

    @Test func signalDeathIsReportedAsKilled() async throws {
        let fixture = try WorkerFixture()
        let result = try await fixture.runShell("kill -9 $$")
        #expect(result.outcome == .killed(signal: SIGKILL))
        #expect(result.exitCode == nil)
    }

    @Test func cancellingTheTaskKillsTheCommand() async throws {
        let fixture = try WorkerFixture()
        let pidFile = fixture.directory.appending("cancel.pid")
        let task = Task {
            try await fixture.runShell("echo $$ > \(pidFile); sleep 100")
        }
        try await waitForFile(pidFile)
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        let outcome = await task.result
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(throws: CancellationError.self) { try outcome.get() }
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!processExists(pid))
    }
}

/// Whether `pid` is a live process: it exists and is not a zombie waiting for a parent that
/// may never reap it (an orphan's new parent is the host's init).
private func processIsRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
}

/// Waits until the command is really running (it wrote `path`), however loaded the machine is
/// (at most a minute).
private func waitForFile(_ path: String) async throws {
    let start = ContinuousClock.now
    while !FileManager.default.fileExists(atPath: path), ContinuousClock.now - start < .seconds(60) {
        try await Task.sleep(for: .milliseconds(20))
    }
}
