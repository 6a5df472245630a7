extension ManifestValue {
    /// The value as block-style YAML (no leading `---`), ending in a newline.
    ///
    /// Strings are printed plain only when a YAML 1.1 reader (kubectl's, Yams) would read them
    /// back as the same string; anything that could be taken for a number, a boolean, null or
    /// syntax (`"5432"`, `"true"`, `"a: b"`) is double-quoted.
    public var yaml: String {
        if let inline = inlineYAML { return inline + "\n" }
        return blockYAMLLines.map { $0 + "\n" }.joined()
    }

    /// A multi-document YAML stream: each document starts with `---`.
    public static func yamlStream(_ documents: [ManifestValue]) -> String {
        documents.map { "---\n" + $0.yaml }.joined()
    }

    /// The one-line form of scalars and empty collections; nil for anything that needs a block.
    var inlineYAML: String? {
        switch self {
        case .string(let text): return Self.yamlScalar(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .absent: return "null"
        case .list(let items): return items.isEmpty ? "[]" : nil
        case .map: return presentFields.isEmpty ? "{}" : nil
        }
    }

    /// The lines of a non-empty map or list, unindented.
    var blockYAMLLines: [String] {
        switch self {
        case .map:
            return presentFields.flatMap { field -> [String] in
                let key = Self.yamlScalar(field.key)
                if let inline = field.value.inlineYAML { return ["\(key): \(inline)"] }
                return ["\(key):"] + field.value.blockYAMLLines.map { "  " + $0 }
            }
        case .list(let items):
            return items.flatMap { item -> [String] in
                if let inline = item.inlineYAML { return ["- \(inline)"] }
                let lines = item.blockYAMLLines
                guard let first = lines.first else { return ["- {}"] }
                return ["- " + first] + lines.dropFirst().map { "  " + $0 }
            }
        default:
            return [inlineYAML ?? ""]
        }
    }

    /// A string as a YAML scalar: plain when unambiguous, else double-quoted with escapes.
    public static func yamlScalar(_ text: String) -> String {
        isPlainSafe(text) ? text : jsonString(text)
    }

    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if reservedWords.contains(text.lowercased()) { return false }
        // Only a letter, `_` or `/` may start a plain string: "16", "1.5", ".inf", "-1", "@x" are quoted.
        let startsWithLetter = ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" || first == "/"
        if !startsWithLetter { return false }
        if last == " " { return false }
        for scalar in text.unicodeScalars {
            let isLetterOrDigit = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if !isLetterOrDigit && !"-_./@=+ ".unicodeScalars.contains(scalar) { return false }
        }
        return true
    }
}
