import Foundation
import TuskCore

/// Extracts a `GetFileTAR` stream under a local directory, removing a path prefix from each
/// entry name and refusing names that would escape the directory.
actor TarExtractor {
    let directory: String
    let strippedPrefix: FilePath
    var reader = TarReader()
    var current: FileHandle?

    init(directory: String, strippedPrefix: String) {
        self.directory = directory
        self.strippedPrefix = (try? FilePath(validating: strippedPrefix)) ?? .root
    }

    func feed(_ data: Data) throws {
        for event in try reader.feed(data) {
            switch event {
            case .directory(let name):
                let path = try FilePath(validating: name)
                guard path.relative(to: strippedPrefix)?.isRoot != true else { continue }
                try FileManager.default.createDirectory(atPath: try localPath(name), withIntermediateDirectories: true)
            case .file(let name, _):
                let path = try localPath(name)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                    throw TuskError.precondition("cannot create the local file \(path)", location: path)
                }
                current = handle
            case .content(let bytes):
                try current?.write(contentsOf: bytes)
            case .fileEnd:
                try current?.close()
                current = nil
            }
        }
    }

    func finish() throws {
        try current?.close()
        current = nil
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func localPath(_ name: String) throws -> String {
        let path = try FilePath(validating: name)
        var relative = path.relative(to: strippedPrefix) ?? path
        if relative.isRoot { relative = FilePath(trustedComponents: [path.name]) }
        return directory + relative.string
    }
}
