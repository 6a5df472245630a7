import TuskCore

/// Reads JSON text into `SpecValue`s: one value, or a stream of values separated by
/// whitespace (`{...} {...}`), as `pachctl create pipeline -f` accepts.
///
/// Written here (rather than using a platform JSON parser) so that numbers keep their exact
/// text, object keys keep their order, and errors give the line and column of the problem.
struct JSONReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// Every top-level value in the text, in order.
    mutating func readStream() throws -> [SpecValue] {
        var values: [SpecValue] = []
        skipWhitespace()
        while position < bytes.count {
            values.append(try readValue(depth: 0))
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                // Tolerate `{...},{...}` between stream elements.
                position += 1
                skipWhitespace()
            }
        }
        return values
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0a, 0x0d: position += 1
            default: return
            }
        }
    }

    private func error(_ problem: String) -> TuskError {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(position, bytes.count)] {
            if byte == 0x0a { line += 1; column = 1 } else { column += 1 }
        }
        return TuskError.invalid("JSON is not valid at line \(line), column \(column): \(problem)", location: "line \(line)")
    }

    private mutating func readValue(depth: Int) throws -> SpecValue {
        guard depth < 200 else { throw error("values are nested more than 200 levels deep") }
        skipWhitespace()
        guard position < bytes.count else { throw error("the text ends where a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default:
            throw error("unexpected character \"\(String(decoding: [bytes[position]], as: UTF8.self))\"; expected an object, list, string, number, true, false or null")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let wordBytes = Array(word.utf8)
        guard position + wordBytes.count <= bytes.count,
              Array(bytes[position..<position + wordBytes.count]) == wordBytes else {
            throw error("expected \"\(word)\"")
        }
        position += wordBytes.count
    }

    private mutating func readObject(depth: Int) throws -> SpecValue {
        position += 1
        var members: [SpecMember] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key")
            }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected \":\" after the key \"\(key)\"")
            }
            position += 1
            members.append(SpecMember(key, try readValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw error("the object is never closed; add \"}\"") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected \",\" or \"}\" after the value of \"\(key)\"")
        }
    }

    private mutating func readArray(depth: Int) throws -> SpecValue {
        position += 1
        var elements: [SpecValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw error("the list is never closed; add \"]\"") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected \",\" or \"]\" in a list")
        }
    }

    private mutating func readNumber() throws -> String {
        let start = position
        let allowed: Set<UInt8> = Set("0123456789+-.eE".utf8)
        while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard Double(text) != nil else { throw error("\"\(text)\" is not a number") }
        return text
    }

    private mutating func readString() throws -> String {
        position += 1
        var output: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0a)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0d)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0c)
                case UInt8(ascii: "u"):
                    var scalarValue = try readHexQuad()
                    if (0xD800..<0xDC00).contains(scalarValue), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try readHexQuad()
                        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(scalarValue) else { throw error("\\u escape is not a valid character") }
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: output.append(escaped)
                }
            default:
                output.append(byte)
            }
        }
        throw error("the string is never closed; add a closing \"")
    }

    private mutating func readHexQuad() throws -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw error("\\u must be followed by four hex digits")
        }
        position += 4
        return value
    }
}
