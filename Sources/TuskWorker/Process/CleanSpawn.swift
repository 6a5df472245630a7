import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `posix_spawn` of a helper process (a datum launcher, the datum zygote) with a clean slate:
/// no blocked signals, every signal at its default action, only the descriptors the caller
/// places (below 4) inherited, and optionally a process group of its own.
///
/// Both ways of starting launchers need exactly this; one function keeps them alike.
enum CleanSpawn {
    /// Spawns `executable` with `arguments` (after the program name) and `environment`;
    /// `placeDescriptors` adds the file actions that set up descriptors 0 to 3.
    static func run(
        executable: String,
        arguments: [String],
        environment: [String: String],
        ownProcessGroup: Bool,
        what: String,
        placeDescriptors: (UnsafeMutablePointer<posix_spawn_file_actions_t>) -> Void
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        placeDescriptors(&actions)
        LinuxSystem.addCloseFrom(&actions, 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)

        let argumentStrings = [executable] + arguments
        let environmentStrings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let argumentPointers = argumentStrings.map { strdup($0) } + [nil]
        let environmentPointers = environmentStrings.map { strdup($0) } + [nil]
        defer {
            for pointer in argumentPointers { free(pointer) }
            for pointer in environmentPointers { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argumentPointers, environmentPointers)
        guard result == 0 else {
            throw SystemCallError(operation: what, code: result, path: executable)
        }
        return pid
    }
}
