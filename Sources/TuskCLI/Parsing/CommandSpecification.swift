/// One flag a command accepts, described once so that parsing, help text and suggestions agree.
public struct FlagSpecification: Sendable, Hashable {
    /// The long name without dashes (`file` for `--file`); also the key of parsed values.
    public let name: String
    /// The one-letter short name without the dash (`f` for `-f`), if any.
    public let short: Character?
    /// A boolean flag takes no value; the others take exactly one value per occurrence.
    public let isBoolean: Bool
    /// A repeatable flag collects every occurrence; a non-repeatable one keeps the last.
    public let isRepeatable: Bool
    /// The value's placeholder in help text (`PATH`, `N`).
    public let valueName: String
    /// One line for help text.
    public let help: String

    public init(_ name: String, short: Character? = nil, boolean: Bool = false, repeatable: Bool = false, value: String = "VALUE", help: String) {
        self.name = name
        self.short = short
        self.isBoolean = boolean
        self.isRepeatable = repeatable
        self.valueName = value
        self.help = help
    }

    /// A flag that is present or absent.
    public static func boolean(_ name: String, short: Character? = nil, help: String) -> FlagSpecification {
        FlagSpecification(name, short: short, boolean: true, help: help)
    }

    /// A flag that takes one value.
    public static func value(_ name: String, short: Character? = nil, _ valueName: String = "VALUE", help: String) -> FlagSpecification {
        FlagSpecification(name, short: short, value: valueName, help: help)
    }

    /// A flag that takes one value per occurrence and may be given several times.
    public static func repeated(_ name: String, short: Character? = nil, _ valueName: String = "VALUE", help: String) -> FlagSpecification {
        FlagSpecification(name, short: short, repeatable: true, value: valueName, help: help)
    }
}

/// A positional argument of a command, for usage lines and argument-count checks.
public struct ArgumentSpecification: Sendable, Hashable {
    public let name: String
    public let isOptional: Bool
    /// Takes every remaining positional argument.
    public let isVariadic: Bool

    public init(_ name: String, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.isOptional = optional
        self.isVariadic = variadic
    }

    var usage: String {
        let base = isVariadic ? "\(name)..." : name
        return isOptional ? "[\(base)]" : "<\(base)>"
    }
}

/// A Pachyderm 1.x hyphenated spelling of a command (`put-file`), whose positional arguments
/// (`repo branch path`) are translated into the 2.x form (`repo@branch:path`) before running.
public struct LegacyForm: Sendable {
    /// The single hyphenated word, e.g. `put-file`.
    public let word: String
    /// The 1.x usage line shown in help.
    public let usage: String
    /// Turns 1.x positional arguments into the 2.x ones the command expects.
    public let translate: @Sendable ([String]) throws -> [String]

    public init(_ word: String, usage: String, translate: @escaping @Sendable ([String]) throws -> [String]) {
        self.word = word
        self.usage = usage
        self.translate = translate
    }
}
