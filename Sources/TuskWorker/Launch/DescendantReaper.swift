import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Kills and reaps every process left below the launcher once the datum's command has ended.
///
/// The launcher is a child subreaper, so background processes that user code started (and
/// that outlived their parents) are re-parented to it rather than to the host's init. Killing
/// them here means a datum never leaves processes behind, even ones that left the process
/// group, and reaping them means no zombies pile up on hosts whose init does not reap.
enum DescendantReaper {
    /// SIGKILLs the launcher's children until none is left; children of killed processes are
    /// re-parented to the launcher and killed on the next round.
    ///
    /// Orphans are re-parented to the subreaper the moment their parent ends, so every process
    /// still alive below the launcher descends from one of its children: with no child left
    /// (the usual case once the command is reaped) there is nothing to look for in `/proc`.
    static func killAndReapAll() {
        let me = getpid()
        while hasChildren() {
            for child in children(of: me) {
                kill(child, SIGKILL)
            }
            var status: Int32 = 0
            let reaped = waitpid(-1, &status, 0)
            if reaped < 0 {
                if errno == EINTR { continue }
                return
            }
        }
    }

    /// Whether this process has any child, running or ended but not yet reaped.
    static func hasChildren() -> Bool {
        var info = siginfo_t()
        while waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Waits for `pid`, reaping any other child that ends first; returns its wait status.
    static func waitFor(_ pid: pid_t) -> Int32 {
        while true {
            var status: Int32 = 0
            let reaped = waitpid(-1, &status, 0)
            if reaped == pid { return status }
            if reaped < 0 && errno != EINTR { return 0x7f00 }
        }
    }

    /// The pids whose parent is `parent`, read from `/proc`.
    static func children(of parent: pid_t) -> [pid_t] {
        guard let entries = try? LinuxSystem.directoryNames("/proc").get() else { return [] }
        var result: [pid_t] = []
        for entry in entries {
            guard let pid = pid_t(entry), let parentOfEntry = parentProcess(of: pid) else { continue }
            if parentOfEntry == parent { result.append(pid) }
        }
        return result
    }

    /// The parent pid from `/proc/<pid>/stat` (the field after the parenthesised command name,
    /// which itself may contain spaces and parentheses).
    private static func parentProcess(of pid: pid_t) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2 else { return nil }
        return pid_t(fields[1])
    }
}
