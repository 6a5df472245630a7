import Crypto
import Foundation
import TuskCore

extension ContentHash {
    /// The SHA-256 digest of `data`, the address of a chunk or a tree node.
    public static func sha256(of data: Data) -> ContentHash {
        ContentHash(digest: SHA256.hash(data: data))
    }

    /// The SHA-256 digest of raw bytes.
    public static func sha256(of bytes: UnsafeRawBufferPointer) -> ContentHash {
        ContentHash(digest: SHA256.hash(data: bytes))
    }

    /// The hash of a finished SHA-256 computation. A digest always has 32 bytes.
    init(digest: SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { bytes in
            func word(_ start: Int) -> UInt64 {
                var value: UInt64 = 0
                for index in start..<(start + 8) { value = value << 8 | UInt64(bytes[index]) }
                return value
            }
            words = (word(0), word(8), word(16), word(24))
        }
        self.init(words: words)
    }

    /// Feeds the 32 digest bytes into `hasher`.
    func update(_ hasher: inout SHA256) {
        withUnsafeBigEndianBytes { hasher.update(bufferPointer: $0) }
    }

    /// Calls `body` with the 32 digest bytes, without allocating.
    func withUnsafeBigEndianBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try withUnsafeBytes(of: &bigEndian) { try body($0) }
    }
}
