/// The parsed form of a glob pattern, before it is compiled into a `GlobProgram`.
///
/// A pattern is a sequence of elements; braces and parenthesised groups hold several
/// alternative sequences. Group numbers are assigned by the parser in the order of their
/// opening parentheses, so they match the capture numbering users write in `join_on`.
indirect enum GlobElement: Sendable, Equatable {
    /// Literal text, escapes already resolved.
    case text(String)
    /// `*`: any run of characters other than `/`.
    case anyInSegment
    /// `**`: any run of characters, `/` included.
    case anyAcrossSegments
    /// `?`: exactly one character other than `/`.
    case singleCharacter
    /// `[abc]`, `[a-z]`, `[!a-z]`.
    case characterClass(CharacterClass)
    /// `{a,b}`: one of the alternatives, not captured.
    case alternatives([[GlobElement]])
    /// `(a|b)`, `@(…)`, `?(…)`, `*(…)`, `+(…)`, `!(…)`: a numbered capture group.
    case group(GlobGroupKind, number: Int, alternatives: [[GlobElement]])
}

/// How often a parenthesised group's alternatives may occur.
enum GlobGroupKind: Sendable, Equatable {
    /// `(…)` or `@(…)`: exactly once.
    case exactlyOne
    /// `?(…)`: zero or one time.
    case zeroOrOne
    /// `*(…)`: any number of times.
    case zeroOrMore
    /// `+(…)`: at least once.
    case oneOrMore
    /// `!(…)`: a run of non-`/` characters that none of the alternatives matches.
    case noneOf
}

/// A bracket expression: a set of single characters and ranges, possibly negated.
/// It never matches `/`, which always separates path segments.
struct CharacterClass: Sendable, Equatable {
    /// Inclusive ranges of Unicode scalar values; a single character is a range of one.
    var ranges: [ClosedRange<UInt32>]
    var isNegated: Bool

    func contains(_ scalar: UInt32) -> Bool {
        if scalar == UInt32(UInt8(ascii: "/")) { return false }
        var found = false
        for range in ranges where range.contains(scalar) {
            found = true
            break
        }
        return found != isNegated
    }
}
