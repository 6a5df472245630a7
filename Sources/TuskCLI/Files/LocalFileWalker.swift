import Foundation
import TuskCore

/// A regular file found by walking a local directory, with its path relative to the walk root.
public struct LocalFile: Sendable, Equatable {
    public let absolutePath: String
    public let relativePath: String
    public let size: Int64
}

/// Lists the regular files below a local directory for `put file -r`, in path order, following
/// no symbolic links to directories (a link to a file is read as that file).
public enum LocalFileWalker {
    public static func walk(_ root: String) throws -> [LocalFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw TuskError.notFound("local path \(root) does not exist; check the -f value", location: root)
        }
        guard isDirectory.boolValue else {
            let size = (try? manager.attributesOfItem(atPath: root)[.size] as? NSNumber)?.int64Value ?? 0
            return [LocalFile(absolutePath: root, relativePath: URL(fileURLWithPath: root).lastPathComponent, size: size)]
        }
        var files: [LocalFile] = []
        try walkDirectory(root, relative: "", into: &files)
        return files
    }

    static func walkDirectory(_ directory: String, relative: String, into files: inout [LocalFile]) throws {
        let manager = FileManager.default
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw TuskError.precondition("cannot read local directory \(directory): \(error.localizedDescription)", location: directory)
        }
        for name in names {
            let path = directory + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            // lstat says whether it is a link; stat what it names (a dangling link is skipped).
            var own = stat()
            var target = stat()
            guard lstat(path, &own) == 0, stat(path, &target) == 0 else { continue }
            let isLink = (own.st_mode & S_IFMT) == S_IFLNK
            if (target.st_mode & S_IFMT) == S_IFDIR {
                if !isLink { try walkDirectory(path, relative: relativePath, into: &files) }
            } else {
                files.append(LocalFile(absolutePath: path, relativePath: relativePath, size: Int64(target.st_size)))
            }
        }
    }
}
