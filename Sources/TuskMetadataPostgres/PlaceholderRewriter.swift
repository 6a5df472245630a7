import Synchronization

/// Turns the portable `?` placeholders of a statement into PostgreSQL's numbered `$1, $2, ...`.
///
/// It exists because the engines write every statement once, with `?`, and PostgreSQL only knows
/// numbered parameters. A `?` inside a string literal (`'...'`, `E'...'`, `$tag$...$tag$`), a
/// quoted identifier (`"..."`) or a comment is text, not a placeholder, and is left alone. Each
/// distinct statement is rewritten once and remembered (statements come from code, so there are
/// few; the cache is emptied if it ever grows past `cacheLimit`).
final class PlaceholderRewriter: Sendable {
    /// A rewritten statement and how many parameters it takes.
    struct Rewritten: Sendable, Hashable {
        let sql: String
        let parameterCount: Int
    }

    static let cacheLimit = 2_048
    private let cache = Mutex<[String: Rewritten]>([:])

    /// `sql` with its placeholders numbered, from the cache when it was seen before.
    func rewrite(_ sql: String) -> Rewritten {
        if let known = cache.withLock({ $0[sql] }) { return known }
        let rewritten = Self.rewrite(sql)
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[sql] = rewritten
        }
        return rewritten
    }

    /// The rewrite itself, without the cache.
    static func rewrite(_ sql: String) -> Rewritten {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "?"):
                count += 1
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: Array(String(count).utf8))
                index += 1
            case UInt8(ascii: "'"):
                let escapes = isEscapeStringPrefix(bytes, before: index)
                let end = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "\""):
                let end = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                let end = endOfBlockComment(bytes, from: index)
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "$"):
                if let end = endOfDollarQuoted(bytes, from: index) {
                    output.append(contentsOf: bytes[index..<end])
                    index = end
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return Rewritten(sql: String(decoding: output, as: UTF8.self), parameterCount: count)
    }

    /// Whether the quote at `index` opens an `E'...'` string, in which a backslash escapes.
    private static func isEscapeStringPrefix(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index >= 1, bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e") else {
            return false
        }
        return index < 2 || !isIdentifierByte(bytes[index - 2])
    }

    /// The index just past the literal or identifier opened by the quote at `start`; a doubled
    /// quote inside is an escaped quote. An unterminated one runs to the end.
    private static func endOfQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes, byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The index just past a `/* ... */` comment starting at `start`; PostgreSQL nests them.
    private static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// The index just past a `$tag$ ... $tag$` string starting at `start`, or nil when the `$`
    /// does not open one (a `$1` parameter, or a `$` inside an identifier).
    private static func endOfDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int? {
        if start > 0, isIdentifierByte(bytes[start - 1]) { return nil }
        var tagEnd = start + 1
        while tagEnd < bytes.count, bytes[tagEnd] != UInt8(ascii: "$") {
            let byte = bytes[tagEnd]
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isIdentifierByte(byte), !(isDigit && tagEnd == start + 1) else { return nil }
            tagEnd += 1
        }
        guard tagEnd < bytes.count else { return nil }
        let tag = Array(bytes[start...tagEnd])
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$"), Array(bytes[index..<(index + tag.count)]) == tag {
                return index + tag.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
