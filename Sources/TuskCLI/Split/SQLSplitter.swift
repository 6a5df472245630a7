import Foundation
import TuskCore

/// Cuts a `pg_dump` into a header (every line up to and including the first
/// `COPY ... FROM stdin;`), one record per data row, and a footer (the `\.` line and every line
/// after it, including any later COPY blocks, which stay whole in the footer).
public struct SQLSplitter: RecordSplitter {
    enum Section { case header, rows, footer }

    var section = Section.header
    var pending: [UInt8] = []
    var sawCopy = false

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) throws -> [SplitPiece] {
        var pieces: [SplitPiece] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(contentsOf: bytes[start...newline])
            pieces.append(classify(pending))
            pending = []
            start = newline + 1
        }
        pending.append(contentsOf: bytes[start...])
        return pieces
    }

    public mutating func finish() throws -> [SplitPiece] {
        var pieces: [SplitPiece] = []
        if !pending.isEmpty {
            pieces.append(classify(pending))
            pending = []
        }
        if !sawCopy {
            throw TuskError.invalid("--split sql found no \"COPY ... FROM stdin;\" line; the input must be a pg_dump in its default (COPY) format", location: "--split sql")
        }
        return pieces
    }

    mutating func classify(_ line: [UInt8]) -> SplitPiece {
        switch section {
        case .header:
            if Self.isCopyStart(line) {
                section = .rows
                sawCopy = true
            }
            return .header(line)
        case .rows:
            if Self.isEndOfData(line) {
                section = .footer
                return .footer(line)
            }
            return .record(line)
        case .footer:
            return .footer(line)
        }
    }

    static func trimmed(_ line: [UInt8]) -> String {
        String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isCopyStart(_ line: [UInt8]) -> Bool {
        let text = trimmed(line)
        return text.uppercased().hasPrefix("COPY ") && text.hasSuffix("FROM stdin;")
    }

    static func isEndOfData(_ line: [UInt8]) -> Bool { trimmed(line) == "\\." }
}
