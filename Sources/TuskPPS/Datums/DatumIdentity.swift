import Crypto
import TuskCore

/// How datum ids and hashes are computed (reference §6.4, with SHA-256 in place of BLAKE2b).
///
/// The id depends only on where the data is, so the same file at the same path keeps its id
/// across jobs; the hash adds what the data is and the pipeline salt, so a changed file (or a
/// `--reprocess`, which changes the salt) changes the hash and the datum is processed again.
public enum DatumIdentity {
    /// For each input in order: name, repo, branch and matched path, each followed by its byte
    /// length as an 8-byte big-endian integer.
    public static func id(of inputs: [DatumInput]) -> String {
        var hasher = SHA256()
        for input in inputs {
            for field in [input.name, input.repo, input.branch, input.path] {
                let bytes = Array(field.utf8)
                hasher.update(data: bytes)
                hasher.update(data: bigEndianBytes(UInt64(bytes.count)))
            }
        }
        return hex(hasher.finalize())
    }

    /// The id's text, then the raw 32-byte content hash of every input not marked `reference`,
    /// then the salt.
    public static func hash(id: String, inputs: [DatumInput], salt: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(id.utf8))
        for input in inputs where !input.reference {
            hasher.update(data: input.hash.bytes)
        }
        hasher.update(data: Array(salt.utf8))
        return hex(hasher.finalize())
    }

    private static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    private static func hex<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in digest {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
