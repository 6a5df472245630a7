import PostgresNIO
import TuskCore
import TuskMetadata

/// Turns postgres-nio's errors into `TuskError`s, by SQLSTATE and by the driver's error code,
/// never by message text.
///
/// Constraint violations get the codes the `SQLDatabase` protocol promises (23505 unique →
/// `.alreadyExists`, 23503 foreign key → `.failedPrecondition`); a write inside a read
/// transaction (25006) is `.failedPrecondition`, as on SQLite; a lost or unreachable server is
/// `.unavailable` naming the server; a serialization failure or deadlock is `.aborted` (retry).
enum PostgresErrorTranslation {
    /// The `TuskError` for `error`, thrown while running `sql` on `location`. A `TuskError` passes
    /// through unchanged.
    static func translate(_ error: any Error, sql: String, location: PostgresLocation) -> TuskError {
        if let tuskError = error as? TuskError { return tuskError }
        let operation = TransactionStatements.summary(of: sql)
        let databaseName = "metadata database \(location)"
        if let unavailable = unavailableError(error, doing: "\(operation) could not run", location: location) {
            return unavailable
        }
        guard let psqlError = error as? PSQLError, psqlError.code == .server,
              let sqlState = psqlError.serverInfo?[.sqlState] else {
            return TuskError(.internal, "\(operation) failed on \(databaseName): \(describe(error))", location: databaseName, cause: error)
        }
        let serverMessage = serverText(psqlError)
        switch sqlState {
        case "23505":
            return TuskError(
                .alreadyExists,
                "\(operation) failed: a row with the same key already exists (\(serverMessage))",
                location: databaseName, cause: psqlError
            )
        case "23503":
            return TuskError(
                .failedPrecondition,
                "\(operation) failed: it refers to a row that does not exist, or removes a row that others "
                    + "still refer to (\(serverMessage))",
                location: databaseName, cause: psqlError
            )
        case "25006":
            return TuskError(
                .failedPrecondition,
                "\(operation) tries to write inside a read transaction; run it inside write instead",
                location: databaseName, cause: psqlError
            )
        case "40001", "40P01":
            return TuskError(
                .aborted,
                "\(operation) lost a race with another transaction on \(databaseName) (\(serverMessage)); retry it",
                location: databaseName, cause: psqlError
            )
        default:
            if sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") || sqlState == "53300" {
                return TuskError(
                    .unavailable,
                    "\(operation) could not run: the PostgreSQL server \(location.host):\(location.port) is not "
                        + "available (\(serverMessage), SQLSTATE \(sqlState))",
                    location: databaseName, cause: psqlError
                )
            }
            return TuskError(
                .internal,
                "\(operation) failed on \(databaseName): \(serverMessage) (SQLSTATE \(sqlState))",
                location: databaseName, cause: psqlError
            )
        }
    }

    /// `.unavailable` naming the server when `error` says the connection is gone or could not be
    /// made; nil for any other error.
    static func unavailableError(_ error: any Error, doing action: String, location: PostgresLocation) -> TuskError? {
        let databaseName = "metadata database \(location)"
        let server = "\(location.host):\(location.port)"
        if let psqlError = error as? PSQLError {
            switch psqlError.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
                return TuskError(
                    .unavailable,
                    "\(action): the PostgreSQL server \(server) could not be reached or closed the connection (\(describe(error)))",
                    location: databaseName, cause: psqlError
                )
            default:
                return nil
            }
        }
        if error is ConnectionClosed || error is IOError || error is NIOConnectionError || error is ChannelError {
            return TuskError(
                .unavailable,
                "\(action): the PostgreSQL server \(server) could not be reached or closed the connection (\(describe(error)))",
                location: databaseName, cause: error
            )
        }
        return nil
    }

    /// A short, human description of a driver error: the server's message and detail, or the
    /// innermost network error (`Connection refused`), never a dump of the query and its binds.
    static func describe(_ error: any Error) -> String {
        if let psqlError = error as? PSQLError {
            if psqlError.code == .server { return serverText(psqlError) }
            if let underlying = psqlError.underlying { return describe(underlying) }
            return psqlError.code.description
        }
        if let connectionError = error as? NIOConnectionError {
            if let first = connectionError.connectionErrors.first { return describe(first.error) }
            if let dnsError = connectionError.dnsAError ?? connectionError.dnsAAAAError {
                return "host name lookup failed: \(dnsError)"
            }
            return "\(connectionError)"
        }
        if let ioError = error as? IOError {
            return String(cString: strerror(ioError.errnoCode))
        }
        return "\(error)"
    }

    /// The server's message, with its detail when it gave one.
    static func serverText(_ error: PSQLError) -> String {
        let message = error.serverInfo?[.message] ?? "unknown server error"
        if let detail = error.serverInfo?[.detail], !detail.isEmpty { return "\(message); \(detail)" }
        return message
    }
}
