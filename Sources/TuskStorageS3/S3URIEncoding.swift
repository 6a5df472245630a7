/// The percent-encoding S3's Signature Version 4 requires, in one place.
///
/// SigV4 signs the request path and query in an exact textual form: every byte except the
/// unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XY` with upper-case hex digits, and a
/// space is `%20`, never `+`. Object paths keep their `/` separators; query names and values
/// encode `/` as well. The same text is both sent and signed, so the two can never disagree.
enum S3URIEncoding {
    /// Encodes `text` as one path of an object: each `/`-separated segment encoded once, `/` kept.
    static func encodePath(_ text: String) -> String {
        encode(text, keepingSlash: true)
    }

    /// Encodes a query parameter name or value (`/` becomes `%2F`).
    static func encodeQueryComponent(_ text: String) -> String {
        encode(text, keepingSlash: false)
    }

    /// The canonical query string: names and values encoded, pairs sorted by encoded name and
    /// then value, `name=value` joined by `&` (a parameter without a value is `name=`).
    static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        parameters
            .map { (encodeQueryComponent($0.name), encodeQueryComponent($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
