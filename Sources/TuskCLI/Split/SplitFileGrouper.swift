import Foundation
import TuskCore

/// One file that `put file --split` writes under the destination directory.
public struct SplitFile: Sendable, Equatable {
    /// The file name inside the directory (`0000000000000001`).
    public let name: String
    public let content: [UInt8]
}

/// Groups split pieces into the numbered files `put file --split` writes.
///
/// Layout of the destination directory `path/` (documented in `put file --help`), as Pachyderm
/// 1.x laid it out:
/// - `0000000000000000`, `0000000000000001`, ... (16 lowercase hex digits) hold the records,
///   at most `--target-file-datums` records or about `--target-file-bytes` bytes each (one
///   record per file when neither is given; a record larger than the byte target gets a file
///   of its own);
/// - the header (the first `--header-records` records, or a pg_dump's statements up to `COPY`)
///   and the footer (a pg_dump's `\.` and what follows) belong to the directory: they are
///   stored under `SplitDirectory`'s reserved names, hidden from listings, and every read of a
///   record file (and every datum) gets them around its records; reading `path/*` returns the
///   original input exactly, with the header once.
public struct SplitFileGrouper: Sendable {
    public static let headerName = SplitDirectory.headerName
    public static let footerName = SplitDirectory.footerName

    let targetDatums: Int
    let targetBytes: Int
    var headerRecordsLeft: Int
    var nextIndex: Int
    var header: [UInt8] = []
    var headerWritten = false
    var footer: [UInt8] = []
    var chunk: [UInt8] = []
    var chunkRecords = 0

    /// - Parameters:
    ///   - targetDatums: records per file (0 = no limit); with both targets 0, one record per file.
    ///   - targetBytes: bytes per file (0 = no limit).
    ///   - headerRecords: how many leading records form the header (for line and json).
    ///   - firstIndex: the number of the first record file (later than existing ones when appending).
    public init(targetDatums: Int = 0, targetBytes: Int = 0, headerRecords: Int = 0, firstIndex: Int = 0) {
        self.targetDatums = targetDatums == 0 && targetBytes == 0 ? 1 : targetDatums
        self.targetBytes = targetBytes
        self.headerRecordsLeft = headerRecords
        self.nextIndex = max(0, firstIndex)
    }

    public static func recordFileName(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// Adds one piece; returns the files it completes.
    public mutating func add(_ piece: SplitPiece) -> [SplitFile] {
        switch piece {
        case .header(let bytes):
            header.append(contentsOf: bytes)
            return []
        case .footer(let bytes):
            footer.append(contentsOf: bytes)
            return []
        case .record(let bytes):
            if headerRecordsLeft > 0 {
                headerRecordsLeft -= 1
                header.append(contentsOf: bytes)
                return []
            }
            var files = flushHeader()
            if targetBytes > 0, chunkRecords > 0, chunk.count + bytes.count > targetBytes {
                files += flushChunk()
            }
            chunk.append(contentsOf: bytes)
            chunkRecords += 1
            if targetDatums > 0, chunkRecords >= targetDatums { files += flushChunk() }
            return files
        }
    }

    /// Ends the input; returns the remaining files (last records, the header if no record came, the footer).
    public mutating func finish() -> [SplitFile] {
        var files = flushHeader()
        files += flushChunk()
        if !footer.isEmpty {
            files.append(SplitFile(name: Self.footerName, content: footer))
            footer = []
        }
        return files
    }

    mutating func flushHeader() -> [SplitFile] {
        guard !headerWritten else { return [] }
        headerWritten = true
        return header.isEmpty ? [] : [SplitFile(name: Self.headerName, content: header)]
    }

    mutating func flushChunk() -> [SplitFile] {
        guard chunkRecords > 0 else { return [] }
        defer {
            chunk = []
            chunkRecords = 0
            nextIndex += 1
        }
        return [SplitFile(name: Self.recordFileName(nextIndex), content: chunk)]
    }

    /// Splits a whole input at once (for tests and small inputs).
    public static func split(_ input: [UInt8], format: SplitFormat, targetDatums: Int = 0, targetBytes: Int = 0, headerRecords: Int = 0) throws -> [SplitFile] {
        var splitter = format.makeSplitter()
        var grouper = SplitFileGrouper(targetDatums: targetDatums, targetBytes: targetBytes, headerRecords: headerRecords)
        var files: [SplitFile] = []
        for piece in try splitter.feed(input) + splitter.finish() { files += grouper.add(piece) }
        return files + grouper.finish()
    }
}
