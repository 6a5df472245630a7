/// Cuts input into lines; each record keeps its `\n`, and a last line without one is a record too.
public struct LineSplitter: RecordSplitter {
    var pending: [UInt8] = []

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) throws -> [SplitPiece] {
        var pieces: [SplitPiece] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(contentsOf: bytes[start...newline])
            pieces.append(.record(pending))
            pending = []
            start = newline + 1
        }
        pending.append(contentsOf: bytes[start...])
        return pieces
    }

    public mutating func finish() throws -> [SplitPiece] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.record(pending)]
    }
}
