import Foundation
import TuskCore
import TuskStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Puts a datum's input files on disk under `<datum root>/pfs/<input name>/<path>`.
///
/// A file made of one chunk whose object is a regular file of the local object store is
/// hard-linked, so a large input costs no copy; the launcher mounts input directories
/// read-only, so user code cannot change the store's bytes through the link. Every other file
/// is written by streaming its verified chunks. With `empty_files` the files are created empty.
struct InputMaterializer {
    let contents: ContentStore

    /// Names that are not inputs: the output and scratch directories of `/pfs`.
    static let reservedNames: Set<String> = ["out", ".scratch"]

    /// Materialises every input; returns the number of bytes made available.
    func materialize(_ inputs: [DatumInput], into pfsDirectory: String) async throws -> Int64 {
        var bytes: Int64 = 0
        for input in inputs {
            let inputDirectory = pfsDirectory + "/" + (try Self.validatedName(input.name))
            try Self.createDirectory(inputDirectory)
            let matched = try FilePath(validating: input.matchedPath)
            var matchedIsFile = false
            for file in input.files {
                let path = try FilePath(validating: file.path)
                if path == matched { matchedIsFile = true }
                bytes += try await place(file, at: inputDirectory + path.string, emptyFile: input.emptyFiles)
            }
            if !matchedIsFile {
                try Self.createDirectory(inputDirectory + matched.string)
            }
        }
        return bytes
    }

    /// Validates an input name as one directory name under `/pfs`.
    static func validatedName(_ name: String) throws -> String {
        let valid = !name.isEmpty && !name.contains("/") && name != "." && name != ".."
            && !reservedNames.contains(name) && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
        guard valid else {
            throw TuskError.invalid("input name \"\(name)\" cannot be a directory under /pfs; input names must be non-empty, contain no \"/\", and not be \"out\" or \".scratch\"", location: name)
        }
        return name
    }

    private func place(_ file: DatumInputFile, at target: String, emptyFile: Bool) async throws -> Int64 {
        if let slash = target.lastIndex(of: "/") {
            try Self.createDirectory(String(target[..<slash]))
        }
        if Self.exists(target) { return 0 }
        if emptyFile {
            close(try Self.create(target))
            return 0
        }
        if linkFromObjectStore(file, at: target) { return file.size }
        try await writeChunks(of: file, to: target)
        return file.size
    }

    /// Hard-links a single-chunk file from the local object store; false when that is not
    /// possible (several chunks, a remote store, another file system), so the caller copies.
    private func linkFromObjectStore(_ file: DatumInputFile, at target: String) -> Bool {
        guard file.chunks.count == 1, let chunk = file.chunks.first, let objectPath = contents.localPath(of: chunk.hash) else { return false }
        var status = stat()
        guard lstat(objectPath, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int64(status.st_size) == chunk.size else { return false }
        return link(objectPath, target) == 0
    }

    private func writeChunks(of file: DatumInputFile, to target: String) async throws {
        let content = FileContent(chunks: file.chunks.map { ChunkRef(hash: $0.hash, size: $0.size) })
        let descriptor = try Self.create(target)
        defer { close(descriptor) }
        for try await data in FileReader(store: contents).chunks(of: content) {
            try Self.writeAll(data, to: descriptor, path: target)
        }
    }

    private static func create(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ioError("create the input file", path, errno) }
        return descriptor
    }

    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw ioError("write the input file", path, errno)
                }
                offset += count
            }
        }
    }

    static func createDirectory(_ path: String) throws {
        if let code = ScratchTree.makeDirectories(path) {
            throw TuskError(.internal, "cannot create the datum directory \"\(path)\": \(LinuxSystem.describe(code)) (errno \(code))", location: path)
        }
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    private static func ioError(_ operation: String, _ path: String, _ code: Int32) -> TuskError {
        TuskError(.internal, "cannot \(operation) \"\(path)\": \(LinuxSystem.describe(code)) (errno \(code)); check the scratch directory's disk space and permissions", location: path)
    }
}
