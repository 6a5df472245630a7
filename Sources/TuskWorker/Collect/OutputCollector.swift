import Foundation
import TuskCore
import TuskStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns what user code left in `/pfs/out` into stored output entries, or refuses it.
///
/// The walk never follows a symlink: directories are opened relative to their parent with
/// `O_NOFOLLOW | O_DIRECTORY`, files with `O_NOFOLLOW` and checked on the open descriptor, so a
/// symlink swapped in during the walk fails the datum instead of leaking host bytes. Regular
/// files are streamed into the content store (a file of one chunk with no other name is linked
/// into a local object store rather than copied: every process of the datum has ended, and
/// its name under `/pfs/out` is removed with the slot's contents); symlinks into an input file
/// become references;
/// anything else (a symlink elsewhere, a hard link to a file outside `/pfs/out`, a fifo,
/// device or socket, an invalid path) refuses the whole output, naming the path.
struct OutputCollector {
    let contents: ContentStore
    let inputs: [DatumInput]
    /// Whether single-chunk files may be linked into the store (not when the datum's directory
    /// is kept for inspection: its files must not share the stored inodes).
    var adoptsFiles = true

    struct Collected {
        var entries: [OutputEntry] = []
        var storedBytes: Int64 = 0
    }

    /// Links seen for a multiply linked file: how many it has, how many are under out.
    private struct LinkCount {
        var total: UInt
        var seen: UInt
        var firstPath: String
    }

    private struct WalkState {
        var collected = Collected()
        var links: [String: LinkCount] = [:]
    }

    func collect(outDirectory: String) async throws -> Collected {
        let root = open(outDirectory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else {
            throw OutputRefusal(reason: "/pfs/out is no longer a directory (\(LinuxSystem.describe(errno))); user code must leave /pfs/out in place and write its files inside it")
        }
        defer { close(root) }
        var state = WalkState()
        try await walk(root, relative: [], state: &state)
        for (_, count) in state.links where count.seen < count.total {
            throw OutputRefusal(reason: "output \(count.firstPath) is a hard link to a file outside /pfs/out (\(count.total) links, \(count.seen) in /pfs/out); write the file's bytes into /pfs/out, or symlink to an input file")
        }
        state.collected.entries.sort { $0.path < $1.path }
        return state.collected
    }

    private func walk(_ directory: Int32, relative: [String], state: inout WalkState) async throws {
        for name in try Self.names(in: directory, relative: relative) {
            let components = relative + [name]
            let shown = "/" + components.joined(separator: "/")
            var status = stat()
            guard fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                throw OutputRefusal(reason: "cannot inspect output \(shown): \(LinuxSystem.describe(errno))")
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else {
                    throw OutputRefusal(reason: "output directory \(shown) changed while it was collected (\(LinuxSystem.describe(errno))); no process may modify /pfs/out after the command ends")
                }
                defer { close(child) }
                try await walk(child, relative: components, state: &state)
            case S_IFREG:
                try await storeFile(named: name, in: directory, path: try Self.outputPath(shown), state: &state)
            case S_IFLNK:
                try referenceLink(named: name, in: directory, components: components, path: try Self.outputPath(shown), state: &state)
            default:
                throw OutputRefusal(reason: "output \(shown) is a \(Self.kind(of: status.st_mode)); only regular files, directories and symlinks to input files can be outputs")
            }
        }
    }

    private func storeFile(named name: String, in directory: Int32, path: FilePath, state: inout WalkState) async throws {
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputRefusal(reason: "cannot open output \(path) (\(LinuxSystem.describe(errno))); it may have been replaced by a symlink while it was collected")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw OutputRefusal(reason: "output \(path) changed while it was collected; no process may modify /pfs/out after the command ends")
        }
        if status.st_nlink > 1 {
            let key = "\(status.st_dev):\(status.st_ino)"
            var count = state.links[key] ?? LinkCount(total: UInt(status.st_nlink), seen: 0, firstPath: path.string)
            count.seen += 1
            state.links[key] = count
        }
        let size = Int(status.st_size)
        if adoptsFiles, size > 0, size < Self.singleChunkLimit, status.st_nlink == 1 {
            // One chunk, and no other name for the file: the store can adopt the file itself.
            let data = try Self.readAll(descriptor, expected: size, path: path)
            let chunk = try await contents.putChunk(data, linking: descriptor)
            state.collected.storedBytes += Int64(size)
            state.collected.entries.append(.file(path: path, content: FileContent(chunks: [chunk])))
            return
        }
        var writer = FileWriter(store: contents)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputRefusal(reason: "cannot read output \(path): \(LinuxSystem.describe(errno))")
            }
            if count == 0 { break }
            try await writer.write(Data(buffer[0..<count]))
        }
        state.collected.storedBytes += writer.bytesWritten
        state.collected.entries.append(.file(path: path, content: try await writer.finish()))
    }

    /// Files shorter than the chunker's minimum are always one chunk.
    static let singleChunkLimit = ChunkerParameters.standard.minimumSize

    /// The file's bytes, which must be exactly `expected` long (one byte more is read to notice
    /// a file that grew since it was inspected).
    private static func readAll(_ descriptor: Int32, expected: Int, path: FilePath) throws -> Data {
        var data = Data(count: expected + 1)
        var offset = 0
        while offset <= expected {
            let count = data.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + offset }, expected + 1 - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputRefusal(reason: "cannot read output \(path): \(LinuxSystem.describe(errno))")
            }
            if count == 0 { break }
            offset += count
        }
        guard offset == expected else {
            throw OutputRefusal(reason: "output \(path) changed while it was collected; no process may modify /pfs/out after the command ends")
        }
        data.removeLast()
        return data
    }

    private func referenceLink(named name: String, in directory: Int32, components: [String], path: FilePath, state: inout WalkState) throws {
        let target = try Self.linkText(named: name, in: directory, path: path)
        let escape = OutputRefusal(reason: "output \(path) is a symlink to \"\(target)\", which leads outside the datum's inputs; only symlinks to files under /pfs/<input>/ are allowed (they are stored by reference)")
        let resolved = SymlinkTarget.resolve(target, linkDirectory: Array(components.dropLast()))
        guard let location = SymlinkTarget.inputLocation(of: resolved) else { throw escape }
        let matching = inputs.filter { $0.name == location.input }
        guard !matching.isEmpty else { throw escape }
        var found: [OutputEntry] = []
        var seen = Set<FilePath>()
        for input in matching {
            for file in input.files {
                guard let filePath = try? FilePath(validating: file.path),
                      let below = filePath.relative(to: location.path), seen.insert(filePath).inserted else { continue }
                let content = FileContent(chunks: file.chunks.map { ChunkRef(hash: $0.hash, size: $0.size) })
                found.append(.reference(path: path.appending(below), input: location.input, inputPath: filePath, content: content))
            }
        }
        guard !found.isEmpty else {
            throw OutputRefusal(reason: "output \(path) is a symlink to \"\(target)\", which is not a file of the datum's input \"\(location.input)\"; a symlink must point at a file (or directory of files) that this datum received")
        }
        state.collected.entries.append(contentsOf: found)
    }

    private static func linkText(named name: String, in directory: Int32, path: FilePath) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlinkat(directory, name, &buffer, buffer.count - 1)
        guard length >= 0 else {
            throw OutputRefusal(reason: "cannot read the symlink \(path): \(LinuxSystem.describe(errno))")
        }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The entry names of an open directory, sorted; names that are not UTF-8 are refused.
    private static func names(in directory: Int32, relative: [String]) throws -> [String] {
        let shown = "/" + relative.joined(separator: "/")
        let copy = dup(directory)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw OutputRefusal(reason: "cannot list output directory \(shown): \(LinuxSystem.describe(errno))")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
                let bytes = raw.prefix { $0 != 0 }
                return String(validating: bytes, as: UTF8.self)
            }
            guard let name else {
                throw OutputRefusal(reason: "output directory \(shown) holds a name that is not valid UTF-8; output names must be UTF-8")
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private static func outputPath(_ shown: String) throws -> FilePath {
        do {
            return try FilePath(validating: shown, forWriting: true)
        } catch let error as TuskError {
            throw OutputRefusal(reason: "output \(shown) is not a valid file path: \(error.message)")
        }
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "fifo"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        default: return "special file"
        }
    }
}
