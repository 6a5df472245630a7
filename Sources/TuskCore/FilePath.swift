/// A normalised, absolute path inside a commit's file tree (`/dir/file.txt`; the root is `/`).
///
/// Every path that enters Tusk from a client goes through `init(validating:)`, so the layers
/// below never see `..`, NUL, control characters or doubled slashes: nothing written through
/// PFS can name a location outside its commit.
public struct FilePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path components, each non-empty and free of `/`.
    public let components: [String]

    /// The root directory `/`.
    public static let root = FilePath(trustedComponents: [])

    /// Characters that Pachyderm reserves for glob patterns and refuses in stored file names.
    public static let globMetaCharacters: Set<Character> = ["*", "?", "[", "]", "{", "}", "!", "(", ")", "@", "+", "^"]

    public init(trustedComponents: [String]) { self.components = trustedComponents }

    /// Parses and normalises a client-supplied path. Relative paths are taken from the root;
    /// repeated and trailing slashes and `.` components are dropped; `..`, NUL and control
    /// characters are refused. With `forWriting`, glob meta-characters are refused as well,
    /// as Pachyderm does for file names it stores.
    public init(validating raw: String, forWriting: Bool = false) throws {
        var parts: [String] = []
        for piece in raw.split(separator: "/", omittingEmptySubsequences: true) {
            let part = String(piece)
            if part == "." { continue }
            if part == ".." {
                throw TuskError.invalid("path \"\(raw)\" contains \"..\"; paths must stay inside the commit, write it without \"..\"", location: raw)
            }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
                throw TuskError.invalid("path \"\(Self.printable(raw))\" contains a NUL or control character", location: Self.printable(raw))
            }
            if forWriting, let bad = part.first(where: { Self.globMetaCharacters.contains($0) }) {
                throw TuskError.invalid("file name \"\(part)\" in path \"\(raw)\" contains the glob character \"\(bad)\", which file names may not contain", location: raw)
            }
            if part.utf8.count > 255 {
                throw TuskError.invalid("file name component of \(part.utf8.count) bytes in \"\(raw.prefix(80))...\" is longer than 255 bytes", location: String(raw.prefix(80)))
            }
            parts.append(part)
        }
        if raw.utf8.count > 4096 {
            throw TuskError.invalid("path of \(raw.utf8.count) bytes is longer than 4096 bytes", location: String(raw.prefix(80)))
        }
        self.components = parts
    }

    public var isRoot: Bool { components.isEmpty }

    /// The absolute form, `/a/b`; the root is `/`.
    public var string: String { "/" + components.joined(separator: "/") }

    /// The directory form with a trailing slash, as Pachyderm reports directories (`/a/b/`).
    public var directoryString: String { isRoot ? "/" : string + "/" }

    public var description: String { string }

    public var name: String { components.last ?? "" }

    public var parent: FilePath? {
        isRoot ? nil : FilePath(trustedComponents: Array(components.dropLast()))
    }

    public func appending(_ name: String) -> FilePath {
        FilePath(trustedComponents: components + [name])
    }

    public func appending(_ other: FilePath) -> FilePath {
        FilePath(trustedComponents: components + other.components)
    }

    /// True when `self` equals `other` or lies below it.
    public func hasPrefix(_ other: FilePath) -> Bool {
        components.count >= other.components.count && Array(components.prefix(other.components.count)) == other.components
    }

    /// The remainder of this path below `prefix`, or nil when it is not below it.
    public func relative(to prefix: FilePath) -> FilePath? {
        guard hasPrefix(prefix) else { return nil }
        return FilePath(trustedComponents: Array(components.dropFirst(prefix.components.count)))
    }

    /// Lexicographic order of the absolute path strings, the listing order Pachyderm uses.
    public static func < (lhs: FilePath, rhs: FilePath) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }

    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
    }
}
