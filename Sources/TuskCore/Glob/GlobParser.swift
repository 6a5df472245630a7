/// Turns a cleaned glob pattern into `GlobElement`s, following the syntax of Pachyderm's globs.
///
/// Meta-characters are `*`, `**`, `?`, `[…]`, `{a,b}`, `(a|b)` and the extended-glob prefixes
/// `@(`, `?(`, `*(`, `+(`, `!(`; `\x` takes `x` literally. `@`, `+` and `!` not followed by `(`
/// are plain text, as are `,`/`}` outside braces and `|`/`)` outside groups. Inside a group or a
/// brace the innermost one decides which characters separate alternatives.
struct GlobParser {
    private enum Context {
        case topLevel
        case braces
        case group
    }

    private let pattern: String
    private let original: String
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private(set) var groupCount = 0

    init(pattern: String, original: String) {
        self.pattern = pattern
        self.original = original
        self.scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws -> [GlobElement] {
        try parseSequence(in: .topLevel)
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func isTerminator(_ character: Unicode.Scalar, in context: Context) -> Bool {
        switch context {
        case .topLevel: return false
        case .braces: return character == "," || character == "}"
        case .group: return character == "|" || character == ")"
        }
    }

    private mutating func parseSequence(in context: Context) throws -> [GlobElement] {
        var elements: [GlobElement] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty {
                elements.append(.text(String(text)))
                text = String.UnicodeScalarView()
            }
        }
        while let character = scalar(at: position) {
            if isTerminator(character, in: context) { break }
            let next = scalar(at: position + 1)
            switch character {
            case "\\":
                guard let escaped = next else {
                    throw GlobErrors.danglingEscape(pattern: pattern, original: original, offset: position)
                }
                text.append(escaped)
                position += 2
            case "*" where next == "*":
                flush()
                elements.append(.anyAcrossSegments)
                position += 2
            case "*" where next == "(":
                flush()
                elements.append(try parseGroup(.zeroOrMore))
            case "*":
                flush()
                elements.append(.anyInSegment)
                position += 1
            case "?" where next == "(":
                flush()
                elements.append(try parseGroup(.zeroOrOne))
            case "?":
                flush()
                elements.append(.singleCharacter)
                position += 1
            case "@" where next == "(":
                flush()
                elements.append(try parseGroup(.exactlyOne))
            case "+" where next == "(":
                flush()
                elements.append(try parseGroup(.oneOrMore))
            case "!" where next == "(":
                flush()
                elements.append(try parseGroup(.noneOf))
            case "(":
                flush()
                elements.append(try parseGroup(.exactlyOne))
            case "[":
                flush()
                elements.append(.characterClass(try parseClass()))
            case "{":
                flush()
                elements.append(try parseBraces())
            default:
                text.append(character)
                position += 1
            }
        }
        flush()
        return elements
    }

    /// Parses a group starting at its prefix character (or at `(` for a plain group).
    private mutating func parseGroup(_ kind: GlobGroupKind) throws -> GlobElement {
        let openOffset = position
        position += scalars[position] == "(" ? 1 : 2
        groupCount += 1
        let number = groupCount
        var alternatives: [[GlobElement]] = []
        while true {
            alternatives.append(try parseSequence(in: .group))
            guard let separator = scalar(at: position) else {
                throw GlobErrors.unclosed("(", closer: ")", pattern: pattern, original: original, offset: openOffset)
            }
            position += 1
            if separator == ")" { break }
        }
        return .group(kind, number: number, alternatives: alternatives)
    }

    private mutating func parseBraces() throws -> GlobElement {
        let openOffset = position
        position += 1
        var alternatives: [[GlobElement]] = []
        while true {
            alternatives.append(try parseSequence(in: .braces))
            guard let separator = scalar(at: position) else {
                throw GlobErrors.unclosed("{", closer: "}", pattern: pattern, original: original, offset: openOffset)
            }
            position += 1
            if separator == "}" { break }
        }
        return .alternatives(alternatives)
    }

    private mutating func parseClass() throws -> CharacterClass {
        let openOffset = position
        position += 1
        var isNegated = false
        if scalar(at: position) == "!" {
            isNegated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while true {
            guard let character = scalar(at: position) else {
                throw GlobErrors.unclosed("[", closer: "]", pattern: pattern, original: original, offset: openOffset)
            }
            if character == "]" {
                position += 1
                break
            }
            let itemOffset = position
            let low = try classCharacter(openOffset: openOffset)
            if scalar(at: position) == "-", let after = scalar(at: position + 1), after != "]" {
                position += 1
                let high = try classCharacter(openOffset: openOffset)
                guard low.value <= high.value else {
                    throw GlobErrors.reversedRange(low, high, pattern: pattern, original: original, offset: itemOffset)
                }
                ranges.append(low.value...high.value)
            } else {
                ranges.append(low.value...low.value)
            }
        }
        if ranges.isEmpty {
            throw GlobErrors.emptyClass(pattern: pattern, original: original, offset: openOffset)
        }
        return CharacterClass(ranges: ranges, isNegated: isNegated)
    }

    /// Reads one character of a class, resolving a `\x` escape.
    private mutating func classCharacter(openOffset: Int) throws -> Unicode.Scalar {
        guard let character = scalar(at: position) else {
            throw GlobErrors.unclosed("[", closer: "]", pattern: pattern, original: original, offset: openOffset)
        }
        if character == "\\" {
            guard let escaped = scalar(at: position + 1) else {
                throw GlobErrors.danglingEscape(pattern: pattern, original: original, offset: position)
            }
            position += 2
            return escaped
        }
        position += 1
        return character
    }
}
