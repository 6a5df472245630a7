import Hummingbird

/// Header names the API sets that `HTTPField.Name` has no constant for.
enum HeaderNames {
    typealias FieldName = HTTPFields.Element.Name

    static let contentTypeOptions = FieldName("X-Content-Type-Options") ?? .contentType
    static let contentSecurityPolicy = FieldName("Content-Security-Policy") ?? .contentType
    /// The whole size of a file whose bytes were cut short by `limit`.
    static let fileSize = FieldName("X-Tusk-File-Size") ?? .contentType
    /// `true` when `limit` cut the file short.
    static let truncated = FieldName("X-Tusk-Truncated") ?? .contentType
    /// The commit a file was read from or written to.
    static let commit = FieldName("X-Tusk-Commit") ?? .contentType
}
