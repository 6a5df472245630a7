import Foundation
import TuskCore

/// The binary form of a tree node, whose SHA-256 is the node's address.
///
/// Layout: magic `TKTN`, a version byte (1), the entry count, then per entry a kind byte
/// (1 = file, 2 = directory), the name (length-prefixed UTF-8) and either the file's chunk list
/// (count, then 32-byte hash and size per chunk) or the directory's node hash, size and file
/// count. Integers are unsigned LEB128 varints. A file's size and content hash are derived from
/// its chunks, so they cannot disagree with them. Decoding rejects anything else with
/// `.dataLoss`: stored bytes that do not parse mean the store is damaged.
extension TreeNode {
    static let magic: [UInt8] = Array("TKTN".utf8)
    static let encodingVersion: UInt8 = 1
    private static let fileTag: UInt8 = 1
    private static let directoryTag: UInt8 = 2

    /// The node's canonical encoding.
    public func encoded() -> Data {
        var output = [UInt8]()
        output.reserveCapacity(16 + entries.count * 64)
        output.append(contentsOf: Self.magic)
        output.append(Self.encodingVersion)
        Self.appendVarint(UInt64(entries.count), to: &output)
        for entry in entries {
            switch entry.kind {
            case .file(let content):
                output.append(Self.fileTag)
                Self.appendName(entry.name, to: &output)
                Self.appendVarint(UInt64(content.chunks.count), to: &output)
                for chunk in content.chunks {
                    chunk.hash.withUnsafeBigEndianBytes { output.append(contentsOf: $0) }
                    Self.appendVarint(UInt64(chunk.size), to: &output)
                }
            case .directory(let summary):
                output.append(Self.directoryTag)
                Self.appendName(entry.name, to: &output)
                summary.hash.withUnsafeBigEndianBytes { output.append(contentsOf: $0) }
                Self.appendVarint(UInt64(summary.size), to: &output)
                Self.appendVarint(UInt64(summary.fileCount), to: &output)
            }
        }
        return Data(output)
    }

    /// Parses an encoding produced by `encoded()`; throws `.dataLoss` for anything else.
    public init(decoding data: Data) throws {
        do {
            self.init(sortedEntries: try Self.decodeEntries(data))
        } catch let failure as ByteReader.Failure {
            throw TuskError(.dataLoss, "tree node encoding of \(data.count) bytes is corrupt: \(failure.reason)")
        }
    }

    private static func decodeEntries(_ data: Data) throws -> [TreeEntry] {
        try data.withUnsafeBytes { buffer -> [TreeEntry] in
            var reader = ByteReader(buffer)
            guard try reader.bytes(4).elementsEqual(Self.magic) else {
                throw ByteReader.Failure("it does not start with the tree node marker")
            }
            let version = try reader.byte()
            guard version == Self.encodingVersion else {
                throw ByteReader.Failure("its encoding version \(version) is not known (expected \(Self.encodingVersion))")
            }
            let count = try reader.count(minimumBytesEach: 4)
            var entries: [TreeEntry] = []
            entries.reserveCapacity(count)
            var names = Set<String>()
            for _ in 0..<count {
                let tag = try reader.byte()
                let name = try reader.name()
                if let problem = Self.problem(withName: name) { throw ByteReader.Failure("entry name \"\(name)\" \(problem)") }
                let kind: TreeEntry.Kind
                switch tag {
                case Self.fileTag:
                    let chunkCount = try reader.count(minimumBytesEach: 33)
                    var chunks: [ChunkRef] = []
                    chunks.reserveCapacity(chunkCount)
                    for _ in 0..<chunkCount {
                        chunks.append(ChunkRef(hash: try reader.hash(), size: try reader.integer()))
                    }
                    kind = .file(FileContent(chunks: chunks))
                case Self.directoryTag:
                    kind = .directory(DirectorySummary(hash: try reader.hash(), size: try reader.integer(), fileCount: try reader.integer()))
                default:
                    throw ByteReader.Failure("entry \"\(name)\" has unknown kind \(tag)")
                }
                let entry = TreeEntry(name: name, kind: kind)
                if let previous = entries.last, !previous.sortsBefore(name: name, isDirectory: entry.isDirectory) {
                    throw ByteReader.Failure("entry \"\(name)\" is out of order after \"\(previous.name)\"")
                }
                guard names.insert(name).inserted else { throw ByteReader.Failure("the name \"\(name)\" appears twice") }
                entries.append(entry)
            }
            guard reader.isAtEnd else { throw ByteReader.Failure("\(reader.remaining) bytes follow the last entry") }
            return entries
        }
    }

    private static func appendName(_ name: String, to output: inout [UInt8]) {
        appendVarint(UInt64(name.utf8.count), to: &output)
        output.append(contentsOf: name.utf8)
    }

    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }
}
