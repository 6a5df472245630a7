import Foundation

/// Where the bytes of one `put file` come from.
public enum PutFileSource: Sendable, Equatable {
    /// Standard input (`-f -`).
    case standardInput
    /// A local file or directory.
    case local(String)
    /// An http(s) or object-store URL; the server fetches it (`add_file.url`).
    case url(String)

    /// Classifies a `-f` value: `-` is stdin, a value with a scheme (`http://`, `s3://`) is a URL.
    public init(_ text: String) {
        if text == "-" {
            self = .standardInput
        } else if let schemeEnd = text.range(of: "://"), !text[..<schemeEnd.lowerBound].isEmpty,
                  text[..<schemeEnd.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            self = .url(text)
        } else {
            self = .local(text)
        }
    }

    /// The name the destination gets when no path is given: the last path component.
    public var baseName: String? {
        switch self {
        case .standardInput: return nil
        case .local(let path): return URL(fileURLWithPath: path).lastPathComponent
        case .url(let text):
            let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
            let withoutQuery = trimmed.split(separator: "?", maxSplits: 1).first.map(String.init) ?? trimmed
            return withoutQuery.split(separator: "/").last.map(String.init)
        }
    }
}
