#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Creates and removes datum scratch directories with plain system calls.
///
/// Every datum creates a handful of directories and removes its whole scratch tree afterwards;
/// through `FileManager` each of those steps cost more than the system calls themselves (a
/// missing directory was an error object thrown and dropped). Removal never follows a
/// symbolic link, since user code controls what `/pfs/out` holds: it works on directory
/// descriptors (`openat` with `O_NOFOLLOW`, `unlinkat`), so a link is removed, not entered.
enum ScratchTree {
    /// `mkdir -p`: creates `path` and any missing parents; an existing directory is fine.
    /// Returns the errno of the step that failed.
    static func makeDirectories(_ path: String) -> Int32? {
        if mkdir(path, 0o755) == 0 { return nil }
        let code = errno
        switch code {
        case EEXIST:
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR
        case ENOENT:
            guard let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return code }
            if let failure = makeDirectories(String(path[..<slash])) { return failure }
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
            return errno
        default:
            return code
        }
    }

    /// Removes `path` and everything below it; a missing path is not an error. Best effort:
    /// what cannot be removed stays.
    static func remove(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { return }
        _ = removeContents(of: directory)
        close(directory)
        rmdir(path)
    }

    /// Removes everything inside the directory `path` (not following a link at `path` either);
    /// returns whether it is now empty.
    static func empty(_ path: String) -> Bool {
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { return false }
        defer { close(directory) }
        return removeContents(of: directory)
    }

    /// Empties the directory open at `descriptor` (which it does not close); returns whether
    /// everything in it was removed.
    private static func removeContents(of descriptor: Int32) -> Bool {
        let listing = dup(descriptor)
        guard listing >= 0, let stream = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            return false
        }
        var removedAll = true
        defer { closedir(stream) }
        // Names stay raw bytes: user code may write names that are not UTF-8.
        var subdirectories: [[CChar]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 }) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            if Int32(entry.pointee.d_type) == Int32(DT_DIR) {
                subdirectories.append(name)
            } else if unlinkat(descriptor, name, 0) != 0 {
                if errno == EISDIR { subdirectories.append(name) } else { removedAll = false }
            }
        }
        for name in subdirectories {
            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                _ = removeContents(of: child)
                close(child)
            }
            if unlinkat(descriptor, name, AT_REMOVEDIR) != 0 { removedAll = false }
        }
        return removedAll
    }
}
