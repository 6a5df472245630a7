import TuskCore

/// Checks and derives Kubernetes object names (RFC 1123 labels: lowercase letters, digits and
/// `-`, at most 63 characters, starting and ending with a letter or digit).
///
/// It exists because Tusk names (pipelines, projects) allow capitals and `_`, which Kubernetes
/// refuses; deriving a valid name in one place keeps worker objects findable and stable.
public enum KubernetesNames {
    public static let maximumLength = 63

    /// Whether `name` is a valid RFC 1123 label.
    public static func isValidLabel(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= maximumLength else { return false }
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, isLowercaseAlphanumeric(first), isLowercaseAlphanumeric(last) else { return false }
        return scalars.allSatisfy { isLowercaseAlphanumeric($0) || $0 == "-" }
    }

    /// Throws a `TuskError` naming `what` when `name` is not a valid label.
    public static func validate(_ name: String, as what: String) throws {
        guard isValidLabel(name) else {
            throw TuskError.invalid("\(what) \"\(name)\" is not a valid Kubernetes name; use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit", location: what)
        }
    }

    /// A valid label made from arbitrary text: lowercased, other characters turned into `-`,
    /// and, when it had to be shortened or changed, a short stable hash of the original appended
    /// so that two different names never map to the same object.
    public static func label(from text: String, maximumLength: Int = maximumLength) -> String {
        var cleaned = ""
        for scalar in text.lowercased().unicodeScalars {
            cleaned.unicodeScalars.append(isLowercaseAlphanumeric(scalar) ? scalar : "-")
        }
        cleaned = String(cleaned.drop(while: { $0 == "-" }).reversed().drop(while: { $0 == "-" }).reversed())
        if cleaned == text && cleaned.count <= maximumLength && !cleaned.isEmpty { return cleaned }
        let suffix = "-" + stableHash(text)
        let room = maximumLength - suffix.count
        var head = String(cleaned.prefix(room))
        while head.hasSuffix("-") { head.removeLast() }
        return (head.isEmpty ? "x" : head) + suffix
    }

    /// Eight hex digits of FNV-1a over the UTF-8 bytes: stable across runs and platforms.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    private static func isLowercaseAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
