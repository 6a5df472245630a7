import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The hidden verb `tusk __datum-zygote`: a small, single-threaded process the daemon starts
/// once, which forks a datum launcher for each request instead of the daemon executing the
/// whole `tusk` binary again per datum.
///
/// Loading the binary (fifty shared libraries, the Swift runtime, Foundation) costs tens of
/// milliseconds per exec; a fork of this already-loaded, idle process costs well under one.
/// The forked child becomes exactly what `tusk __datum-exec` would have been (its own process
/// group, default signal handling, the datum's environment and descriptors) and runs
/// `DatumExecLauncher`. The zygote reports each launcher's start and, once it ended, kills
/// what is left of its process group, reaps it and reports its wait status. When the daemon
/// goes away (its socket end closes) the zygote kills every launcher group and exits, so no
/// datum outlives its daemon. (A zygote itself killed with SIGKILL takes its launchers with it,
/// but a command's own process group then runs on until it ends.)
public enum DatumZygoteProcess {
    /// The verb the `tusk` binary dispatches to `main()`.
    public static let verb = "__datum-zygote"
    /// The descriptor of the zygote's end of the socket pair.
    static let socketDescriptor: Int32 = 3

    private typealias SignalDescriptorFunction = @convention(c) (Int32, UnsafePointer<sigset_t>, Int32) -> Int32
    typealias CloseRangeFunction = @convention(c) (UInt32, UInt32, Int32) -> Int32

    /// Serves requests on descriptor 3 until the daemon closes it; returns the exit code.
    public static func main() -> Int32 {
        // Every disposition back to the default once here (the Swift runtime installs crash
        // handlers), so a forked launcher only has SIGPIPE to restore.
        Launch.resetSignals()
        signal(SIGPIPE, SIG_IGN)
        var childSignals = sigset_t()
        sigemptyset(&childSignals)
        sigaddset(&childSignals, SIGCHLD)
        sigprocmask(SIG_BLOCK, &childSignals, nil)
        guard let function = LinuxSystem.symbol("signalfd", as: SignalDescriptorFunction.self) else { return 70 }
        let childEvents = function(-1, &childSignals, Int32(O_CLOEXEC | O_NONBLOCK))
        guard childEvents >= 0 else { return 71 }
        _ = fcntl(socketDescriptor, F_SETFD, FD_CLOEXEC)
        // Looked up once here, so no forked launcher pays for it.
        let closeRange = LinuxSystem.symbol("close_range", as: CloseRangeFunction.self)
        DatumExecLauncher.warmUp()
        var server = Server(socket: ZygoteSocket(descriptor: socketDescriptor), closeRange: closeRange)
        server.serve(childEvents: childEvents)
        return 0
    }

    /// The zygote's state: which launcher (by request id) has which pid.
    private struct Server {
        let socket: ZygoteSocket
        /// `close_range(2)` when the C library has it.
        let closeRange: CloseRangeFunction?
        var launchers: [UInt64: pid_t] = [:]

        mutating func serve(childEvents: Int32) {
            var descriptors = [pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: childEvents, events: Int16(POLLIN), revents: 0)]
            var buffer = ZygoteSocket.receiveBuffer()
            while true {
                descriptors[0].revents = 0
                descriptors[1].revents = 0
                let ready = poll(&descriptors, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if descriptors[1].revents != 0 {
                    drain(childEvents)
                    reapEnded()
                }
                if descriptors[0].revents != 0 {
                    guard let received = try? socket.receive(into: &buffer) else { break }
                    handle(received.payload, descriptors: received.descriptors)
                }
            }
            shutDown()
        }

        private func drain(_ childEvents: Int32) {
            var buffer = [UInt8](repeating: 0, count: 128 * 16)
            while buffer.withUnsafeMutableBytes({ read(childEvents, $0.baseAddress, $0.count) }) > 0 {}
        }

        /// Reports every launcher that has ended, after killing what is left of its group.
        private mutating func reapEnded() {
            for (id, pid) in launchers {
                var information = siginfo_t()
                guard waitid(P_PID, id_t(pid), &information, WEXITED | WNOHANG | WNOWAIT) == 0,
                      information._sifields._sigchld.si_pid == pid else { continue }
                // Until it is reaped the pid (the group id) cannot be reused, so this kill can
                // only reach the launcher's own leftovers.
                _ = killpg(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                launchers[id] = nil
                reply(.exited(id: id, status: status))
            }
        }

        private mutating func handle(_ payload: [UInt8], descriptors: [Int32]) {
            defer { for descriptor in descriptors { close(descriptor) } }
            switch ZygoteMessage(decoding: payload) {
            case .spawn(let id, let arguments, let environment, let standardInputPath):
                guard descriptors.count == 3 else {
                    reply(.spawnFailed(id: id, reason: "the spawn request carried \(descriptors.count) descriptors, expected 3"))
                    return
                }
                switch Launch.fork(arguments: arguments, environment: environment, standardInputPath: standardInputPath,
                                   standardOutput: descriptors[0], standardError: descriptors[1], report: descriptors[2],
                                   closeRange: closeRange) {
                case .success(let pid):
                    launchers[id] = pid
                    reply(.started(id: id, pid: pid))
                case .failure(let error):
                    reply(.spawnFailed(id: id, reason: "\(error)"))
                }
            case .signal(let id, let signalNumber):
                if let pid = launchers[id] { _ = kill(pid, signalNumber) }
            case .killGroup(let id):
                if let pid = launchers[id] { _ = killpg(pid, SIGKILL) }
            default:
                break
            }
        }

        private func reply(_ message: ZygoteMessage) {
            guard let bytes = try? message.encoded() else { return }
            try? socket.send(bytes)
        }

        /// The daemon is gone: nothing it started may keep running.
        private mutating func shutDown() {
            for (_, pid) in launchers {
                _ = kill(pid, DatumExecLauncher.killEverythingSignal)
                _ = killpg(pid, SIGKILL)
            }
            for (_, pid) in launchers {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            launchers = [:]
        }
    }

    /// What the forked child does before it becomes the launcher.
    private enum Launch {
        static func fork(arguments: [String], environment: [String], standardInputPath: String,
                         standardOutput: Int32, standardError: Int32, report: Int32,
                         closeRange: CloseRangeFunction?) -> Result<pid_t, SystemCallError> {
            let pid = Glibc.fork()
            if pid < 0 { return .failure(SystemCallError(operation: "fork of a datum launcher", code: errno)) }
            if pid > 0 {
                _ = setpgid(pid, pid)
                return .success(pid)
            }
            // The child: the zygote is single-threaded, so ordinary Swift is safe here.
            _ = setpgid(0, 0)
            // A zygote killed outright takes its launchers with it.
            LinuxSystem.processControl(LinuxSystem.setParentDeathSignal, UInt(SIGKILL))
            signal(SIGPIPE, SIG_DFL)
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            let input = open(standardInputPath, O_RDONLY | O_CLOEXEC)
            if input < 0 { _exit(DatumExecLauncher.setupFailureExitCode) }
            for (source, target) in [(input, Int32(0)), (standardOutput, 1), (standardError, 2), (report, 3)] {
                // dup2 clears close-on-exec on the target, so the launcher's command inherits 0-2.
                if dup2(source, target) < 0 { _exit(DatumExecLauncher.setupFailureExitCode) }
            }
            closeDescriptors(from: 4, closeRange: closeRange)
            clearenv()
            for entry in environment {
                guard let separator = entry.firstIndex(of: "=") else { continue }
                setenv(String(entry[..<separator]), String(entry[entry.index(after: separator)...]), 1)
            }
            // `_exit`: the launcher has nothing buffered, and running every library's exit
            // handlers and destructors would touch (and copy) pages the fork shares.
            _exit(DatumExecLauncher.main(arguments: arguments))
        }

        static func resetSignals() {
            for number in 1..<Int32(65) where number != SIGKILL && number != SIGSTOP {
                signal(number, SIG_DFL)
            }
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
        }

        /// Closes every descriptor from `lowest` up: one `close_range(2)` call (glibc 2.34,
        /// Linux 5.9; Swift's Glibc module does not declare it, so the zygote looks it up), else
        /// a walk of `/proc/self/fd`.
        private static func closeDescriptors(from lowest: Int32, closeRange: CloseRangeFunction?) {
            if let closeRange, closeRange(UInt32(lowest), UInt32.max, 0) == 0 { return }
            // The listing's own descriptor is closed by the time these are.
            let open = (try? LinuxSystem.directoryNames("/proc/self/fd").get())?.compactMap { Int32($0) } ?? []
            for descriptor in open where descriptor >= lowest { close(descriptor) }
        }
    }
}
