import TuskCore

/// Reads the tokens after the verb words against a command's flags and the global flags.
///
/// Accepted shapes: `--name value`, `--name=value`, `-n value`, `-nvalue`, grouped boolean
/// short flags (`-ra`), and `--` to end flag parsing. A lone `-` is a positional (stdin).
/// Command flags win over global ones with the same name (`get file -o PATH`).
public struct ArgumentParser: Sendable {
    public let commandFlags: [FlagSpecification]
    public let commandName: String

    public init(commandFlags: [FlagSpecification], commandName: String) {
        self.commandFlags = commandFlags
        self.commandName = commandName
    }

    var allFlags: [FlagSpecification] {
        let own = Set(commandFlags.map(\.name))
        let ownShort = Set(commandFlags.compactMap(\.short))
        return commandFlags + GlobalFlags.all.filter { !own.contains($0.name) && !($0.short.map(ownShort.contains) ?? false) }
    }

    public func parse(_ tokens: [String]) throws -> ParsedArguments {
        let flags = allFlags
        var result = ParsedArguments()
        var index = 0
        var flagsEnded = false
        func record(_ flag: FlagSpecification, _ value: String) {
            if flag.isRepeatable { result.values[flag.name, default: []].append(value) } else { result.values[flag.name] = [value] }
        }
        func takeValue(for flag: FlagSpecification, spelled: String) throws -> String {
            index += 1
            guard index < tokens.count else {
                throw TuskError.invalid("flag \(spelled) of \"\(commandName)\" needs a value (\(flag.valueName))", location: spelled)
            }
            return tokens[index]
        }
        while index < tokens.count {
            let token = tokens[index]
            if flagsEnded || token == "-" || !token.hasPrefix("-") {
                result.positionals.append(token)
            } else if token == "--" {
                flagsEnded = true
            } else if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = String(body.prefix(while: { $0 != "=" }))
                let inline = body.contains("=") ? String(body.drop(while: { $0 != "=" }).dropFirst()) : nil
                guard let flag = flags.first(where: { $0.name == name }) else {
                    throw unknownFlag("--\(name)", candidates: flags.map { "--\($0.name)" })
                }
                if flag.isBoolean {
                    if let inline, !["true", "false"].contains(inline) {
                        throw TuskError.invalid("flag --\(name) takes no value; write --\(name) alone", location: token)
                    }
                    if inline == "false" { result.values[name] = nil } else { result.values[name] = ["true"] }
                } else {
                    record(flag, try inline ?? takeValue(for: flag, spelled: "--\(name)"))
                }
            } else {
                var letters = Array(token.dropFirst())
                while let letter = letters.first {
                    letters.removeFirst()
                    guard let flag = flags.first(where: { $0.short == letter }) else {
                        throw unknownFlag("-\(letter)", candidates: flags.compactMap { $0.short.map { "-\($0)" } })
                    }
                    if flag.isBoolean {
                        result.values[flag.name] = ["true"]
                        continue
                    }
                    let value = letters.isEmpty ? try takeValue(for: flag, spelled: "-\(letter)") : String(letters).drop(while: { $0 == "=" }).description
                    record(flag, value)
                    break
                }
            }
            index += 1
        }
        return result
    }

    func unknownFlag(_ spelled: String, candidates: [String]) -> TuskError {
        var message = "unknown flag \(spelled) for \"\(commandName)\""
        if let suggestion = Suggestions.closest(to: spelled, among: candidates) {
            message += "; did you mean \(suggestion)?"
        }
        message += " (see \"tusk \(commandName) --help\")"
        return TuskError.invalid(message, location: spelled)
    }
}
