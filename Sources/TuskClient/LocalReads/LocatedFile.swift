import Foundation
import TuskProto

/// A file as the daemon located it for a short-circuit read: the version it resolved to and
/// the files holding its chunks on the daemon's host, in order, each with its SHA-256.
///
/// It exists so a client on the daemon's host can read a large file without streaming every
/// byte through gRPC; `LocalChunkReader` reads it and the resolved `file` is what a fallback
/// `GetFile` asks for, so both read the same version even if the branch moves meanwhile.
public struct LocatedFile: Sendable {
    /// One chunk: where it lies, how long it is, the digest its bytes must have.
    public struct Chunk: Sendable, Hashable {
        public let path: String
        public let size: Int64
        public let sha256: Data

        public init(path: String, size: Int64, sha256: Data) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The file on its resolved commit (the commit carries its id).
    public let file: PfsV2_File
    public let size: Int64
    public let chunks: [Chunk]

    public init(file: PfsV2_File, size: Int64, chunks: [Chunk]) {
        self.file = file
        self.size = size
        self.chunks = chunks
    }
}
