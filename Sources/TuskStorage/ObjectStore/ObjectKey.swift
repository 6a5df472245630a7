import TuskCore

/// The name of one object in an `ObjectStore`, such as `chunks/ab/abcdef...`.
///
/// Keys are relative, slash-separated paths. Validating them once, here, means every store
/// (memory, a local directory, S3) can map a key to its own namespace without being able to
/// escape it: no empty components, no `.` or `..`, no leading or trailing `/`, no NUL or
/// control characters.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The relative path of the object, components separated by `/`.
    public let path: String

    /// Validates `path` and builds a key from it.
    public init(_ path: String) throws {
        guard !path.isEmpty else {
            throw TuskError.invalid("object key is empty; give a relative path such as \"chunks/ab/abcd\"")
        }
        guard !path.hasPrefix("/") else {
            throw TuskError.invalid("object key \"\(path)\" starts with \"/\"; object keys are relative paths", location: path)
        }
        guard path.utf8.count <= 1024 else {
            throw TuskError.invalid("object key of \(path.utf8.count) bytes is longer than 1024 bytes", location: String(path.prefix(80)))
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty {
                throw TuskError.invalid("object key \"\(path)\" has an empty component (a doubled or trailing \"/\")", location: path)
            }
            if component == "." || component == ".." {
                throw TuskError.invalid("object key \"\(path)\" contains \"\(component)\"; object keys may not navigate directories", location: path)
            }
            if component.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
                throw TuskError.invalid("object key contains a NUL or control character", location: path)
            }
        }
        self.path = path
    }

    /// Builds a key from a path the caller constructed from known-good parts (hex digits and
    /// fixed prefixes), skipping validation.
    init(trustedPath: String) {
        self.path = trustedPath
    }

    /// The key's path components.
    public var components: [Substring] { path.split(separator: "/") }

    public var description: String { path }

    /// Byte order of the paths, the order `ObjectStore.list(prefix:)` returns.
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
    }

    /// The key of a content-addressed object under `namespace`: `<namespace>/<2 hex>/<64 hex>`.
    /// The two-digit fan-out keeps directories of a local store small.
    public static func contentAddressed(_ namespace: String, _ hash: ContentHash) -> ObjectKey {
        let hex = hash.hex
        return ObjectKey(trustedPath: "\(namespace)/\(hex.prefix(2))/\(hex)")
    }
}
