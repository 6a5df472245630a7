/// A verb of the `tusk` command line: its word path, flags, arguments and what it does.
///
/// Each verb lives in its own file under `Commands/` and conforms to this protocol; the
/// registry matches words, the parser reads flags against `flags`, and the help printer
/// renders the same description, so a flag can never be parsed but undocumented.
public protocol Command: Sendable {
    /// The 2.x words, e.g. `["put", "file"]` or `["version"]`.
    var words: [String] { get }
    /// 1.x hyphenated spellings with their positional grammar.
    var legacyForms: [LegacyForm] { get }
    /// One line for the verb list.
    var summary: String { get }
    /// Extra paragraphs for `--help` (examples, rules).
    var details: String { get }
    var flags: [FlagSpecification] { get }
    var arguments: [ArgumentSpecification] { get }
    /// Whether `--project` applies to this verb (it is accepted everywhere, but documented here).
    var usesProject: Bool { get }
    /// Runs the verb; throws `TuskError` for anything a person must fix.
    func run(_ invocation: Invocation) async throws
}

extension Command {
    public var legacyForms: [LegacyForm] { [] }
    public var details: String { "" }
    public var flags: [FlagSpecification] { [] }
    public var arguments: [ArgumentSpecification] { [] }
    public var usesProject: Bool { true }

    /// The verb as typed: `put file`.
    public var name: String { words.joined(separator: " ") }

    /// How many positional arguments the verb accepts.
    var argumentRange: ClosedRange<Int> {
        let required = arguments.filter { !$0.isOptional && !$0.isVariadic }.count
        let maximum = arguments.contains(where: \.isVariadic) ? Int.max : arguments.count
        return required...maximum
    }
}
