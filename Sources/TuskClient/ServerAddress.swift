import Foundation
import TuskCore

/// A `tusk serve` gRPC address as users write it: `host:port`, `grpc://host:port`, `host`
/// (port 30650), `[::1]:30650`. TLS schemes (`grpcs://`, `https://`) are refused for now.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public static let defaultPort = 30650

    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "grpc" || scheme == "http" else {
                throw TuskError.invalid("address \"\(text)\" uses \"\(scheme)://\"; tusk speaks plaintext gRPC, write host:port or grpc://host:port", location: text)
            }
            rest = rest[schemeEnd.upperBound...]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?") else {
            throw TuskError.invalid("address \"\(text)\" is not host:port; write it like localhost:30650", location: text)
        }
        var host = String(rest)
        var port = Self.defaultPort
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(String(after.dropFirst()), text) }
        } else if let colon = rest.lastIndex(of: ":"), rest.filter({ $0 == ":" }).count == 1 {
            host = String(rest[..<colon])
            port = try Self.port(String(rest[rest.index(after: colon)...]), text)
        }
        guard !host.isEmpty else {
            throw TuskError.invalid("address \"\(text)\" has no host; write it like localhost:30650", location: text)
        }
        self.host = host
        self.port = port
    }

    static func port(_ text: String, _ whole: String) throws -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw TuskError.invalid("address \"\(whole)\" has port \"\(text)\"; give a number from 1 to 65535", location: whole)
        }
        return port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
