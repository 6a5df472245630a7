import TuskCore

/// Walks the flags of one server-side verb (`serve`, `worker`): `--flag value` and
/// `--flag=value`, each value taken once, every mistake a `TuskError` naming the flag and
/// showing the verb's usage.
struct FlagReader {
    private var arguments: [String]
    private var index = 0
    let verb: String
    let usage: String

    init(_ arguments: [String], verb: String, usage: String) {
        var expanded: [String] = []
        for argument in arguments {
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                expanded.append(String(argument[..<equals]))
                expanded.append(String(argument[argument.index(after: equals)...]))
            } else {
                expanded.append(argument)
            }
        }
        self.arguments = expanded
        self.verb = verb
        self.usage = usage
    }

    /// The next flag, or nil at the end.
    mutating func next() -> String? {
        guard index < arguments.count else { return nil }
        defer { index += 1 }
        return arguments[index]
    }

    /// The value following `flag`.
    mutating func value(_ flag: String) throws -> String {
        guard index < arguments.count else { throw TuskError.invalid("flag \(flag) needs a value\n\n\(usage)", location: flag) }
        defer { index += 1 }
        return arguments[index]
    }

    mutating func port(_ flag: String) throws -> Int {
        let text = try value(flag)
        guard let number = Int(text), (0...65535).contains(number) else {
            throw TuskError.invalid("\(flag) \(text) is not a port number (0-65535)", location: flag)
        }
        return number
    }

    mutating func positiveInteger(_ flag: String) throws -> Int {
        let text = try value(flag)
        guard let number = Int(text), number > 0 else {
            throw TuskError.invalid("\(flag) \(text) is not a positive whole number", location: flag)
        }
        return number
    }

    /// A duration such as `10s`, `500ms`, `2m` or a plain number of seconds.
    mutating func duration(_ flag: String) throws -> Duration {
        let text = try value(flag)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let number = Double(text.dropLast(suffix.count)), number > 0 {
                return .milliseconds(Int64(number * scale * 1000))
            }
        }
        if let seconds = Double(text), seconds > 0 { return .milliseconds(Int64(seconds * 1000)) }
        throw TuskError.invalid("\(flag) \(text) is not a duration (e.g. 10s, 500ms, 2m)", location: flag)
    }

    func unknown(_ flag: String) -> TuskError {
        TuskError.invalid("unknown flag \"\(flag)\" for tusk \(verb)\n\n\(usage)", location: flag)
    }

    func help() -> TuskError {
        TuskError(.cancelled, usage)
    }
}
