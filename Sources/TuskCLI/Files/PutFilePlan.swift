import Foundation
import TuskClient
import TuskCore

/// One file to write in a `put file` stream: where it goes and where its bytes come from.
public struct PutFileItem: Sendable, Equatable {
    public let destination: String
    public let source: PutFileSource
    public let size: Int64?

    var isURL: Bool { if case .url = source { return true } else { return false } }

    /// Streams this item into the ModifyFile writer.
    func upload(writer: ModifyFileWriter, append: Bool, untar: Bool, progress: ProgressBar) async throws {
        switch source {
        case .url(let url):
            try await writer.putURL(path: destination, url: url, recursive: false, append: append)
        case .standardInput, .local:
            let chunks = FileChunks(path: localPath)
            if untar {
                try await TarUpload.run(chunks: chunks, root: destination, writer: writer, append: append, progress: progress)
            } else {
                try await writer.putFile(path: destination, from: chunks, append: append, progress: { progress.advance($0) })
            }
        }
    }

    var localPath: String? {
        if case .local(let path) = source { return path }
        return nil
    }
}

/// Every file one `put file` invocation writes, resolved from its sources by the destination
/// rules (`PutFileDestination`), with local directories walked for `-r`.
public struct PutFilePlan: Sendable, Equatable {
    public let items: [PutFileItem]

    /// Known total bytes (local files only), for the progress bar.
    public var totalBytes: Int64? {
        let sizes = items.compactMap(\.size)
        return sizes.count == items.count ? sizes.reduce(0, +) : nil
    }

    public static func make(sources: [PutFileSource], path: String?, recursive: Bool, fullPath: Bool) throws -> PutFilePlan {
        var items: [PutFileItem] = []
        for source in sources {
            let destination = try PutFileDestination.resolve(source: source, path: path, sourceCount: sources.count, recursive: recursive, fullPath: fullPath)
            guard case .local(let localPath) = source else {
                items.append(PutFileItem(destination: destination, source: source, size: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: localPath, isDirectory: &isDirectory) else {
                throw TuskError.notFound("local file \(localPath) does not exist; check the -f value", location: localPath)
            }
            if isDirectory.boolValue {
                guard recursive else {
                    throw TuskError.invalid("\(localPath) is a directory; add -r to put every file below it", location: localPath)
                }
                for file in try LocalFileWalker.walk(localPath) {
                    items.append(PutFileItem(destination: PutFileDestination.join(destination, file.relativePath), source: .local(file.absolutePath), size: file.size))
                }
            } else {
                let size = (try? FileManager.default.attributesOfItem(atPath: localPath)[.size] as? NSNumber)?.int64Value
                // A plain file given with -r is placed as without -r (a trailing "/" still means "inside").
                let fileDestination = recursive
                    ? try PutFileDestination.resolve(source: source, path: path, sourceCount: sources.count, recursive: false, fullPath: fullPath)
                    : destination
                items.append(PutFileItem(destination: fileDestination, source: source, size: size))
            }
        }
        return PutFilePlan(items: items)
    }
}

/// `put file --untar`: each regular file of the archive becomes a file under `root`.
enum TarUpload {
    static func run(chunks: FileChunks, root: String, writer: ModifyFileWriter, append: Bool, progress: ProgressBar) async throws {
        var reader = TarReader()
        var current: String?
        for try await data in chunks {
            progress.advance(data.count)
            for event in try reader.feed(data) {
                switch event {
                case .file(let name, _):
                    let path = PutFileDestination.join(root, name)
                    current = path
                    if !append { try await writer.deleteFile(path: path) }
                    try await writer.putFile(path: path, data: Data(), append: true)
                case .content(let bytes):
                    if let current { try await writer.putFile(path: current, data: bytes, append: true) }
                case .fileEnd, .directory:
                    break
                }
            }
        }
    }
}
