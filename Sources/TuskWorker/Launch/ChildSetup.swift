import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What the forked child of the launcher does between `fork` and `exec`, and how it tells the
/// launcher that one of those steps failed.
///
/// The child runs in the launcher's own memory until it execs (`SharedMemorySpawn`), so only
/// plain system calls on values prepared beforehand are safe there; it reports a failure as two
/// integers on a close-on-exec pipe: which step failed and its errno. A successful `exec`
/// closes the pipe, which the launcher reads as "started".
enum ChildSetup {
    enum Step: Int32 {
        case workingDirectory = 1
        case supplementaryGroups
        case group
        case user
        case exec
    }

    /// A step that failed, as read back by the launcher.
    struct Failure {
        var step: Step
        var code: Int32

        func describe(command: [String], workingDirectory: String?, user: String?) -> String {
            let reason = "\(LinuxSystem.describe(code)) (errno \(code))"
            switch step {
            case .workingDirectory:
                return "cannot change to the working directory \"\(workingDirectory ?? "")\": \(reason); working_dir must be an existing directory"
            case .supplementaryGroups, .group, .user:
                return "cannot switch to the user \"\(user ?? "")\": \(reason)"
            case .exec:
                return "cannot run the command \"\(command.first ?? "")\": \(reason); check cmd and that the program is in PATH"
            }
        }
    }

    /// Everything the child needs, resolved by the launcher beforehand: between the spawn and
    /// `exec` the child only makes system calls on these values (no allocation, no symbol
    /// look-up, no user database), which is what running in the launcher's memory requires.
    struct Plan {
        var launcher: pid_t
        var report: Int32
        /// NULL-terminated; the first element is the program.
        var commandLine: UnsafePointer<UnsafeMutablePointer<CChar>?>?
        var directory: UnsafePointer<CChar>?
        var userID: uid_t?
        var groupID: gid_t
        /// The user's supplementary groups (`getgrouplist`), or none.
        var groups: UnsafePointer<gid_t>?
        var groupCount: Int
        var signalMask: sigset_t
        /// `prctl(2)`, looked up by the launcher; nil when the C library lacks it.
        var processControl: LinuxSystem.ProcessControlFunction?
    }

    /// The child's side: prepares and execs; never returns.
    static func run(_ plan: Plan) -> Never {
        var signalMask = plan.signalMask
        sigprocmask(SIG_SETMASK, &signalMask, nil)
        _ = setpgid(0, 0)
        _ = plan.processControl?(LinuxSystem.setParentDeathSignal, UInt(SIGKILL), 0, 0, 0)
        if getppid() != plan.launcher { _exit(127) }
        if let directory = plan.directory, chdir(directory) != 0 { fail(.workingDirectory, plan.report) }
        if let userID = plan.userID {
            if setgroups(plan.groupCount, plan.groupCount > 0 ? plan.groups : nil) != 0 && setgroups(0, nil) != 0 {
                fail(.supplementaryGroups, plan.report)
            }
            if setgid(plan.groupID) != 0 { fail(.group, plan.report) }
            if setuid(userID) != 0 { fail(.user, plan.report) }
        }
        if let commandLine = plan.commandLine, let program = commandLine.pointee {
            _ = execvp(program, commandLine)
        }
        fail(.exec, plan.report)
    }

    private static func fail(_ step: Step, _ report: Int32) -> Never {
        var message: (Int32, Int32) = (step.rawValue, errno)
        _ = withUnsafeBytes(of: &message) { write(report, $0.baseAddress, $0.count) }
        _exit(127)
    }

    /// The launcher's side: nil when the child exec'd (the pipe closed empty).
    static func readFailure(from descriptor: Int32) -> Failure? {
        var message: (Int32, Int32) = (0, 0)
        var received = 0
        let size = MemoryLayout<(Int32, Int32)>.size
        while received < size {
            let count = withUnsafeMutableBytes(of: &message) { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + received }, size - received)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            received += count
        }
        guard received == size, let step = Step(rawValue: message.0) else { return nil }
        return Failure(step: step, code: message.1)
    }
}
