/// One node of a Kubernetes manifest (an object, a list or a scalar), kept as an ordered tree.
///
/// It exists because manifests are generated as pure values and printed twice (YAML for
/// `kubectl apply -f -`, JSON for `-o json`) in the field order a person expects to read
/// (`apiVersion`, `kind`, `metadata`, `spec`), which a Swift dictionary would not keep. A field
/// whose value is `.absent` is left out when printed, so optional fields can be written inline.
public indirect enum ManifestValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([ManifestValue])
    case map([ManifestField])
    /// A field that is not printed (an unset optional value).
    case absent

    /// The value of a field of a map, or nil (for lists, scalars and missing fields).
    public subscript(key: String) -> ManifestValue? {
        guard case .map(let fields) = self else { return nil }
        return fields.first(where: { $0.key == key })?.value
    }

    /// The item of a list at `index`, or nil.
    public subscript(index: Int) -> ManifestValue? {
        guard case .list(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The text of a string value, or nil.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an integer value, or nil.
    public var integer: Int? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// The items of a list value (empty for anything else).
    public var items: [ManifestValue] {
        if case .list(let items) = self { return items }
        return []
    }

    /// The fields of a map that are printed, in order.
    public var presentFields: [ManifestField] {
        guard case .map(let fields) = self else { return [] }
        return fields.filter { $0.value != .absent }
    }

    /// A map with one field appended (or replaced, keeping its place); lists and scalars are
    /// returned unchanged.
    public func setting(_ key: String, _ value: ManifestValue) -> ManifestValue {
        guard case .map(var fields) = self else { return self }
        if let index = fields.firstIndex(where: { $0.key == key }) {
            fields[index] = ManifestField(key: key, value: value)
        } else {
            fields.append(ManifestField(key: key, value: value))
        }
        return .map(fields)
    }

    /// A map with more fields appended at its end; lists and scalars are returned unchanged.
    public func appending(_ extra: [ManifestField]) -> ManifestValue {
        guard case .map(let fields) = self else { return self }
        return .map(fields + extra)
    }

    /// A string-to-string map (labels, node selectors), sorted by key so output is stable;
    /// `.absent` when empty.
    public static func stringMap(_ pairs: [String: String]) -> ManifestValue {
        guard !pairs.isEmpty else { return .absent }
        return .map(pairs.keys.sorted().map { ManifestField(key: $0, value: .string(pairs[$0] ?? "")) })
    }

    /// A string value, or `.absent` when nil or empty.
    public static func optional(_ text: String?) -> ManifestValue {
        guard let text, !text.isEmpty else { return .absent }
        return .string(text)
    }

    /// A list value, or `.absent` when empty.
    public static func optionalList(_ items: [ManifestValue]) -> ManifestValue {
        items.isEmpty ? .absent : .list(items)
    }
}

/// One key and value of a manifest map, in the order it is printed.
public struct ManifestField: Sendable, Equatable {
    public let key: String
    public let value: ManifestValue

    public init(key: String, value: ManifestValue) {
        self.key = key
        self.value = value
    }
}

extension ManifestValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: ManifestValue...) { self = .list(elements) }
    /// Dictionary literals keep their written order.
    public init(dictionaryLiteral elements: (String, ManifestValue)...) {
        self = .map(elements.map { ManifestField(key: $0.0, value: $0.1) })
    }
}
