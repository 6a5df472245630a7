/// How a reference walks back from the commit it names.
public enum Ancestry: Hashable, Sendable {
    /// The named commit itself.
    case none
    /// `X^N` (or `X~N`, or N carets): the N-th ancestor through parents.
    case ancestor(Int)
    /// `X.N`: the N-th commit counting from the oldest commit in X's ancestry (`.1` is the first).
    case fromOldest(Int)
}

/// A repo as a user wrote it: `repo`, `repo.spec`, `project/repo`. The project is nil when the
/// user did not name one, so the caller fills in the context's project.
public struct RepoReference: Hashable, Sendable, CustomStringConvertible {
    public var project: String?
    public var name: String
    public var type: RepoType

    public init(project: String? = nil, name: String, type: RepoType = .user) {
        self.project = project
        self.name = name
        self.type = type
    }

    /// Resolves the reference to a validated repo id, using `defaultProject` when none was written.
    public func resolved(defaultProject: ProjectName = .default) throws -> RepoID {
        let projectName = try project.map { try ProjectName($0) } ?? defaultProject
        return try RepoID(project: projectName, name: name, type: type)
    }

    public var description: String {
        var text = project.map { "\($0)/" } ?? ""
        text += name
        if type != .user { text += ".\(type.rawValue)" }
        return text
    }
}

/// A commit as a user wrote it: `repo@branch`, `repo@<id>`, `repo@branch=<id>`, with an optional
/// ancestry suffix (`^`, `^N`, `~N`, `.N`). A bare `repo` means no branch and no id.
public struct CommitReference: Hashable, Sendable, CustomStringConvertible {
    public var repo: RepoReference
    public var branch: String?
    public var id: CommitID?
    public var ancestry: Ancestry

    public init(repo: RepoReference, branch: String? = nil, id: CommitID? = nil, ancestry: Ancestry = .none) {
        self.repo = repo
        self.branch = branch
        self.id = id
        self.ancestry = ancestry
    }

    public var description: String {
        var text = repo.description
        if branch != nil || id != nil { text += "@" }
        if let branch { text += branch }
        if let branch = branch, let id, !branch.isEmpty { text += "=\(id)" } else if let id { text += id.value }
        switch ancestry {
        case .none: break
        case .ancestor(let count): text += "^\(count)"
        case .fromOldest(let index): text += ".\(index)"
        }
        return text
    }
}

/// A file or glob inside a commit: `repo@branch:/path`.
public struct FileReference: Hashable, Sendable, CustomStringConvertible {
    public var commit: CommitReference
    /// The path as written (may be relative or a glob); validate it with `FilePath(validating:)`.
    public var path: String

    public init(commit: CommitReference, path: String) {
        self.commit = commit
        self.path = path
    }

    public var description: String { "\(commit):\(path)" }
}

/// Parses the reference grammar pachctl users type.
public enum ReferenceParser {
    /// Parses `repo`, `repo.type` or `project/repo[.type]`.
    public static func repo(_ text: String) throws -> RepoReference {
        guard !text.isEmpty else {
            throw TuskError.invalid("empty repo reference; write it as repo, project/repo or repo.spec", location: text)
        }
        var project: String?
        var rest = Substring(text)
        if let slash = rest.firstIndex(of: "/") {
            project = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
            if let project, project.isEmpty {
                throw TuskError.invalid("reference \"\(text)\" has an empty project before \"/\"", location: text)
            }
        }
        var type = RepoType.user
        if let dot = rest.lastIndex(of: ".") {
            let suffix = String(rest[rest.index(after: dot)...])
            guard let parsed = RepoType(rawValue: suffix) else {
                throw TuskError.invalid("reference \"\(text)\" has the repo type \".\(suffix)\"; only .user, .spec and .meta exist", location: text)
            }
            type = parsed
            rest = rest[..<dot]
        }
        let name = String(rest)
        if let project { try NameRules.validateProject(project) }
        try NameRules.validateRepo(name)
        return RepoReference(project: project, name: name, type: type)
    }

    /// Parses `repo[@branch|@id|@branch=id][^N|~N|.N]`.
    public static func commit(_ text: String) throws -> CommitReference {
        guard let at = text.firstIndex(of: "@") else {
            return CommitReference(repo: try repo(text))
        }
        let repoPart = String(text[..<at])
        let commitPart = String(text[text.index(after: at)...])
        var reference = try commitToken(commitPart, context: text)
        reference.repo = try repo(repoPart)
        return reference
    }

    /// Parses `repo@ref:path`; the path is returned as written (the empty path means the root).
    public static func file(_ text: String) throws -> FileReference {
        guard let at = text.firstIndex(of: "@") else {
            throw TuskError.invalid("file reference \"\(text)\" has no \"@\"; write it as repo@branch:/path", location: text)
        }
        let afterAt = text[text.index(after: at)...]
        if let colon = afterAt.firstIndex(of: ":") {
            let commitText = String(text[..<colon])
            let path = String(text[text.index(after: colon)...])
            return FileReference(commit: try commit(commitText), path: path)
        }
        return FileReference(commit: try commit(text), path: "")
    }

    /// Parses the part after `@`: a branch or commit id with an optional ancestry suffix.
    /// A token is a commit id when it is 32 hex digits; otherwise it is a branch name.
    public static func commitToken(_ token: String, context: String? = nil) throws -> CommitReference {
        let where_ = context ?? token
        guard !token.isEmpty else {
            throw TuskError.invalid("reference \"\(where_)\" has nothing after \"@\"; name a branch or a commit id", location: where_)
        }
        var base = Substring(token)
        var ancestry = Ancestry.none
        if let mark = token.firstIndex(where: { $0 == "^" || $0 == "~" || $0 == "." }) {
            base = token[..<mark]
            ancestry = try parseAncestry(token[mark...], context: where_)
        }
        var branch: String?
        var id: CommitID?
        if let equals = base.firstIndex(of: "=") {
            branch = String(base[..<equals])
            let idText = String(base[base.index(after: equals)...])
            guard let parsed = CommitID(idText) else {
                throw TuskError.invalid("\"\(idText)\" in \"\(where_)\" is not a commit id (32 hex digits)", location: where_)
            }
            id = parsed
        } else if let parsed = CommitID(String(base)) {
            id = parsed
        } else {
            branch = String(base)
        }
        if let branch {
            guard !branch.isEmpty else {
                throw TuskError.invalid("reference \"\(where_)\" has an empty branch name", location: where_)
            }
            try NameRules.check(branch, kind: "branch", maximum: 255)
        }
        return CommitReference(repo: RepoReference(name: ""), branch: branch, id: id, ancestry: ancestry)
    }

    static func parseAncestry(_ suffix: Substring, context: String) throws -> Ancestry {
        let invalid = TuskError.invalid("ancestry \"\(suffix)\" in \"\(context)\" is not valid; use ^, ^N, ~N or .N (and do not mix . with ^)", location: context)
        if suffix.first == "." {
            guard let index = Int(suffix.dropFirst()), index >= 1 else { throw invalid }
            return .fromOldest(index)
        }
        var total = 0
        var rest = suffix
        while let mark = rest.first {
            guard mark == "^" || mark == "~" else { throw invalid }
            rest = rest.dropFirst()
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if digits.isEmpty {
                total += 1
            } else {
                guard let count = Int(digits) else { throw invalid }
                total += count
                rest = rest.dropFirst(digits.count)
            }
        }
        return total == 0 ? .none : .ancestor(total)
    }
}
