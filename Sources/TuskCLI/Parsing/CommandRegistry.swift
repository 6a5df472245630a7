import TuskCore

/// The result of finding which verb a command line names.
public struct CommandMatch: Sendable {
    public let command: any Command
    /// The tokens after the verb words (flags and positional arguments).
    public let remaining: [String]
    /// The 1.x form that was typed, if any.
    public let legacyForm: LegacyForm?
}

/// Every verb `tusk` knows, and the matching of typed words to them.
///
/// Words are matched before flags are parsed: global flags (and their values) may come before
/// the verb; nouns accept plurals (`list repos`); 1.x hyphenated verbs (`put-file`) match
/// their `LegacyForm`.
public struct CommandRegistry: Sendable {
    public let commands: [any Command]

    /// Plural nouns and their singular, as pachctl accepts them.
    public static let nounAliases: [String: String] = [
        "files": "file", "repos": "repo", "commits": "commit", "branches": "branch",
        "projects": "project", "pipelines": "pipeline", "jobs": "job", "datums": "datum",
        "secrets": "secret", "contexts": "context",
    ]

    public init(commands: [any Command]) { self.commands = commands }

    /// Finds the verb in `arguments`; returns nil when no verb words are present at all.
    public func match(_ arguments: [String]) throws -> CommandMatch? {
        let (words, wordPositions) = leadingWords(arguments)
        guard let first = words.first else { return nil }
        for command in commands {
            for form in command.legacyForms where form.word == first {
                var remaining = arguments
                remaining.remove(at: wordPositions[0])
                return CommandMatch(command: command, remaining: remaining, legacyForm: form)
            }
        }
        let normalised = words.map { Self.nounAliases[$0] ?? $0 }
        var best: (any Command, Int)?
        for command in commands where command.words.count <= normalised.count {
            if Array(normalised.prefix(command.words.count)) == command.words, command.words.count > (best?.1 ?? 0) {
                best = (command, command.words.count)
            }
        }
        if let (command, count) = best {
            var remaining = arguments
            for position in wordPositions.prefix(count).reversed() { remaining.remove(at: position) }
            return CommandMatch(command: command, remaining: remaining, legacyForm: nil)
        }
        throw unknownVerb(normalised)
    }

    /// Commands whose words start with the given prefix (for `tusk list` alone).
    public func commands(startingWith prefix: [String]) -> [any Command] {
        let normalised = prefix.map { Self.nounAliases[$0] ?? $0 }
        return commands.filter { Array($0.words.prefix(normalised.count)) == normalised }
    }

    /// The first up-to-three non-flag tokens and their positions, skipping global flags' values.
    func leadingWords(_ arguments: [String]) -> ([String], [Int]) {
        var words: [String] = []
        var positions: [Int] = []
        var index = 0
        while index < arguments.count, words.count < 3 {
            let token = arguments[index]
            if token.hasPrefix("-"), token != "-" {
                if words.isEmpty, let flag = GlobalFlags.all.first(where: { "--\($0.name)" == token || $0.short.map { "-\($0)" } == token }), !flag.isBoolean {
                    index += 1
                }
                if !words.isEmpty { break }
            } else {
                words.append(token)
                positions.append(index)
            }
            index += 1
        }
        return (words, positions)
    }

    func unknownVerb(_ words: [String]) -> TuskError {
        let typed = words.prefix(2).joined(separator: " ")
        let prefixes = commands(startingWith: Array(words.prefix(1)))
        if !prefixes.isEmpty, words.count == 1 {
            let names = prefixes.map { "tusk \($0.name)" }.joined(separator: ", ")
            return TuskError.invalid("\"\(words[0])\" needs a noun: \(names)", location: words[0])
        }
        if !prefixes.isEmpty, words.count >= 2 {
            let nouns = prefixes.compactMap { $0.words.dropFirst().first }
            var message = "unknown command \"\(typed)\""
            if let suggestion = Suggestions.closest(to: words[1], among: nouns) {
                message += "; did you mean \"\(words[0]) \(suggestion)\"?"
            } else {
                message += "; \"\(words[0])\" takes one of: \(Set(nouns).sorted().joined(separator: ", "))"
            }
            return TuskError.invalid(message + " (see \"tusk help\")", location: typed)
        }
        let candidates = commands.map(\.name) + commands.flatMap { $0.legacyForms.map(\.word) } + commands.map { $0.words[0] }
        var message = "unknown command \"\(words[0])\""
        if let suggestion = Suggestions.closest(to: words[0], among: Array(Set(candidates)).sorted()) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        return TuskError.invalid(message + " (see \"tusk help\" for the list of commands)", location: words[0])
    }
}
