import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reusable datum directories: a datum runs in a slot whose `pfs/out` and `pfs/.scratch`
/// already exist, and afterwards the slot is emptied and handed to the next datum.
///
/// Creating and deleting five directories per datum is not free on ext4: it avoids reusing
/// recently deleted inodes, so at thousands of datums per minute every `mkdir` scanned inode
/// tables (a seventh of a busy daemon's CPU after a few jobs). Emptying keeps the directories;
/// only files and input directories come and go. Slots live in
/// `<scratch root>/.slots-<pid>-<token>/<n>`; slots of processes that no longer exist are
/// removed when the first slot is taken, so a crashed daemon leaves nothing behind for long.
final class ScratchSlots: Sendable {
    private let scratchRoot: String
    private let poolRoot: String
    private let state = Mutex(State())

    private struct State {
        var free: [String] = []
        var created = 0
        var swept = false
    }

    private static let prefix = ".slots-"

    init(scratchRoot: String) {
        self.scratchRoot = scratchRoot
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        self.poolRoot = scratchRoot + "/" + Self.prefix + String(getpid()) + "-" + token
    }

    /// A slot with empty `pfs/out` and `pfs/.scratch` owned by this process's user.
    func acquire() throws -> DatumDirectory {
        let (root, sweep) = state.withLock { state -> (String, Bool) in
            let sweep = !state.swept
            state.swept = true
            if let slot = state.free.popLast() { return (slot, sweep) }
            state.created += 1
            return (poolRoot + "/" + String(state.created), sweep)
        }
        if sweep { removeAbandonedPools() }
        let layout = DatumDirectory(root: root)
        try InputMaterializer.createDirectory(layout.out)
        try InputMaterializer.createDirectory(layout.scratch)
        return layout
    }

    /// Empties the slot and returns it to the pool; a slot that cannot be emptied completely
    /// (or whose `out` or `.scratch` user code replaced) is removed instead.
    func release(_ layout: DatumDirectory) {
        if reset(layout) {
            state.withLock { $0.free.append(layout.root) }
        } else {
            ScratchTree.remove(layout.root)
        }
    }

    /// Takes the slot out of the pool for good, moving it to `keptRoot` for inspection.
    func keep(_ layout: DatumDirectory, at keptRoot: String) -> String {
        if let slash = keptRoot.lastIndex(of: "/"), ScratchTree.makeDirectories(String(keptRoot[..<slash])) == nil {
            ScratchTree.remove(keptRoot)
            if rename(layout.root, keptRoot) == 0 { return keptRoot }
        }
        return layout.root
    }

    /// Removes the standard input and every input directory, and empties `out` and `.scratch`
    /// (back to this process's user, mode 0755); false when something could not be removed.
    private func reset(_ layout: DatumDirectory) -> Bool {
        _ = unlink(layout.standardInput)
        guard let names = try? LinuxSystem.directoryNames(layout.pfs).get() else { return false }
        for name in names {
            let path = layout.pfs + "/" + name
            var status = stat()
            let isDirectory = lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            if isDirectory && PrivateMounts.writableDirectories.contains(name) {
                guard ScratchTree.empty(path), chown(path, geteuid(), getegid()) == 0, chmod(path, 0o755) == 0 else { return false }
            } else {
                ScratchTree.remove(path)
                if lstat(path, &status) == 0 { return false }
            }
        }
        return true
    }

    /// Removes the slot pools of processes that have ended.
    private func removeAbandonedPools() {
        guard let names = try? LinuxSystem.directoryNames(scratchRoot).get() else { return }
        for name in names where name.hasPrefix(Self.prefix) {
            guard let pid = name.dropFirst(Self.prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            ScratchTree.remove(scratchRoot + "/" + name)
        }
    }
}
