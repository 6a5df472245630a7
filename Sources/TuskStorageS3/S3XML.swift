import Foundation

/// The little XML S3 speaks, read and written by hand.
///
/// S3's responses used here (ListObjectsV2, errors, multipart uploads) are flat: the values
/// wanted are the texts of simple elements such as `<Key>` or `<UploadId>`, which never nest
/// inside themselves. Reading them by scanning avoids a dependency on libxml2 (FoundationXML)
/// in the server binary. Texts are unescaped (the five named entities and numeric references).
enum S3XML {
    /// The unescaped texts of every `<name>...</name>` in `xml`, in document order.
    static func texts(of name: String, in xml: String) -> [String] {
        let open = "<\(name)>"
        let close = "</\(name)>"
        var results: [String] = []
        var searchStart = xml.startIndex
        while let openRange = xml.range(of: open, range: searchStart..<xml.endIndex),
              let closeRange = xml.range(of: close, range: openRange.upperBound..<xml.endIndex) {
            results.append(unescape(xml[openRange.upperBound..<closeRange.lowerBound]))
            searchStart = closeRange.upperBound
        }
        return results
    }

    /// The unescaped text of the first `<name>...</name>` in `xml`.
    static func text(of name: String, in xml: String) -> String? {
        guard let openRange = xml.range(of: "<\(name)>"),
              let closeRange = xml.range(of: "</\(name)>", range: openRange.upperBound..<xml.endIndex) else { return nil }
        return unescape(xml[openRange.upperBound..<closeRange.lowerBound])
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for element text.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }

    /// Replaces entity and character references; an unknown or malformed one is kept as text.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].firstIndex(of: ";"),
                  text.distance(from: index, to: semicolon) <= 10,
                  let replacement = entity(text[text.index(after: index)..<semicolon]) else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            output += replacement
            index = text.index(after: semicolon)
        }
        return output
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
