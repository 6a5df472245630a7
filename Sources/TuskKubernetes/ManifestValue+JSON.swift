extension ManifestValue {
    /// The value as indented JSON, fields in their manifest order, ending in a newline.
    public var json: String { jsonLines(indent: "").joined(separator: "\n") + "\n" }

    /// Several documents as one `v1/List` object, the JSON form `kubectl apply -f` accepts for a
    /// set of objects.
    public static func jsonList(_ documents: [ManifestValue]) -> String {
        let list: ManifestValue = ["apiVersion": "v1", "kind": "List", "items": .list(documents)]
        return list.json
    }

    private func jsonLines(indent: String) -> [String] {
        let inner = indent + "  "
        switch self {
        case .string(let text): return [Self.jsonString(text)]
        case .integer(let number): return [String(number)]
        case .boolean(let flag): return [flag ? "true" : "false"]
        case .absent: return ["null"]
        case .list(let items):
            if items.isEmpty { return ["[]"] }
            var lines = ["["]
            for (position, item) in items.enumerated() {
                var itemLines = item.jsonLines(indent: inner)
                itemLines[0] = inner + itemLines[0]
                if position < items.count - 1 { itemLines[itemLines.count - 1] += "," }
                lines += itemLines
            }
            return lines + [indent + "]"]
        case .map:
            let fields = presentFields
            if fields.isEmpty { return ["{}"] }
            var lines = ["{"]
            for (position, field) in fields.enumerated() {
                var valueLines = field.value.jsonLines(indent: inner)
                valueLines[0] = inner + Self.jsonString(field.key) + ": " + valueLines[0]
                if position < fields.count - 1 { valueLines[valueLines.count - 1] += "," }
                lines += valueLines
            }
            return lines + [indent + "}"]
        }
    }

    /// `text` as a double-quoted string that is valid both as JSON and as YAML (YAML's
    /// double-quoted style is a superset of JSON's): quotes, backslashes and control characters
    /// (including DEL, which YAML does not allow raw) escaped.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
