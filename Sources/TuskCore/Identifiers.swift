/// A project name, validated. The `default` project always exists.
public struct ProjectName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) throws {
        try NameRules.validateProject(value)
        self.value = value
    }
    public init(trusted value: String) { self.value = value }
    public static let `default` = ProjectName(trusted: "default")
    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// The kind of a repo: `user` repos hold data; a pipeline also owns `spec` and `meta` repos of its name.
public enum RepoType: String, Hashable, Sendable, CaseIterable {
    case user
    case spec
    case meta

    /// Parses a type from the wire, where the empty string means `user`.
    public init(wire: String) throws {
        if wire.isEmpty { self = .user; return }
        guard let type = RepoType(rawValue: wire) else {
            throw TuskError.invalid("repo type \"\(wire)\" is unknown; use user, spec or meta", location: wire)
        }
        self = type
    }
}

/// A repo's full identity: project, name and type.
public struct RepoID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let project: ProjectName
    public let name: String
    public let type: RepoType

    public init(project: ProjectName = .default, name: String, type: RepoType = .user) throws {
        try NameRules.validateRepo(name)
        self.project = project
        self.name = name
        self.type = type
    }

    public init(trustedProject project: ProjectName, name: String, type: RepoType) {
        self.project = project
        self.name = name
        self.type = type
    }

    /// `project/repo` with `.type` appended for system repos, as pachctl prints them.
    public var description: String {
        let base = "\(project.value)/\(name)"
        return type == .user ? base : base + ".\(type.rawValue)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.project.value, lhs.name, lhs.type.rawValue) < (rhs.project.value, rhs.name, rhs.type.rawValue)
    }
}

/// A branch of a repo.
public struct BranchID: Hashable, Sendable, CustomStringConvertible {
    public let repo: RepoID
    public let name: String

    public init(repo: RepoID, name: String) throws {
        try NameRules.validateBranch(name)
        self.repo = repo
        self.name = name
    }

    public init(trustedRepo repo: RepoID, name: String) {
        self.repo = repo
        self.name = name
    }

    public var description: String { "\(repo)@\(name)" }
}

/// A global commit id: a UUIDv4 in lowercase hex without dashes (32 characters).
///
/// Every commit created together (a user commit and the pipeline output commits it causes)
/// shares one id, the commit set; a job's id is that same value.
public struct CommitID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// Accepts exactly 32 hex digits (case-insensitive, stored lowercase).
    public init?(_ text: String) {
        guard text.utf8.count == 32, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }) else {
            return nil
        }
        self.value = text.lowercased()
    }

    /// A fresh random UUIDv4 id.
    public static func random() -> CommitID {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return CommitID(trusted: String(decoding: out, as: UTF8.self))
    }

    public init(trusted value: String) { self.value = value }
    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// A specific commit of a specific repo.
public struct CommitKey: Hashable, Sendable, CustomStringConvertible {
    public let repo: RepoID
    public let id: CommitID
    public init(repo: RepoID, id: CommitID) {
        self.repo = repo
        self.id = id
    }
    public var description: String { "\(repo)@\(id)" }
}
