import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The hidden verb `tusk __datum-exec`: starts one datum's command inside a private mount
/// namespace where `/pfs` is that datum's own directory.
///
/// A separate process is needed because a mount namespace belongs to a process: the daemon
/// cannot switch its own threads between datums. The runner spawns this launcher in a new
/// process group; the launcher unshares the mount namespace, mounts `/pfs` (inputs
/// read-only), becomes a child subreaper, spawns the command (`SharedMemorySpawn`, with the
/// working directory and user of the spec) in a process group of its own and waits, passing
/// SIGTERM, SIGINT, SIGHUP and SIGQUIT on to that group; SIGUSR1 asks it to kill the command
/// outright. When the command ends, every process left below the launcher is killed and
/// reaped, and the launcher exits with the command's exit code, or dies by the same signal. If
/// the launcher itself cannot start the command it writes one line saying why to descriptor 3
/// (when the runner opened it, else to standard error) and exits with 125.
public enum DatumExecLauncher {
    /// The verb the `tusk` binary dispatches to `main(arguments:)`.
    public static let verb = "__datum-exec"
    /// The exit code of a launcher that could not start the command.
    public static let setupFailureExitCode: Int32 = 125
    /// The descriptor on which the launcher reports a setup failure to the runner.
    static let reportDescriptor: Int32 = 3

    /// Runs the launcher with the arguments that follow the verb; returns the exit code.
    /// (`--probe` prints a marker and returns 0, so the runner's tests can tell a `tusk` binary
    /// that has the verb from one that has not.)
    public static func main(arguments: [String]) -> Int32 {
        if arguments == ["--probe"] {
            print(probeMarker)
            return 0
        }
        let report = reportChannel()
        do {
            let parsed = try LauncherArguments(parsing: arguments)
            try PrivateMounts.setUp(datumRoot: parsed.datumRoot, readOnlyPaths: parsed.readOnlyPaths)
            LinuxSystem.processControl(LinuxSystem.setChildSubreaper, 1)
            return try runCommand(parsed)
        } catch {
            let line = error.message + "\n"
            _ = line.withCString { write(report, $0, strlen($0)) }
            return setupFailureExitCode
        }
    }

    /// Runs the launcher's side-effect-free steps once, in the zygote before it forks any
    /// launcher: the Swift runtime builds type metadata and looks up protocol conformances
    /// (a scan of every conformance record in the `tusk` image) on first use and caches them in
    /// the process, so a launcher forked from a warmed zygote inherits the caches instead of
    /// rebuilding them for every datum (a fifth of a launcher's own CPU time before).
    static func warmUp() {
        let sample = ["--user", "0", "--read-only", "/", "/", "-", "--", "true"]
        if let parsed = try? LauncherArguments(parsing: sample) {
            _ = parsed.readOnlyPaths.sorted().filter { !PrivateMounts.writableDirectories.contains($0) }
        }
        _ = try? LinuxSystem.directoryNames("/").get().sorted()
        // (No user look-up: it would load the C library's user-database modules into the
        // zygote, and every launcher's fork would copy their mappings; only datums with a
        // `user` need them.)
        withCStrings(sample) { commandLine in
            withOptionalCString("/") { directory in _ = (commandLine.count, directory) }
        }
        LinuxSystem.resolveFunctions()
        SharedMemorySpawn.resolveFunctions()
        _ = ChildSetup.Failure(step: .exec, code: ENOENT).describe(command: sample, workingDirectory: nil, user: nil)
    }

    /// What `--probe` prints.
    public static let probeMarker = "tusk-datum-exec 1"

    /// Descriptor 3 when the runner passed it (made close-on-exec so the command never sees
    /// it), else standard error.
    private static func reportChannel() -> Int32 {
        guard fcntl(reportDescriptor, F_GETFD) >= 0 else { return STDERR_FILENO }
        _ = fcntl(reportDescriptor, F_SETFD, FD_CLOEXEC)
        return reportDescriptor
    }

    /// Signals the launcher passes on to the command's process group.
    static let forwardedSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]
    /// The signal by which the runner asks the launcher to kill the command and everything it
    /// started, reap them, and exit.
    public static let killEverythingSignal: Int32 = SIGUSR1

    private static func runCommand(_ arguments: LauncherArguments) throws(LauncherFailure) -> Int32 {
        guard let program = arguments.command.first, !program.isEmpty else {
            throw LauncherFailure(message: "the transform has no command (cmd is empty)")
        }
        let identity = try arguments.user.map { name throws(LauncherFailure) in try UserIdentity(resolving: name) }
        let execReport: (read: Int32, write: Int32)
        do {
            execReport = try LinuxSystem.closeOnExecPipe()
        } catch {
            throw LauncherFailure(message: "cannot create a pipe: \(error)")
        }
        // Signals wait in the mask until `supervise` takes them; the child restores the mask.
        var watched = sigset_t()
        sigemptyset(&watched)
        for signalNumber in forwardedSignals + [killEverythingSignal, SIGCHLD] { sigaddset(&watched, signalNumber) }
        var originalMask = sigset_t()
        sigprocmask(SIG_BLOCK, &watched, &originalMask)

        let groups = identity?.supplementaryGroups() ?? []
        let spawned = withCStrings(arguments.command) { commandLine in
            withOptionalCString(arguments.workingDirectory) { directory in
                groups.withUnsafeBufferPointer { groupList in
                    commandLine.withUnsafeBufferPointer { commandLineBuffer in
                        SharedMemorySpawn.spawn(ChildSetup.Plan(
                            launcher: getpid(), report: execReport.write,
                            commandLine: commandLineBuffer.baseAddress, directory: directory,
                            userID: identity?.userID, groupID: identity?.groupID ?? 0,
                            groups: groupList.baseAddress, groupCount: groupList.count,
                            signalMask: originalMask, processControl: LinuxSystem.processControlFunction
                        ))
                    }
                }
            }
        }
        close(execReport.write)
        let child: pid_t
        switch spawned {
        case .success(let pid):
            child = pid
            _ = setpgid(child, child)
        case .failure(let error):
            close(execReport.read)
            throw LauncherFailure(message: "cannot start the command: \(error)")
        }
        let failure = ChildSetup.readFailure(from: execReport.read)
        close(execReport.read)
        let status = supervise(child, watching: watched)
        DescendantReaper.killAndReapAll()
        if let failure {
            throw LauncherFailure(message: failure.describe(command: arguments.command, workingDirectory: arguments.workingDirectory, user: arguments.user))
        }
        return exit(mirroring: status)
    }

    /// Waits for the command while passing on the runner's signals to its process group;
    /// returns the command's wait status. Other children that end meanwhile are reaped.
    private static func supervise(_ child: pid_t, watching watched: sigset_t) -> Int32 {
        var watched = watched
        while true {
            var status: Int32 = 0
            var reaped = waitpid(-1, &status, WNOHANG)
            while reaped > 0 {
                if reaped == child { return status }
                reaped = waitpid(-1, &status, WNOHANG)
            }
            if reaped < 0 && errno == ECHILD { return 0x7f00 }
            var interval = timespec(tv_sec: 1, tv_nsec: 0)
            let received = sigtimedwait(&watched, nil, &interval)
            if received == killEverythingSignal {
                _ = kill(-child, SIGKILL)
                _ = kill(child, SIGKILL)
            } else if forwardedSignals.contains(received) {
                _ = kill(-child, received)
            }
        }
    }

    /// Exits the way the command did: its exit code, or death by its signal.
    private static func exit(mirroring status: Int32) -> Int32 {
        let terminatingSignal = status & 0x7f
        if terminatingSignal == 0 { return (status >> 8) & 0xff }
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        signal(terminatingSignal, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, terminatingSignal)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        raise(terminatingSignal)
        return 128 + terminatingSignal
    }

    /// Calls `body` with a C copy of `string`, or nil for nil.
    private static func withOptionalCString<Result>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
        guard let string else { return body(nil) }
        return string.withCString { body($0) }
    }

    /// Calls `body` with a NULL-terminated C array of copies of `strings`, freed afterwards.
    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

extension Error {
    /// The people-facing text of a launcher error.
    fileprivate var message: String {
        (self as? LauncherFailure)?.message ?? String(describing: self)
    }
}
