import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What the forked child of the launcher does between `fork` and `exec`, and how it tells the
/// launcher that one of those steps failed.
///
/// Between `fork` and `exec` only plain system calls on prepared C strings are safe (the
/// parent may have had other threads holding locks), so the child reports a failure as two
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

    /// The child's side: prepares and execs; never returns.
    static func run(
        launcher: pid_t,
        report: Int32,
        commandLine: [UnsafeMutablePointer<CChar>?],
        directory: UnsafePointer<CChar>?,
        identity: (userID: uid_t, groupID: gid_t, name: UnsafePointer<CChar>)?,
        signalMask: sigset_t
    ) -> Never {
        var signalMask = signalMask
        sigprocmask(SIG_SETMASK, &signalMask, nil)
        _ = setpgid(0, 0)
        LinuxSystem.processControl(LinuxSystem.setParentDeathSignal, UInt(SIGKILL))
        if getppid() != launcher { _exit(127) }
        if let directory, chdir(directory) != 0 { fail(.workingDirectory, report) }
        if let identity {
            if initgroups(identity.name, identity.groupID) != 0 && setgroups(0, nil) != 0 { fail(.supplementaryGroups, report) }
            if setgid(identity.groupID) != 0 { fail(.group, report) }
            if setuid(identity.userID) != 0 { fail(.user, report) }
        }
        commandLine.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, let program = commandLine.first ?? nil {
                _ = execvp(program, base)
            }
        }
        fail(.exec, report)
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
