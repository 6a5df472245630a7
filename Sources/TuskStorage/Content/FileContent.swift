import Crypto
import Foundation
import TuskCore

/// One stored chunk of a file: its content hash (which is also its object key) and its length.
public struct ChunkRef: Hashable, Sendable {
    public var hash: ContentHash
    public var size: Int64

    public init(hash: ContentHash, size: Int64) {
        self.hash = hash
        self.size = size
    }
}

/// The content of one file as the ordered list of chunks that make it up.
///
/// A file is never stored as one blob: it is a chunk list, so identical chunks are shared
/// across files, commits and repos, and an append adds chunks without rewriting stored bytes.
/// `hash` identifies the content: SHA-256 over the concatenated 32-byte chunk hashes (for the
/// empty file, SHA-256 of nothing). Equal chunk lists give equal hashes.
public struct FileContent: Hashable, Sendable {
    public let chunks: [ChunkRef]
    /// Total length in bytes, the sum of the chunk sizes.
    public let size: Int64
    public let hash: ContentHash

    /// Builds the content of a file from its chunks, computing size and hash.
    public init(chunks: [ChunkRef]) {
        var hasher = SHA256()
        var size: Int64 = 0
        for chunk in chunks {
            chunk.hash.update(&hasher)
            size += chunk.size
        }
        self.init(chunks: chunks, size: size, hash: ContentHash(digest: hasher.finalize()))
    }

    /// Builds the content from values already known to belong together (a decoded tree node,
    /// whose own hash vouches for them).
    init(chunks: [ChunkRef], size: Int64, hash: ContentHash) {
        self.chunks = chunks
        self.size = size
        self.hash = hash
    }

    /// The empty file.
    public static let empty = FileContent(chunks: [])

    /// This content followed by `other`: the chunk lists concatenated, no bytes rewritten.
    public func appending(_ other: FileContent) -> FileContent {
        if other.chunks.isEmpty { return self }
        if chunks.isEmpty { return other }
        return FileContent(chunks: chunks + other.chunks)
    }
}
