import Foundation
import TuskCore

/// Where a PostgreSQL metadata database is and how to log in to it, parsed from a URL
/// `postgres://user[:password]@host[:port]/database[?sslmode=...]` (`postgresql://` too).
///
/// It exists so that a malformed URL is refused once, up front, with a message saying which part
/// is wrong, and so that error messages can name the database without its password
/// (`description`). A password missing from the URL is taken from `PGPASSWORD`, as libpq does.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted; the names and meanings are libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or nothing, without checking the certificate.
        case require
        /// TLS or nothing, with the certificate checked against the system's trust roots.
        case verifyCA = "verify-ca"
        /// As `verifyCA`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tlsMode: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tlsMode = tlsMode
    }

    /// Parses `url`; `environment` supplies `PGPASSWORD` when the URL has no password.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let shown = Self.redacted(url)
        func refuse(_ problem: String) -> TuskError {
            TuskError(
                .invalidArgument,
                "the PostgreSQL URL \"\(shown)\" is malformed: \(problem); expected "
                    + "postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-ca|verify-full]",
                location: shown
            )
        }
        guard let components = URLComponents(string: url) else { throw refuse("it does not parse as a URL") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw refuse("the scheme must be postgres:// or postgresql://")
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw refuse("it names no host") }
        guard let user = components.user, !user.isEmpty else { throw refuse("it names no user (user@host)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port \(port) is out of range") }
        let path = components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("the path must be one database name (/database)")
        }
        var tlsMode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    let known = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw refuse("sslmode \"\(item.value ?? "")\" is not one of \(known)")
                }
                tlsMode = mode
            default:
                throw refuse("the parameter \"\(item.name)\" is not supported (only sslmode is)")
            }
        }
        let password = components.password ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(host: host, port: port, user: user, password: password, database: database, tlsMode: tlsMode)
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(hostPart):\(port)/\(database)"
    }

    /// The same server and login, on another database (used to reach the `postgres` maintenance
    /// database when creating one).
    public func onDatabase(_ name: String) -> PostgresLocation {
        var other = self
        other.database = name
        return other
    }

    /// `url` with any password replaced by `***`, for a message about a URL that did not parse.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
              let at = url[schemeEnd.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
