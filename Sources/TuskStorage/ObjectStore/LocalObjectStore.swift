import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `ObjectStore` in a local directory: the embedded mode's home for chunks and tree nodes.
///
/// Object `a/b/c` lives in the file `<root>/a/b/c`. A `put` writes `<root>/tmp/<random>` and
/// renames it into place, so a reader never sees a half-written object and a crash leaves at
/// most a stray temporary file, which the next `init` removes. Objects are not flushed one by
/// one (ten thousand `fsync`s would dominate small-file ingest); `sync()` flushes the whole
/// file system once with `syncfs(2)`, and callers invoke it before metadata refers to new
/// objects. Keys whose first component is `tmp` are reserved for those temporary files.
public final class LocalObjectStore: ObjectStore {
    /// The store's root directory.
    public let rootPath: String
    private let temporaryPath: String
    /// `rootPath` made absolute against the working directory at `init`.
    private let absoluteRootPath: String

    /// The first key component reserved for in-flight writes.
    public static let temporaryDirectoryName = "tmp"

    /// Opens (creating if needed) a store rooted at `rootPath`, and removes temporary files
    /// left behind by writes that a crash interrupted.
    public init(rootPath: String) throws {
        let standardized = rootPath.count > 1 && rootPath.hasSuffix("/") ? String(rootPath.dropLast()) : rootPath
        self.rootPath = standardized
        self.absoluteRootPath = standardized.hasPrefix("/") ? standardized : FileManager.default.currentDirectoryPath + "/" + standardized
        self.temporaryPath = standardized + "/" + Self.temporaryDirectoryName
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: temporaryPath, withIntermediateDirectories: true)
            for leftover in try files.contentsOfDirectory(atPath: temporaryPath) {
                try files.removeItem(atPath: temporaryPath + "/" + leftover)
            }
        } catch {
            throw TuskError(.internal, "cannot prepare the object store directory \"\(standardized)\": \(error.localizedDescription); check that it is a writable directory", location: standardized, cause: error)
        }
    }

    public func put(_ key: ObjectKey, _ data: Data) async throws {
        let target = try filePath(for: key)
        if Self.fileExists(target) { return }
        let temporary = temporaryPath + "/" + Self.randomName()
        do {
            try Self.writeFile(temporary, data)
            try moveIntoPlace(temporary, target)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Links the open file into place (through `/proc/self/fd`, so exactly the inode that was
    /// read is linked, whatever its path now names), after making it the store's: owned by this
    /// process's user, mode 0644. False when the file is on another file system, cannot be
    /// taken over, or `/proc` is missing.
    public func putLinking(_ key: ObjectKey, descriptor: Int32) async throws -> Bool {
        let target = try filePath(for: key)
        if Self.fileExists(target) { return true }
        guard fchown(descriptor, geteuid(), getegid()) == 0, fchmod(descriptor, 0o644) == 0 else { return false }
        let temporary = temporaryPath + "/" + Self.randomName()
        guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else { return false }
        do {
            try moveIntoPlace(temporary, target)
        } catch {
            unlink(temporary)
            throw error
        }
        return true
    }

    public func get(_ key: ObjectKey) async throws -> Data {
        let path = try filePath(for: key)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw TuskError.missingObject(key) }
            throw Self.ioError("open", path, code)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.ioError("stat", path, errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw TuskError.missingObject(key) }
        let expected = Int(status.st_size)
        // Read into uninitialised memory that the Data then owns (no zero-fill, no copy).
        guard let base = malloc(max(expected, 1)) else { throw Self.ioError("allocate", path, ENOMEM) }
        var offset = 0
        while offset < expected {
            let count = read(descriptor, base + offset, min(expected - offset, 1 << 30))
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                free(base)
                throw Self.ioError("read", path, code)
            }
            if count == 0 { break }
            offset += count
        }
        return Data(bytesNoCopy: base, count: offset, deallocator: .free)
    }

    public func exists(_ key: ObjectKey) async throws -> Bool {
        Self.fileExists(try filePath(for: key))
    }

    public func delete(_ key: ObjectKey) async throws {
        let path = try filePath(for: key)
        if unlink(path) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return }
            throw Self.ioError("delete", path, code)
        }
    }

    public func list(prefix: String) async throws -> [ObjectKey] {
        var keys: [ObjectKey] = []
        try collect(relativeDirectory: "", prefix: prefix, into: &keys)
        return keys.sorted()
    }

    public func sync() async throws {
        let descriptor = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.ioError("open", rootPath, errno) }
        defer { close(descriptor) }
        if let syncFileSystem = Self.syncFileSystem {
            guard syncFileSystem(descriptor) == 0 else { throw Self.ioError("syncfs", rootPath, errno) }
        } else {
            guard fsync(descriptor) == 0 else { throw Self.ioError("fsync", rootPath, errno) }
            Self.syncEverything()
        }
    }

    /// Linux `syncfs(2)`, looked up at run time: the C library declares it only under
    /// `_GNU_SOURCE`, which Swift's system module does not define. Nil on systems without it.
    private static let syncFileSystem: (@convention(c) (Int32) -> Int32)? = {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    private static func syncEverything() {
        #if canImport(Glibc)
        Glibc.sync()
        #elseif canImport(Darwin)
        Darwin.sync()
        #endif
    }

    // MARK: - Paths and files

    public func localFilePath(_ key: ObjectKey) -> String? {
        try? filePath(for: key, under: absoluteRootPath)
    }

    private func filePath(for key: ObjectKey, under root: String? = nil) throws -> String {
        if key.path == Self.temporaryDirectoryName || key.path.hasPrefix(Self.temporaryDirectoryName + "/") {
            throw TuskError.invalid("object key \"\(key.path)\" is reserved for temporary files of the local object store; use another first component", location: key.path)
        }
        return (root ?? rootPath) + "/" + key.path
    }

    private func moveIntoPlace(_ temporary: String, _ target: String) throws {
        if rename(temporary, target) == 0 { return }
        let code = errno
        guard code == ENOENT else { throw Self.ioError("rename into", target, code) }
        let parent = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw TuskError(.internal, "cannot create the object store directory \"\(parent)\": \(error.localizedDescription)", location: parent, cause: error)
        }
        guard rename(temporary, target) == 0 else { throw Self.ioError("rename into", target, errno) }
    }

    private func collect(relativeDirectory: String, prefix: String, into keys: inout [ObjectKey]) throws {
        let absolute = relativeDirectory.isEmpty ? rootPath : rootPath + "/" + relativeDirectory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: absolute)
        } catch {
            if !FileManager.default.fileExists(atPath: absolute) { return }
            throw TuskError(.internal, "cannot list the object store directory \"\(absolute)\": \(error.localizedDescription)", location: absolute, cause: error)
        }
        for name in names {
            if relativeDirectory.isEmpty && name == Self.temporaryDirectoryName { continue }
            let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
            var status = stat()
            guard lstat(absolute + "/" + name, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                let asDirectory = relative + "/"
                if asDirectory.hasPrefix(prefix) || prefix.hasPrefix(asDirectory) {
                    try collect(relativeDirectory: relative, prefix: prefix, into: &keys)
                }
            } else if (status.st_mode & S_IFMT) == S_IFREG, relative.hasPrefix(prefix) {
                keys.append(ObjectKey(trustedPath: relative))
            }
        }
    }

    private static func writeFile(_ path: String, _ data: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ioError("create", path, errno) }
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, min(buffer.count - offset, 1 << 30))
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if let failure {
            close(descriptor)
            throw ioError("write", path, failure)
        }
        guard close(descriptor) == 0 else { throw ioError("close", path, errno) }
    }

    /// Whether `path` is a regular file (directories of the fan-out are not objects).
    private static func fileExists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    private static func randomName() -> String {
        let value = UInt64.random(in: 0...UInt64.max)
        return "put-\(getpid())-" + String(value, radix: 16)
    }

    private static func ioError(_ operation: String, _ path: String, _ code: Int32) -> TuskError {
        let reason = String(cString: strerror(code))
        return TuskError(.internal, "cannot \(operation) \"\(path)\" in the local object store: \(reason) (errno \(code))", location: path)
    }
}
