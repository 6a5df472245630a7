import TuskCore

/// The flags and positional arguments of one command line, after parsing.
///
/// Values are keyed by the flag's long name; typed accessors turn a bad value into a
/// `TuskError` that names the flag and says what a valid value looks like.
public struct ParsedArguments: Sendable, Equatable {
    public var positionals: [String] = []
    public var values: [String: [String]] = [:]
    /// True when a 1.x hyphenated form was typed (positionals are already translated).
    public var usedLegacyForm = false

    public init(positionals: [String] = [], values: [String: [String]] = [:]) {
        self.positionals = positionals
        self.values = values
    }

    /// Whether a boolean flag was given.
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// The last value of a flag, or nil.
    public func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable flag, in order.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of a flag as a non-negative integer, or nil when absent.
    public func integer(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw TuskError.invalid("--\(name) \"\(text)\" is not a number; give a whole number such as 10", location: "--\(name)")
        }
        return value
    }

    /// A byte count such as `1024`, `10KB`, `5MiB` or `1G`.
    public func byteCount(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = ByteCountParser.parse(text) else {
            throw TuskError.invalid("--\(name) \"\(text)\" is not a size; give bytes such as 1048576, 512KB or 10MiB", location: "--\(name)")
        }
        return value
    }
}

/// Parses human byte counts (`100`, `4KB`, `4KiB`, `2M`, `1GiB`), with binary multiples.
public enum ByteCountParser {
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        guard let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        let multipliers: [String: Int] = [
            "": 1, "b": 1,
            "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
            "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
            "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        return number * multiplier
    }
}
