import Foundation

/// A JSON document built in Swift: what every `/api/v1` endpoint returns.
///
/// It exists so responses are typed values with keys in a fixed order (the order the OpenAPI
/// file documents) instead of `[String: Any]`, and so a JSON text the engine already holds
/// (a pipeline's effective spec) can be embedded as it is with `.raw`.
enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    /// A JSON text that is already valid; written verbatim.
    case raw(String)

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.text == rhs.text
    }

    /// An optional value, or `null` when absent.
    static func optional<Value>(_ value: Value?, _ transform: (Value) -> JSONValue) -> JSONValue {
        value.map(transform) ?? .null
    }

    /// The compact JSON text.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .object(let members):
            output.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(",") }
                JSONValue.writeString(member.0, to: &output)
                output.append(":")
                member.1.write(to: &output)
            }
            output.append("}")
        case .array(let items):
            output.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(",") }
                item.write(to: &output)
            }
            output.append("]")
        case .string(let text):
            JSONValue.writeString(text, to: &output)
        case .integer(let value):
            output.append(String(value))
        case .number(let value):
            output.append(value.isFinite ? String(value) : "null")
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .null:
            output.append("null")
        case .raw(let text):
            output.append(text.isEmpty ? "null" : text)
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    init(_ text: String) { self = .string(text) }
    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: Int64) { self = .integer(value) }
    init(_ value: Double) { self = .number(value) }
    init(_ value: Bool) { self = .bool(value) }
}
