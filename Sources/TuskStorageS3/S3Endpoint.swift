import TuskCore

/// The scheme, host and port of an S3 service, such as `https://s3.eu-west-1.amazonaws.com`
/// or `http://127.0.0.1:9000`.
///
/// Kept as parts rather than a URL string because virtual-host addressing puts the bucket in
/// front of the host, and the `Host` header that is signed must be exactly the one sent.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// A host name or IP address (an IPv6 address without brackets).
    public var host: String
    /// The port when not the scheme's default.
    public var port: Int?

    public init(scheme: String, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `http(s)://host[:port]` (a trailing `/` is allowed, any other path is not).
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("http://") { scheme = "http" } else if lower.hasPrefix("https://") { scheme = "https" } else {
            throw TuskError.invalid("S3 endpoint \"\(text)\" must start with http:// or https:// (for example endpoint=http://127.0.0.1:9000)", location: "endpoint")
        }
        var rest = Substring(text.dropFirst(scheme.count + 3))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else {
            throw TuskError.invalid("S3 endpoint \"\(text)\" has no host", location: "endpoint")
        }
        if rest.contains("/") || rest.contains("?") || rest.contains("#") || rest.contains("@") {
            throw TuskError.invalid("S3 endpoint \"\(text)\" may only be scheme://host[:port], without a path, query or user", location: "endpoint")
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw TuskError.invalid("S3 endpoint \"\(text)\" has an unclosed IPv6 bracket", location: "endpoint")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw TuskError.invalid("S3 endpoint \"\(text)\" has text after the IPv6 address", location: "endpoint") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw TuskError.invalid("S3 endpoint \"\(text)\" has port \"\(portText)\"; give a number from 1 to 65535", location: "endpoint")
            }
            port = value
        }
        guard !host.isEmpty else { throw TuskError.invalid("S3 endpoint \"\(text)\" has no host", location: "endpoint") }
        self.init(scheme: scheme, host: String(host), port: port == Self.defaultPort(scheme) ? nil : port)
    }

    /// AWS's regional endpoint, `https://s3.<region>.amazonaws.com`.
    public static func aws(region: String) -> S3Endpoint {
        S3Endpoint(scheme: "https", host: "s3.\(region).amazonaws.com")
    }

    /// The value of a `Host` header for this endpoint, with `subdomain.` in front when given.
    public func hostHeader(subdomain: String? = nil) -> String {
        var name = host.contains(":") ? "[\(host)]" : host
        if let subdomain { name = subdomain + "." + name }
        if let port { name += ":\(port)" }
        return name
    }

    /// `scheme://host[:port]` with `subdomain.` in front of the host when given.
    public func origin(subdomain: String? = nil) -> String {
        "\(scheme)://\(hostHeader(subdomain: subdomain))"
    }

    public var description: String { origin() }

    static func defaultPort(_ scheme: String) -> Int { scheme == "https" ? 443 : 80 }
}
