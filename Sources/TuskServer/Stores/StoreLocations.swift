import Foundation
import TuskCore

/// Where the metadata lives: an SQLite file (embedded, one host) or a PostgreSQL database
/// (shared by a daemon and its workers on other hosts).
///
/// Parsed from `--metadata` before anything is opened, so a typo is reported as such.
public enum MetadataLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://…` / `postgresql://…`, `sqlite:///abs/path`, or a plain file path.
    public static func parse(_ text: String, flag: String = "--metadata") throws -> MetadataLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .postgres(url: text) }
        return .sqlite(path: try localPath(
            text, scheme: "sqlite", example: "/var/lib/tusk/metadata.sqlite",
            otherwise: "postgres://user@host:5432/database or an SQLite file path", flag: flag))
    }

    /// The location without a password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Where the bytes live: a local directory (embedded, or shared by processes of one host) or
/// an S3 bucket and prefix.
public enum ObjectStoreLocation: Sendable, Equatable, CustomStringConvertible {
    case local(path: String)
    case s3(url: String)

    /// `s3://bucket/prefix?endpoint=…`, `file:///abs/dir`, or a plain directory path.
    public static func parse(_ text: String, flag: String = "--storage") throws -> ObjectStoreLocation {
        if text.hasPrefix("s3://") { return .s3(url: text) }
        return .local(path: try localPath(
            text, scheme: "file", example: "/var/lib/tusk/objects", otherwise: "s3://bucket/prefix or a directory path", flag: flag))
    }

    public var description: String {
        switch self {
        case .local(let path): return "file:\(path)"
        case .s3(let url): return url
        }
    }
}

/// The local path a location names: `<scheme>:///abs/path` or a plain path. Any other URL is
/// refused, suggesting `otherwise`.
private func localPath(_ text: String, scheme: String, example: String, otherwise: String, flag: String) throws -> String {
    let prefix = scheme + "://"
    if text.hasPrefix(prefix) {
        let path = String(text.dropFirst(prefix.count))
        guard path.hasPrefix("/") else {
            throw TuskError.invalid("\(flag) \(text): a \(prefix) URL names an absolute path, e.g. \(prefix)\(example)", location: flag)
        }
        return path
    }
    if text.contains("://") {
        throw TuskError.invalid("\(flag) \(text): unknown scheme; use \(otherwise)", location: flag)
    }
    guard !text.isEmpty else { throw TuskError.invalid("\(flag) is empty", location: flag) }
    return text
}

/// S3 credentials given on the command line; when absent the S3 driver looks in the
/// environment and then the shared credentials file.
public struct S3CredentialFlags: Sendable, Equatable {
    public var accessKeyID: String?
    public var secretAccessKey: String?
    public var sessionToken: String?

    public init(accessKeyID: String? = nil, secretAccessKey: String? = nil, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Reads one of the `--s3-*` flags; false when `flag` is not one of them.
    mutating func read(_ flag: String, from reader: inout FlagReader) throws -> Bool {
        switch flag {
        case "--s3-access-key-id": accessKeyID = try reader.value(flag)
        case "--s3-secret-access-key": secretAccessKey = try reader.value(flag)
        case "--s3-session-token": sessionToken = try reader.value(flag)
        default: return false
        }
        return true
    }

    func validate() throws {
        if (accessKeyID == nil) != (secretAccessKey == nil) {
            throw TuskError.invalid("--s3-access-key-id and --s3-secret-access-key go together; give both or neither", location: "--s3-access-key-id")
        }
    }
}
