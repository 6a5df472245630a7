import TuskCore

/// Collects the problems and notes met while reading one pipeline spec.
///
/// A reference type because every nested reader reports into the same lists; it lives only for
/// the duration of one `PipelineSpecParser.parse` call.
final class SpecReader {
    var problems: [SpecProblem] = []
    var notes: [String] = []

    func report(_ path: String, _ message: String) {
        problems.append(SpecProblem(path: path, message: message))
    }

    /// Reads `value` as an object whose keys must be among `known` (proto names, matched also
    /// in lowerCamelCase). `legacy` maps 1.x keys that are accepted and ignored to the note
    /// that explains it. Returns nil (after reporting) when `value` is not an object.
    func object(_ value: SpecValue, at path: String, known: [String], legacy: [String: String] = [:]) -> SpecObject? {
        guard case .object(let members) = value else {
            report(path, "\(path.isEmpty ? "the spec" : path) must be an object, not \(value.kindDescription)")
            return nil
        }
        var byCamel: [String: String] = [:]
        for name in known { byCamel[FieldNames.lowerCamel(name)] = name }
        var fields: [String: SpecObject.Field] = [:]
        for member in members {
            let fieldPath = FieldNames.join(path, member.key)
            let canonical: String
            if known.contains(member.key) {
                canonical = member.key
            } else if let name = byCamel[member.key] {
                canonical = name
            } else if let note = legacy[member.key] ?? legacy[FieldNames.snake(member.key)] {
                notes.append("\(fieldPath): \(note)")
                continue
            } else {
                var message = "unknown field \(fieldPath)"
                if let suggestion = FieldNames.suggestion(for: member.key, among: known) {
                    message += "; did you mean \(suggestion)?"
                } else {
                    message += "; known fields here are: \(known.joined(separator: ", "))"
                }
                report(fieldPath, message)
                continue
            }
            if fields[canonical] != nil {
                report(fieldPath, "field \(FieldNames.join(path, canonical)) is given twice (as \(canonical) and \(FieldNames.lowerCamel(canonical))); keep one")
                continue
            }
            if case .null = member.value { continue }
            fields[canonical] = SpecObject.Field(value: member.value, path: FieldNames.join(path, canonical))
        }
        return SpecObject(reader: self, path: path, fields: fields)
    }
}

/// The fields of one spec object, read by proto name with protojson's type rules, reporting
/// type errors (with the path) to the shared `SpecReader` and falling back to zero values.
struct SpecObject {
    struct Field {
        var value: SpecValue
        var path: String
    }

    let reader: SpecReader
    let path: String
    let fields: [String: Field]

    func has(_ key: String) -> Bool { fields[key] != nil }

    func field(_ key: String) -> Field? { fields[key] }

    func path(_ key: String) -> String { FieldNames.join(path, key) }

    func string(_ key: String) -> String {
        guard let field = fields[key] else { return "" }
        return reader.string(field.value, at: field.path) ?? ""
    }

    func bool(_ key: String) -> Bool {
        guard let field = fields[key] else { return false }
        switch field.value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default:
            reader.report(field.path, "\(field.path) must be true or false, not \(field.value.kindDescription)")
            return false
        }
    }

    func int64(_ key: String) -> Int64 {
        guard let field = fields[key] else { return 0 }
        return reader.int64(field.value, at: field.path) ?? 0
    }

    func optionalInt64(_ key: String) -> Int64? {
        guard let field = fields[key] else { return nil }
        return reader.int64(field.value, at: field.path)
    }

    func double(_ key: String) -> Double {
        guard let field = fields[key] else { return 0 }
        switch field.value {
        case .number(let text), .string(let text):
            if let value = Double(text), value.isFinite { return value }
        default: break
        }
        reader.report(field.path, "\(field.path) must be a number (like 0.5), not \(field.value.kindDescription)")
        return 0
    }

    func strings(_ key: String) -> [String] {
        list(key) { value, path in reader.string(value, at: path) }
    }

    func int64s(_ key: String) -> [Int64] {
        list(key) { value, path in reader.int64(value, at: path) }
    }

    func stringMap(_ key: String) -> [String: String] {
        guard let field = fields[key] else { return [:] }
        guard case .object(let members) = field.value else {
            reader.report(field.path, "\(field.path) must be an object of names to text values, not \(field.value.kindDescription)")
            return [:]
        }
        var result: [String: String] = [:]
        for member in members {
            if let text = reader.string(member.value, at: FieldNames.join(field.path, member.key)) {
                result[member.key] = text
            }
        }
        return result
    }

    func duration(_ key: String) -> Duration? {
        guard let field = fields[key] else { return nil }
        switch field.value {
        case .string(let text):
            if let duration = DurationText.parse(text) { return duration }
            reader.report(field.path, "\(field.path) \"\(text)\" is not a duration; write seconds with an \"s\" suffix like \"600s\" or \"1.5s\" (Go-style \"10m\" and \"1h30m\" also work)")
        case .number(let text):
            reader.report(field.path, "\(field.path) \(text) is a bare number; write a duration string like \"\(text)s\"")
        default:
            reader.report(field.path, "\(field.path) must be a duration string like \"600s\", not \(field.value.kindDescription)")
        }
        return nil
    }

    func timestamp(_ key: String) -> Timestamp? {
        guard let field = fields[key] else { return nil }
        if case .string(let text) = field.value, let timestamp = TimestampText.parse(text) { return timestamp }
        reader.report(field.path, "\(field.path) must be an RFC 3339 timestamp like \"2024-05-01T12:00:00Z\"")
        return nil
    }

    /// An enum value given by name (case-insensitive) or by number, returned as its name.
    func enumName(_ key: String, names: [String]) -> String {
        guard let field = fields[key] else { return "" }
        switch field.value {
        case .string(let text):
            if let name = names.first(where: { $0.caseInsensitiveEquals(text) }) { return name }
        case .number(let text):
            if let index = Int(text), names.indices.contains(index) { return names[index] }
        default: break
        }
        reader.report(field.path, "\(field.path) must be one of \(names.joined(separator: ", "))")
        return ""
    }

    /// A nested message read by `decode`.
    func message<Value>(_ key: String, _ decode: (SpecValue, String) -> Value?) -> Value? {
        guard let field = fields[key] else { return nil }
        return decode(field.value, field.path)
    }

    /// A repeated field read element by element by `decode`; a single value counts as a list
    /// of one, as YAML users often write it.
    func list<Value>(_ key: String, _ decode: (SpecValue, String) -> Value?) -> [Value] {
        guard let field = fields[key] else { return [] }
        guard case .array(let elements) = field.value else {
            return decode(field.value, field.path).map { [$0] } ?? []
        }
        return elements.enumerated().compactMap { index, element in decode(element, "\(field.path)[\(index)]") }
    }
}

extension SpecReader {
    /// Text values; numbers and booleans are taken as their text (YAML `branch: 2024`).
    func string(_ value: SpecValue, at path: String) -> String? {
        switch value {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default:
            report(path, "\(path) must be text, not \(value.kindDescription)")
            return nil
        }
    }

    /// int64 values as numbers or decimal strings (protojson); `3.0` is taken as 3.
    func int64(_ value: SpecValue, at path: String) -> Int64? {
        switch value {
        case .number(let text), .string(let text):
            if let integer = Int64(text) { return integer }
            if let real = Double(text), real.rounded() == real, abs(real) < 9.0e18 { return Int64(real) }
            report(path, "\(path) \"\(text)\" is not a whole number")
        default:
            report(path, "\(path) must be a whole number, not \(value.kindDescription)")
        }
        return nil
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
