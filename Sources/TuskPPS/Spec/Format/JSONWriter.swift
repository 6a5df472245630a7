/// Writes a `SpecValue` as JSON text, deterministically: keys in the order the tree holds
/// them, numbers as their stored text, strings escaped the way protojson escapes them.
///
/// Used for `PipelineSpec.canonicalJSON()` (the "effective spec" reported back to users) and
/// for turning YAML-written `pod_patch` objects into the JSON strings the spec stores.
enum JSONWriter {
    static func write(_ value: SpecValue, pretty: Bool = false) -> String {
        var output = ""
        write(value, pretty: pretty, indent: 0, into: &output)
        return output
    }

    private static func write(_ value: SpecValue, pretty: Bool, indent: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(pretty: pretty, indent: indent + 1, into: &output)
                write(element, pretty: pretty, indent: indent + 1, into: &output)
            }
            newline(pretty: pretty, indent: indent, into: &output)
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(pretty: pretty, indent: indent + 1, into: &output)
                writeString(member.key, into: &output)
                output += pretty ? ": " : ":"
                write(member.value, pretty: pretty, indent: indent + 1, into: &output)
            }
            newline(pretty: pretty, indent: indent, into: &output)
            output += "}"
        }
    }

    private static func newline(pretty: Bool, indent: Int, into output: inout String) {
        guard pretty else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
