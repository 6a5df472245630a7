import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Linux system calls that Swift's C library module does not declare (they sit behind
/// `_GNU_SOURCE`), looked up at run time from the C library.
///
/// The worker needs them to give each datum its own mount namespace, to keep user code from
/// outliving its datum, and to create pipes that no concurrently spawned process inherits.
enum LinuxSystem {
    /// `CLONE_NEWNS` from `<sched.h>`: a new mount namespace.
    static let newMountNamespace: Int32 = 0x0002_0000
    /// `PR_SET_PDEATHSIG` from `<sys/prctl.h>`.
    static let setParentDeathSignal: Int32 = 1
    /// `PR_SET_CHILD_SUBREAPER` from `<sys/prctl.h>`.
    static let setChildSubreaper: Int32 = 36

    private typealias UnshareFunction = @convention(c) (Int32) -> Int32
    typealias ProcessControlFunction = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private typealias PipeFunction = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias CloseFromFunction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let library = dlopen(nil, RTLD_NOW), let address = dlsym(library, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    // Looked up once per process (a look-up walks every loaded library); the zygote touches
    // them all in `DatumExecLauncher.warmUp`, so forked launchers inherit the answers.
    private static let unshareFunction = symbol("unshare", as: UnshareFunction.self)
    /// `prctl(2)` itself, for callers that must not look it up later (a child sharing the
    /// launcher's memory).
    static let processControlFunction = symbol("prctl", as: ProcessControlFunction.self)
    private static let pipe2Function = symbol("pipe2", as: PipeFunction.self)

    /// Resolves every function above now rather than in a forked launcher.
    static func resolveFunctions() {
        _ = (unshareFunction, processControlFunction, pipe2Function)
    }

    /// `unshare(2)`; returns the errno on failure.
    static func unshare(_ flags: Int32) -> Int32? {
        guard let function = unshareFunction else { return ENOSYS }
        return function(flags) == 0 ? nil : errno
    }

    /// `prctl(2)` with one argument; returns the errno on failure.
    @discardableResult
    static func processControl(_ option: Int32, _ argument: UInt) -> Int32? {
        guard let function = processControlFunction else { return ENOSYS }
        return function(option, argument, 0, 0, 0) == 0 ? nil : errno
    }

    /// A pipe whose two ends are close-on-exec from the start: `(read, write)`.
    static func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        if let function = pipe2Function {
            guard function(&descriptors, O_CLOEXEC) == 0 else { throw SystemCallError(operation: "pipe2", code: errno) }
        } else {
            guard pipe(&descriptors) == 0 else { throw SystemCallError(operation: "pipe", code: errno) }
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }

    /// Adds "close every descriptor from `lowest` on" to spawn file actions, when the C
    /// library supports it (glibc 2.34 and later). Returns whether it was added.
    @discardableResult
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Bool {
        guard let function = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFromFunction.self) else { return false }
        return function(actions, lowest) == 0
    }

    /// The names in a directory (without `.` and `..`), read with `readdir(3)`; errno on
    /// failure. The forked launcher uses it instead of `FileManager`, whose first use in each
    /// new process costs more than the mounts it serves.
    static func directoryNames(_ path: String) -> Result<[String], SystemCallError> {
        guard let directory = opendir(path) else {
            return .failure(SystemCallError(operation: "opendir", code: errno, path: path))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// The text of an errno value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A failed system call and its errno, described for people.
struct SystemCallError: Error, CustomStringConvertible {
    var operation: String
    var code: Int32
    var path: String? = nil

    var description: String {
        let subject = path.map { " \"\($0)\"" } ?? ""
        return "\(operation)\(subject) failed: \(LinuxSystem.describe(code)) (errno \(code))"
    }
}
