#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Starts the datum's command the way `posix_spawn` does: a child that runs in the launcher's
/// own memory, on a stack of its own, while the launcher waits, until the child execs or exits
/// (`clone` with `CLONE_VM | CLONE_VFORK`).
///
/// A plain `fork` copies the page tables of the whole launcher (the loaded `tusk` image with
/// its twenty libraries), the child then takes a copy-on-write fault for every page it touches,
/// and `exec` throws the copy away again: per datum that cost more than the command `true`
/// itself. `posix_spawn` cannot be used directly because the child must also set the
/// parent-death signal (so a launcher killed outright takes its command with it) and switch
/// user with prepared groups; `ChildSetup.run` does exactly those steps with values prepared
/// beforehand and nothing else. When the C library has no `clone`, a plain `fork` runs the
/// same plan.
enum SharedMemorySpawn {
    /// `CLONE_VM` and `CLONE_VFORK` from `<sched.h>`; `SIGCHLD` as the exit signal.
    private static let flags: Int32 = 0x0000_0100 | 0x0000_4000 | SIGCHLD
    /// The child's stack: `ChildSetup.run` and `execvp` need a few KiB.
    private static let stackSize = 256 * 1024

    private typealias ChildEntry = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    private typealias CloneFunction = @convention(c) (ChildEntry, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?) -> Int32

    /// `clone(2)`'s C library wrapper, looked up once per process.
    private static let cloneFunction = LinuxSystem.symbol("clone", as: CloneFunction.self)

    /// Resolves `clone` now (the zygote does, before it forks launchers).
    static func resolveFunctions() {
        _ = cloneFunction
    }

    /// Spawns a child that runs `plan`; returns its pid, or the errno of the failed spawn.
    static func spawn(_ plan: ChildSetup.Plan) -> Result<pid_t, SystemCallError> {
        guard let clone = cloneFunction else {
            return forked(plan)
        }
        guard let stack = mmap(nil, stackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0),
              stack != MAP_FAILED else {
            return forked(plan)
        }
        defer { munmap(stack, stackSize) }
        var plan = plan
        let entry: ChildEntry = { argument in
            guard let argument else { _exit(127) }
            ChildSetup.run(argument.assumingMemoryBound(to: ChildSetup.Plan.self).pointee)
        }
        // The stack grows down: the child starts at the (16-byte aligned) top.
        let top = stack.advanced(by: stackSize)
        let pid = withUnsafeMutablePointer(to: &plan) { clone(entry, top, flags, $0) }
        return pid > 0 ? .success(pid) : .failure(SystemCallError(operation: "clone of the datum's command", code: errno))
    }

    private static func forked(_ plan: ChildSetup.Plan) -> Result<pid_t, SystemCallError> {
        let pid = fork()
        if pid == 0 { ChildSetup.run(plan) }
        return pid > 0 ? .success(pid) : .failure(SystemCallError(operation: "fork of the datum's command", code: errno))
    }
}
