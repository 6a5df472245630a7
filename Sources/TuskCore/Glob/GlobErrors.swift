/// The refusals a glob pattern can earn, as `TuskError`s with code `.invalidArgument`.
///
/// Each message names the pattern (as cleaned, plus the original when cleaning changed it),
/// the character offset in the cleaned pattern where the problem starts, and what would fix it.
enum GlobErrors {
    static func error(pattern: String, original: String, offset: Int, problem: String, remedy: String) -> TuskError {
        var quoted = "\"\(FilePath.printable(pattern))\""
        if pattern != original {
            quoted += " (cleaned from \"\(FilePath.printable(original))\")"
        }
        return TuskError.invalid(
            "glob pattern \(quoted) is not valid: \(problem) at character offset \(offset); \(remedy)",
            location: original
        )
    }

    static func unclosed(_ opener: Character, closer: Character, pattern: String, original: String, offset: Int) -> TuskError {
        error(pattern: pattern, original: original, offset: offset,
              problem: "\"\(opener)\" is never closed",
              remedy: "add the matching \"\(closer)\", or write \"\\\(opener)\" for a literal \"\(opener)\"")
    }

    static func danglingEscape(pattern: String, original: String, offset: Int) -> TuskError {
        error(pattern: pattern, original: original, offset: offset,
              problem: "the escape character \"\\\" has nothing after it",
              remedy: "follow it with the character to take literally, or remove it")
    }

    static func emptyClass(pattern: String, original: String, offset: Int) -> TuskError {
        error(pattern: pattern, original: original, offset: offset,
              problem: "the character class is empty",
              remedy: "list at least one character between \"[\" and \"]\", e.g. [abc] or [a-z]")
    }

    static func reversedRange(_ low: Unicode.Scalar, _ high: Unicode.Scalar, pattern: String, original: String, offset: Int) -> TuskError {
        error(pattern: pattern, original: original, offset: offset,
              problem: "the range \"\(low)-\(high)\" runs backwards",
              remedy: "write the lower character first, e.g. [\(high)-\(low)]")
    }
}
