import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One spawned launcher, in a process group of its own.
///
/// The runner talks to the datum's processes only through the launcher (which passes signals
/// on to the command's group and kills everything on SIGUSR1, reaping what it kills); its own
/// group is killed outright only as a last resort. Signals are sent only while the launcher
/// has not been reaped: until then its pid, which is also the group id, cannot be reused, so a
/// late timeout or cancellation can never hit another datum's processes.
final class LauncherProcess: LaunchedProcess {
    let pid: pid_t
    private let reaped = Mutex(false)

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Spawns `executable` with `arguments` and `environment` in a new process group, with the
    /// given descriptors as its standard input, output, error and descriptor 3; no other
    /// descriptor of this process is inherited.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        standardInputPath: String,
        standardOutput: Int32,
        standardError: Int32,
        report: Int32
    ) throws -> LauncherProcess {
        let pid = try CleanSpawn.run(
            executable: executable, arguments: arguments, environment: environment,
            ownProcessGroup: true, what: "spawning the datum launcher"
        ) { actions in
            posix_spawn_file_actions_addopen(actions, 0, standardInputPath, O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(actions, standardOutput, 1)
            posix_spawn_file_actions_adddup2(actions, standardError, 2)
            posix_spawn_file_actions_adddup2(actions, report, 3)
        }
        return LauncherProcess(pid: pid)
    }

    /// Sends `signal` to the launcher, unless it was already reaped.
    func signalLauncher(_ signal: Int32) {
        reaped.withLock { isReaped in
            if !isReaped { _ = kill(pid, signal) }
        }
    }

    /// Kills the launcher's whole group (the last resort when it does not answer), unless it
    /// was already reaped.
    func killGroup() {
        reaped.withLock { isReaped in
            if !isReaped { _ = killpg(pid, SIGKILL) }
        }
    }

    func waitForExit() async {
        await DedicatedThread.run(name: "tusk-datum-wait") { self.waitForExitWithoutReaping() }
    }

    func killGroupAndReap() async -> Int32 {
        await DedicatedThread.run(name: "tusk-datum-reap") { self.killGroupAndReapNow() }
    }

    /// Blocks until the launcher has ended, without reaping it.
    private func waitForExitWithoutReaping() {
        var information = siginfo_t()
        while waitid(P_PID, id_t(pid), &information, WEXITED | WNOWAIT) != 0 {
            if errno != EINTR { return }
        }
    }

    /// Kills what is left of the group, then reaps the launcher; returns its wait status.
    private func killGroupAndReapNow() -> Int32 {
        reaped.withLock { isReaped in
            _ = killpg(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            isReaped = true
            return status
        }
    }
}
