import Foundation
import TuskCore

/// Produces the tar stream of `GetFileTAR`, byte for byte in the shape Pachyderm emits (Go's
/// `archive/tar` with USTAR headers, PAX only when needed), so clients that unpack it (the Python
/// SDK's `PFSTarFile`, `pachctl get file -r`) see what they expect.
///
/// The writer is pure and streaming: for a file the caller sends `header(forFile:size:)`, then
/// the content itself, then `padding(afterFileOfSize:)`; after the last entry, `trailer()`.
/// Every entry has mode 0, uid/gid 0, empty user and group names and mtime 0 (the epoch). Names
/// are absolute with a leading `/`; directories end in `/`, have typeflag `5` and size 0.
/// A name longer than 100 bytes is split into the USTAR prefix and name fields when it can be
/// (as Go does); otherwise, or when it is not ASCII, a PAX extended header carries a `path`
/// record. A size beyond the 11 octal digits of USTAR (8 GiB) goes into a PAX `size` record.
public struct TarWriter: Sendable {
    public static let blockSize = 512

    public init() {}

    /// The header block(s) of a directory entry; `path` may be given with or without the
    /// trailing `/` (the root is `/`).
    public func header(forDirectory path: String) -> Data {
        var name = Self.absolute(path)
        if !name.hasSuffix("/") { name += "/" }
        return entryHeader(name: name, typeflag: UInt8(ascii: "5"), size: 0)
    }

    public func header(forDirectory path: FilePath) -> Data {
        header(forDirectory: path.directoryString)
    }

    /// The header block(s) of a regular file of `size` bytes; the caller writes the content next.
    public func header(forFile path: String, size: Int64) -> Data {
        precondition(size >= 0, "a file size cannot be negative")
        return entryHeader(name: Self.absolute(path), typeflag: UInt8(ascii: "0"), size: size)
    }

    public func header(forFile path: FilePath, size: Int64) -> Data {
        header(forFile: path.string, size: size)
    }

    /// The zero bytes that pad file content to a whole block.
    public func padding(afterFileOfSize size: Int64) -> Data {
        Data(count: Self.paddingLength(size))
    }

    /// The end-of-archive marker: two zero blocks.
    public func trailer() -> Data {
        Data(count: 2 * Self.blockSize)
    }

    static func paddingLength(_ size: Int64) -> Int {
        let remainder = Int(size % Int64(blockSize))
        return remainder == 0 ? 0 : blockSize - remainder
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : "/" + path
    }

    private func entryHeader(name: String, typeflag: UInt8, size: Int64) -> Data {
        var records: [(String, String)] = []
        var block = TarHeaderBlock()
        let nameBytes = Array(name.utf8)
        if nameBytes.allSatisfy({ $0 < 0x80 && $0 != 0 }) && nameBytes.count <= TarHeaderBlock.nameLength {
            block.setText(nameBytes, at: TarHeaderBlock.nameOffset, length: TarHeaderBlock.nameLength)
        } else if let (prefix, suffix) = Self.splitForUSTAR(nameBytes) {
            block.setText(prefix, at: TarHeaderBlock.prefixOffset, length: TarHeaderBlock.prefixLength)
            block.setText(suffix, at: TarHeaderBlock.nameOffset, length: TarHeaderBlock.nameLength)
        } else {
            records.append(("path", name))
            block.setText(Self.asciiPrefix(nameBytes, limit: TarHeaderBlock.nameLength), at: TarHeaderBlock.nameOffset, length: TarHeaderBlock.nameLength)
        }
        if size > TarHeaderBlock.maximumOctalSize {
            records.append(("size", String(size)))
            block.setOctal(0, at: TarHeaderBlock.sizeOffset, length: 12)
        } else {
            block.setOctal(size, at: TarHeaderBlock.sizeOffset, length: 12)
        }
        block.finish(typeflag: typeflag)

        var data = Data()
        if !records.isEmpty {
            let body = Self.paxBody(records)
            var pax = TarHeaderBlock()
            pax.setText(Self.paxHeaderName(for: nameBytes), at: TarHeaderBlock.nameOffset, length: TarHeaderBlock.nameLength)
            pax.setOctal(Int64(body.count), at: TarHeaderBlock.sizeOffset, length: 12)
            pax.finish(typeflag: UInt8(ascii: "x"))
            data.append(contentsOf: pax.bytes)
            data.append(contentsOf: body)
            data.append(Data(count: Self.paddingLength(Int64(body.count))))
        }
        data.append(contentsOf: block.bytes)
        return data
    }

    /// Splits a long ASCII name at a `/` into a prefix of at most 155 bytes and a name of at most
    /// 100 bytes, the way Go's `archive/tar` does; nil when no such split exists.
    static func splitForUSTAR(_ name: [UInt8]) -> ([UInt8], [UInt8])? {
        guard name.count > TarHeaderBlock.nameLength, name.allSatisfy({ $0 < 0x80 && $0 != 0 }) else { return nil }
        var length = name.count
        if length > TarHeaderBlock.prefixLength + 1 {
            length = TarHeaderBlock.prefixLength + 1
        } else if name[length - 1] == UInt8(ascii: "/") {
            length -= 1
        }
        guard let slash = name[..<length].lastIndex(of: UInt8(ascii: "/")), slash > 0 else { return nil }
        let suffixLength = name.count - slash - 1
        guard suffixLength > 0, suffixLength <= TarHeaderBlock.nameLength, slash <= TarHeaderBlock.prefixLength else { return nil }
        return (Array(name[..<slash]), Array(name[(slash + 1)...]))
    }

    /// PAX records `"<length> <key>=<value>\n"`, where the length counts the whole record,
    /// its own digits included.
    static func paxBody(_ records: [(String, String)]) -> [UInt8] {
        var body: [UInt8] = []
        for (key, value) in records {
            let content = " \(key)=\(value)\n"
            let contentLength = content.utf8.count
            var total = contentLength + String(contentLength).count
            if String(total).count != String(contentLength).count {
                total = contentLength + String(total).count
            }
            body.append(contentsOf: Array("\(total)\(content)".utf8))
        }
        return body
    }

    /// The name of the PAX header entry itself, `<dir>/PaxHeaders.0/<base>` as Go writes it,
    /// reduced to ASCII and 100 bytes (readers ignore it; it only has to be harmless).
    static func paxHeaderName(for name: [UInt8]) -> [UInt8] {
        var trimmed = name
        while trimmed.count > 1 && trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
        let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) ?? -1
        let directory = slash >= 0 ? Array(trimmed[...slash]) : []
        let base = Array(trimmed[(slash + 1)...])
        return asciiPrefix(directory + Array("PaxHeaders.0/".utf8) + base, limit: TarHeaderBlock.nameLength)
    }

    static func asciiPrefix(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        Array(bytes.filter { $0 < 0x80 && $0 != 0 }.prefix(limit))
    }
}
