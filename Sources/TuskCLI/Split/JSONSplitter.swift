import TuskCore

/// Cuts a stream of top-level JSON values (objects, arrays, strings, numbers, literals) into
/// records. A record is one value plus the whitespace after it; whitespace before the first
/// value belongs to the first record, so the records concatenate back to the exact input.
public struct JSONSplitter: RecordSplitter {
    enum State: Equatable {
        /// Before the first value (only whitespace seen).
        case beforeValue
        /// Inside an object or array at this nesting depth.
        case container(depth: Int)
        /// Inside a string at the top level.
        case topLevelString
        /// Inside a bare scalar (number, true, false, null).
        case scalar
        /// After a value, taking the whitespace that follows it.
        case trailing
    }

    var state = State.beforeValue
    var inNestedString = false
    var escaped = false
    var current: [UInt8] = []
    var offset = 0

    public init() {}

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }

    public mutating func feed(_ bytes: [UInt8]) throws -> [SplitPiece] {
        var pieces: [SplitPiece] = []
        for byte in bytes {
            try step(byte, into: &pieces)
            offset += 1
        }
        return pieces
    }

    mutating func step(_ byte: UInt8, into pieces: inout [SplitPiece]) throws {
        switch state {
        case .beforeValue:
            current.append(byte)
            if !Self.isWhitespace(byte) { try startValue(byte) }
        case .trailing:
            if Self.isWhitespace(byte) {
                current.append(byte)
            } else {
                pieces.append(.record(current))
                current = [byte]
                try startValue(byte)
            }
        case .scalar:
            if Self.isWhitespace(byte) {
                current.append(byte)
                state = .trailing
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") {
                pieces.append(.record(current))
                current = [byte]
                try startValue(byte)
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                throw unexpected(byte)
            } else {
                current.append(byte)
            }
        case .topLevelString:
            current.append(byte)
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { state = .trailing }
        case .container(let depth):
            current.append(byte)
            if inNestedString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inNestedString = false }
            } else if byte == UInt8(ascii: "\"") {
                inNestedString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                state = .container(depth: depth + 1)
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                state = depth == 1 ? .trailing : .container(depth: depth - 1)
            }
        }
    }

    mutating func startValue(_ byte: UInt8) throws {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["): state = .container(depth: 1)
        case UInt8(ascii: "\""): state = .topLevelString
        case UInt8(ascii: "}"), UInt8(ascii: "]"): throw unexpected(byte)
        default: state = .scalar
        }
    }

    func unexpected(_ byte: UInt8) -> TuskError {
        TuskError.invalid("--split json: unexpected \"\(Character(Unicode.Scalar(byte)))\" at byte \(offset) of the input; it must be a sequence of JSON values", location: "byte \(offset)")
    }

    public mutating func finish() throws -> [SplitPiece] {
        defer { current = [] }
        switch state {
        case .container, .topLevelString:
            throw TuskError.invalid("--split json: the input ends inside a JSON value (an unclosed object, array or string)", location: "byte \(offset)")
        case .beforeValue, .scalar, .trailing:
            return current.isEmpty ? [] : [.record(current)]
        }
    }
}
