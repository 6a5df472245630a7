import Logging
import NIOCore
import PostgresNIO
import TuskCore
import TuskMetadata

/// What `PostgresDatabase.open` does on a single direct connection before it starts its pool:
/// reach the server (failing at once with host, port and reason, where a pool would keep
/// retrying), optionally create the database, and check that it orders text byte by byte.
///
/// It exists because Tusk relies on byte-order text comparison (SQLite's default) in `ORDER BY`
/// and in range conditions (`name > ?` pagination, prefix ranges). PostgreSQL orders text by the
/// database's collation, so the database must use the `C` collation (or `C.UTF-8`, which orders
/// by code point, the same as by UTF-8 bytes) from the `libc` provider, in `UTF8` encoding. The
/// driver rewrites no SQL for this: it refuses any other database with a message saying how to
/// create a right one, and it creates right ones itself.
enum PostgresServerSetup {
    /// Strings whose byte order differs from every natural-language collation: case, punctuation,
    /// spaces, digits and non-ASCII letters.
    static let orderingProbe = ["B", "a", "_", "Z", "a b", "ab", "a-b", "a_b", "10", "9", "é", "ü", "z", "~", "Ω"]

    /// The statement that creates a database Tusk can use, on a server of `serverVersion`
    /// (`server_version_num`; `LOCALE_PROVIDER` exists from PostgreSQL 15).
    static func createDatabaseStatement(_ name: String, serverVersion: Int) -> String {
        let provider = serverVersion >= 150_000 ? " LOCALE_PROVIDER libc" : ""
        return "CREATE DATABASE \(quoteIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'\(provider) "
            + "LC_COLLATE 'C' LC_CTYPE 'C'"
    }

    /// `name` as a quoted SQL identifier.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Opens one direct connection to `location`, runs `body` on it and closes it.
    static func withConnection<T: Sendable>(
        to location: PostgresLocation,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let configuration = try connectionConfiguration(location)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw connectError(error, location: location)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Creates `location.database` (through the `postgres` maintenance database) when it does not
    /// exist. Two processes racing to create it both succeed.
    static func createDatabaseIfMissing(_ location: PostgresLocation, logger: Logger) async throws {
        let maintenance = location.onDatabase("postgres")
        try await withConnection(to: maintenance, logger: logger) { connection in
            let exists = try await rows(
                connection, "SELECT 1 AS present FROM pg_database WHERE datname = $1", [.text(location.database)],
                location: maintenance, logger: logger
            )
            guard exists.isEmpty else { return }
            let version = try await rows(
                connection, "SELECT current_setting('server_version_num')::int AS version", [],
                location: maintenance, logger: logger
            ).first?.int("version") ?? 0
            do {
                let sql = createDatabaseStatement(location.database, serverVersion: version)
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).get()
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                // Created by someone else meanwhile.
            } catch {
                throw TuskError(
                    .unavailable,
                    "could not create the metadata database \(location): "
                        + "\(PostgresErrorTranslation.describe(error)); create it yourself with "
                        + createDatabaseStatement(location.database, serverVersion: version),
                    location: "metadata database \(location)",
                    cause: error
                )
            }
        }
    }

    /// Refuses a database whose text order is not byte order, or whose encoding is not UTF-8.
    static func checkOrdering(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let settings = try await rows(
            connection,
            "SELECT datcollate AS collation, pg_encoding_to_char(encoding) AS encoding, "
                + "COALESCE(to_jsonb(d) ->> 'datlocprovider', 'c') AS provider, "
                + "COALESCE(to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale', '') AS provider_locale, "
                + "current_setting('server_version_num')::int AS version "
                + "FROM pg_database AS d WHERE datname = current_database()",
            [], location: location, logger: logger
        )
        guard let row = settings.first else {
            throw TuskError.internal("metadata database \(location) is not listed in pg_database")
        }
        let collation = try row.string("collation")
        let encoding = try row.string("encoding")
        let provider = try row.string("provider")
        let version = try row.int("version")
        let byteOrderCollations: Set<String> = ["c", "posix", "c.utf8", "c.utf-8"]
        var problem: String?
        if encoding != "UTF8" {
            problem = "its encoding is \(encoding), not UTF8"
        } else if provider != "c" || !byteOrderCollations.contains(collation.lowercased()) {
            let providerName = provider == "i" ? "ICU" : provider == "c" ? "libc" : provider
            let providerLocale = try row.string("provider_locale")
            let shown = provider != "c" && !providerLocale.isEmpty ? providerLocale : collation
            problem = "it sorts text by the \(providerName) collation \"\(shown)\", not byte by byte"
        } else {
            let probe = orderingProbe.map { "('\($0.replacingOccurrences(of: "'", with: "''"))')" }.joined(separator: ", ")
            let sorted = try await rows(
                connection, "SELECT v FROM (VALUES \(probe)) AS t(v) ORDER BY v", [], location: location, logger: logger
            ).map { try $0.string("v") }
            let expected = orderingProbe.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            if sorted != expected {
                problem = "its collation \"\(collation)\" does not sort text byte by byte on this server "
                    + "(it sorts \(sorted), byte order is \(expected))"
            }
        }
        guard let problem else { return }
        throw TuskError(
            .failedPrecondition,
            "metadata database \(location) cannot be used: \(problem); Tusk compares names byte by byte, as "
                + "SQLite does. Create the database with: \(createDatabaseStatement(location.database, serverVersion: version)) "
                + "(tusk creates it that way itself when the database does not exist yet)",
            location: "metadata database \(location)"
        )
    }

    /// The rows of one statement on a bare connection, as portable rows.
    static func rows(
        _ connection: PostgresConnection,
        _ sql: String,
        _ binds: [SQLValue],
        location: PostgresLocation,
        logger: Logger
    ) async throws -> [SQLRow] {
        do {
            let result = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: PostgresBindings(binds)), logger: logger).get()
            return try SQLRow.rows(from: result.rows)
        } catch {
            throw PostgresErrorTranslation.translate(error, sql: sql, location: location)
        }
    }

    /// The connection settings for `location`, TLS included.
    static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration(location.tlsMode)))
            case .require, .verifyCA, .verifyFull:
                tls = .require(try NIOSSLContext(configuration: tlsConfiguration(location.tlsMode)))
            }
        } catch {
            throw TuskError(.internal, "could not set up TLS for \(location): \(error)", cause: error)
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: location.password, database: location.database, tls: tls
        )
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The TLS settings libpq's `sslmode` stands for.
    static func tlsConfiguration(_ mode: PostgresLocation.TLSMode) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    /// The error for a connection that could not be made: `.unavailable` naming host and port
    /// when the server cannot be reached, a login problem otherwise.
    static func connectError(_ error: any Error, location: PostgresLocation) -> TuskError {
        let action = "could not connect to metadata database \(location)"
        if let unavailable = PostgresErrorTranslation.unavailableError(error, doing: action, location: location) {
            return unavailable
        }
        let databaseName = "metadata database \(location)"
        if let psqlError = error as? PSQLError, let sqlState = psqlError.serverInfo?[.sqlState] {
            let text = PostgresErrorTranslation.serverText(psqlError)
            switch sqlState {
            case "3D000":
                return TuskError(
                    .notFound,
                    "\(action): the database \"\(location.database)\" does not exist on \(location.host):\(location.port) "
                        + "(\(text)); let tusk create it, or create it with "
                        + createDatabaseStatement(location.database, serverVersion: 150_000),
                    location: databaseName, cause: psqlError
                )
            case "28P01", "28000":
                return TuskError(
                    .permissionDenied,
                    "\(action): the server refused the login of user \"\(location.user)\" (\(text)); check the user and "
                        + "password (in the URL or PGPASSWORD)",
                    location: databaseName, cause: psqlError
                )
            default:
                return PostgresErrorTranslation.translate(error, sql: "connect", location: location)
            }
        }
        if let psqlError = error as? PSQLError,
           [.unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError].contains(psqlError.code) {
            return TuskError(
                .permissionDenied,
                "\(action): \(PostgresErrorTranslation.describe(error)); check the user and password (in the URL or PGPASSWORD)",
                location: databaseName, cause: psqlError
            )
        }
        return TuskError(.unavailable, "\(action): \(PostgresErrorTranslation.describe(error))", location: databaseName, cause: error)
    }
}
