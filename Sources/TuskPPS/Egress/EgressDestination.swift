import Foundation
import TuskCore

/// Where a pipeline's `egress` URL sends the files of each successful output commit.
///
/// It exists so that the pipeline system copies outputs without knowing the destination's
/// protocol: `file://` directories are built in (`DirectoryEgress`), and the composition root
/// adds others (`s3://` through the same S3 client as the object store) with an `EgressResolver`.
public protocol EgressDestination: Sendable {
    /// Writes one file at `path` (absolute within the commit, e.g. `/a/b.png`); `content`
    /// yields its `size` bytes in order. Writing a path again replaces it.
    func write(path: String, size: Int64, content: AsyncThrowingStream<Data, any Error>) async throws
}

/// Turns an egress URL into a destination; the pipeline system asks its resolver for every
/// scheme except `file://`.
public protocol EgressResolver: Sendable {
    /// The destination for `url`, or nil when this resolver does not handle its scheme.
    func destination(for url: String) async throws -> (any EgressDestination)?
}

/// Egress into a local directory (`file:///dir`): each file is written under the directory
/// with its path in the commit.
struct DirectoryEgress: EgressDestination {
    let root: String

    func write(path: String, size: Int64, content: AsyncThrowingStream<Data, any Error>) async throws {
        let target = root + path
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        defer { try? handle.close() }
        for try await chunk in content { try handle.write(contentsOf: chunk) }
    }
}
