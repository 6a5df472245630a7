import TuskCore

/// Translations of Pachyderm 1.x positional arguments (`repo branch path`) into 2.x references.
enum LegacyArguments {
    /// `repo branch-or-commit [rest...]` → `repo@ref` followed by the rest.
    static func commit(_ arguments: [String], verb: String) throws -> [String] {
        guard arguments.count >= 2 else {
            throw TuskError.invalid("\"\(verb)\" takes <repo> <branch-or-commit> (1.x form) or repo@branch", location: verb)
        }
        return ["\(arguments[0])@\(arguments[1])"] + arguments.dropFirst(2)
    }

    /// `repo ref [path]` → `repo@ref:path`; extra arguments follow.
    static func file(_ arguments: [String], verb: String, pathRequired: Bool) throws -> [String] {
        guard arguments.count >= (pathRequired ? 3 : 2) else {
            let usage = pathRequired ? "<repo> <branch-or-commit> <path>" : "<repo> <branch-or-commit> [path]"
            throw TuskError.invalid("\"\(verb)\" takes \(usage) (1.x form)", location: verb)
        }
        let path = arguments.count >= 3 ? ":" + arguments[2] : ""
        return ["\(arguments[0])@\(arguments[1])\(path)"] + arguments.dropFirst(3)
    }

    /// Accepts a 2.x argument unchanged when it already has `@`, else translates the 1.x form.
    static func commitOrModern(_ arguments: [String], verb: String) throws -> [String] {
        if arguments.first?.contains("@") == true { return arguments }
        return try commit(arguments, verb: verb)
    }

    static func fileOrModern(_ arguments: [String], verb: String, pathRequired: Bool) throws -> [String] {
        if arguments.first?.contains("@") == true { return arguments }
        return try file(arguments, verb: verb, pathRequired: pathRequired)
    }
}
