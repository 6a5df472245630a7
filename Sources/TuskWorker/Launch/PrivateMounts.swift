import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Builds the datum's view of the file system: a private mount namespace in which `/pfs` is
/// the datum's own `<datum-root>/pfs`, with every input directory read-only.
///
/// Each datum gets its own namespace, so concurrent datums all see `/pfs/<input>` and
/// `/pfs/out` at those exact paths without seeing each other's; nothing leaks to the host's
/// mount table because the namespace's mounts are private.
enum PrivateMounts {
    /// The path user code sees.
    static let mountPoint = "/pfs"
    /// Directories under `/pfs` that user code writes; every other directory is an input.
    static let writableDirectories = ["out", ".scratch"]

    static func setUp(datumRoot: String, readOnlyPaths: [String]) throws(LauncherFailure) {
        let source = datumRoot + "/pfs"
        if mkdir(mountPoint, 0o755) != 0 && errno != EEXIST {
            throw failure("cannot create the mount point \(mountPoint) on the host", errno)
        }
        if let code = LinuxSystem.unshare(LinuxSystem.newMountNamespace) {
            throw LauncherFailure(message: "cannot create a private mount namespace for the datum: \(LinuxSystem.describe(code)) (errno \(code)); run tusk serve as root or with CAP_SYS_ADMIN")
        }
        guard mount("none", "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else {
            throw failure("cannot make the datum's mounts private", errno)
        }
        guard mount(source, mountPoint, nil, UInt(MS_BIND | MS_REC), nil) == 0 else {
            throw failure("cannot bind \(source) onto \(mountPoint)", errno)
        }
        let names: [String]
        switch LinuxSystem.directoryNames(mountPoint) {
        case .success(let listed): names = listed
        case .failure(let error): throw LauncherFailure(message: "cannot list \(mountPoint): \(error)")
        }
        for name in names.sorted() where !writableDirectories.contains(name) {
            let path = mountPoint + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { continue }
            try makeReadOnly(path)
        }
        // After /pfs is bound: its mounts are separate, so out and .scratch stay writable.
        for path in readOnlyPaths {
            var status = stat()
            guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { continue }
            try makeReadOnly(path)
        }
    }

    /// Bind-mounts `path` onto itself and remounts that bind read-only, so writes, deletes and
    /// mode changes below it fail with EROFS.
    private static func makeReadOnly(_ path: String) throws(LauncherFailure) {
        guard mount(path, path, nil, UInt(MS_BIND | MS_REC), nil) == 0 else {
            throw failure("cannot bind \(path)", errno)
        }
        let flags = UInt(MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        guard mount(nil, path, nil, flags, nil) == 0 else {
            throw failure("cannot make \(path) read-only", errno)
        }
    }

    private static func failure(_ what: String, _ code: Int32) -> LauncherFailure {
        LauncherFailure(message: "\(what): \(LinuxSystem.describe(code)) (errno \(code))")
    }
}
