/// A compiled Pachyderm glob pattern, the primitive behind `GlobFile`, the paths of `GetFile`
/// and `GetFileTAR`, and the datums of a PFS pipeline input.
///
/// The pattern is cleaned to an absolute path and matched against whole paths (`/a/b.txt`; the
/// root is `/`, and only the pattern `/` matches it). `*` stays inside one path segment, `**`
/// crosses segments, and every parenthesised group is a numbered capture group whose text
/// feeds `join_on` and `group_by` keys through `JoinKey`.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The cleaned absolute pattern: leading `/`, no trailing `/`, no `//` and no `.` segments.
    public let cleaned: String
    /// The longest leading directory path free of meta-characters (escapes resolved); every
    /// path the pattern matches equals it or lies below it. For a literal pattern it is the
    /// pattern itself.
    public let literalPrefix: String
    /// True when the pattern has no meta-characters and so matches exactly one path.
    public let isLiteral: Bool
    /// How many numbered capture groups the pattern has.
    public let groupCount: Int

    private let program: GlobProgram
    private let literalBytes: [UInt8]?

    /// Parses and compiles `pattern`; a malformed pattern (an unclosed `[`, `{` or `(`, a
    /// trailing `\`, an empty or backwards class) throws a `TuskError` with code
    /// `.invalidArgument` that names the pattern and the offset of the problem.
    public init(_ pattern: String) throws {
        let cleaned = Self.clean(pattern)
        var parser = GlobParser(pattern: cleaned, original: pattern)
        let elements = try parser.parse()
        self.cleaned = cleaned
        self.groupCount = parser.groupCount
        self.program = GlobProgram(elements: elements, groupCount: parser.groupCount)
        if elements.count == 1, case .text(let text) = elements[0] {
            isLiteral = true
            literalPrefix = text
            literalBytes = Array(text.utf8)
        } else {
            isLiteral = false
            literalBytes = nil
            if case .text(let text)? = elements.first, let slash = text.lastIndex(of: "/"), slash != text.startIndex {
                literalPrefix = String(text[..<slash])
            } else {
                literalPrefix = "/"
            }
        }
    }

    /// Cleans a pattern the way Pachyderm cleans paths: a leading `/` is added, empty and `.`
    /// segments are dropped, and a trailing `/` is removed.
    static func clean(_ pattern: String) -> String {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + segments.joined(separator: "/")
    }

    public var description: String { cleaned }

    public static func == (lhs: GlobPattern, rhs: GlobPattern) -> Bool { lhs.cleaned == rhs.cleaned }

    public func hash(into hasher: inout Hasher) { hasher.combine(cleaned) }

    /// Whether the whole `path` (like `/a/b.txt`, or `/` for the root) matches.
    public func matches(_ path: String) -> Bool {
        evaluate(path, recordCaptures: false) { _, _ in true } ?? false
    }

    /// The capture groups 1…n of a match (`""` for a group that took no part), or nil when
    /// `path` does not match.
    public func match(_ path: String) -> [String]? {
        evaluate(path, recordCaptures: true) { bytes, slots in
            (0..<groupCount).map { group in
                let from = slots[group * 2]
                let to = slots[group * 2 + 1]
                guard from >= 0, to >= from else { return "" }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
            }
        }
    }

    /// False only when no path strictly below `directory` (such as `/a/b`) can match, so a tree
    /// walk may skip that subtree. Conservative (true when unsure) for `[!…]` classes and
    /// `!(…)` groups; exact for patterns built from text, `*`, `**`, `?` and classes.
    public func mayMatchBelow(_ directory: String) -> Bool {
        var prefix = Self.clean(directory)
        if prefix != "/" { prefix += "/" }
        return prefix.withUTF8 { bytes in
            GlobMachine(program: program, bytes: bytes, start: 0, end: bytes.count).run(mode: .prefix) != nil
        }
    }

    /// Runs the matcher over `path` (a trailing `/` is ignored) and hands the capture slots of a
    /// match to `body`.
    private func evaluate<Result>(
        _ path: String,
        recordCaptures: Bool,
        _ body: (UnsafeBufferPointer<UInt8>, [Int]) -> Result
    ) -> Result? {
        var path = path
        return path.withUTF8 { bytes -> Result? in
            var end = bytes.count
            while end > 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            if end <= 1 && (end == 0 || bytes[0] == UInt8(ascii: "/")) {
                // The root is matched only by the pattern `/` itself, as in Pachyderm, where
                // the root's path compares as empty once its trailing slash is removed.
                return cleaned == "/" ? body(bytes, []) : nil
            }
            if let literalBytes {
                guard end == literalBytes.count, bytes[0..<end].elementsEqual(literalBytes) else { return nil }
                return body(bytes, [])
            }
            let machine = GlobMachine(program: program, bytes: bytes, start: 0, end: end)
            guard let slots = machine.run(mode: .whole, recordCaptures: recordCaptures) else { return nil }
            return body(bytes, slots)
        }
    }
}
