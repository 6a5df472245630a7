/// Validation of the names users give to projects, repos, branches and pipelines.
///
/// Pachyderm's rules: letters, digits, `_` and `-`; projects must start with a letter or digit
/// and are at most 51 characters; branch names must not look like a commit id. Each check
/// throws a `TuskError` that says which rule was broken and what a valid name looks like.
public enum NameRules {
    public static let maximumProjectLength = 51
    public static let maximumNameLength = 63

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    static func check(_ name: String, kind: String, maximum: Int) throws {
        if name.isEmpty {
            throw TuskError.invalid("\(kind) name is empty; give a name of letters, digits, \"_\" and \"-\"", location: kind)
        }
        if let bad = name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
            throw TuskError.invalid("\(kind) name \"\(FilePath.printable(name))\" contains \"\(FilePath.printable(String(bad)))\"; only letters, digits, \"_\" and \"-\" are allowed", location: name)
        }
        if name.count > maximum {
            throw TuskError.invalid("\(kind) name \"\(name)\" is \(name.count) characters long; the limit is \(maximum)", location: name)
        }
    }

    public static func validateProject(_ name: String) throws {
        try check(name, kind: "project", maximum: maximumProjectLength)
        if let first = name.unicodeScalars.first, first == "_" || first == "-" {
            throw TuskError.invalid("project name \"\(name)\" starts with \"\(first)\"; it must start with a letter or digit", location: name)
        }
    }

    public static func validateRepo(_ name: String) throws {
        try check(name, kind: "repo", maximum: maximumNameLength)
    }

    public static func validatePipeline(_ name: String) throws {
        try check(name, kind: "pipeline", maximum: maximumNameLength)
    }

    public static func validateBranch(_ name: String) throws {
        try check(name, kind: "branch", maximum: 255)
        if CommitID(name) != nil {
            throw TuskError.invalid("branch name \"\(name)\" looks like a commit id; choose a name that is not 32 hex digits", location: name)
        }
    }
}
