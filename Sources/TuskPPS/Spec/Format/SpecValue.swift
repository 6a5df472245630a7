/// A parsed JSON or YAML document before it is read as a pipeline spec.
///
/// Both input formats are first turned into this one tree so that the spec reader (key
/// matching, unknown-key errors with suggestions, defaults) is written once. Numbers keep their
/// source text so that int64 values never lose precision through a `Double`, and objects keep
/// their key order so that error messages follow the user's file.
public indirect enum SpecValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written (`3`, `-1.5`, `1e3`).
    case number(String)
    case string(String)
    case array([SpecValue])
    case object([SpecMember])

    /// A word for the kind of value, for error messages ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// The members of an object, or nil for any other kind.
    public var members: [SpecMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value stored under `key` in an object (exact key match), or nil.
    public subscript(key: String) -> SpecValue? {
        members?.first(where: { $0.key == key })?.value
    }
}

/// One key and value of a `SpecValue.object`, kept in source order.
public struct SpecMember: Sendable, Hashable {
    public var key: String
    public var value: SpecValue

    public init(_ key: String, _ value: SpecValue) {
        self.key = key
        self.value = value
    }
}
