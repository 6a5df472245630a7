import Foundation
import Hummingbird
import TuskCore

/// An engine error on its way to an HTTP client: the one table mapping `TuskError` codes to
/// HTTP status for the whole HTTP front end, and the JSON body `{"error": ..., "code": ...}`.
struct TuskHTTPError: HTTPResponseError {
    let error: TuskError

    static func status(for code: TuskError.Code) -> HTTPResponse.Status {
        switch code {
        case .notFound: return .notFound
        case .alreadyExists, .aborted: return .conflict
        case .invalidArgument: return .badRequest
        case .failedPrecondition: return .preconditionFailed
        case .unavailable: return .serviceUnavailable
        case .permissionDenied: return .forbidden
        case .unimplemented: return .notImplemented
        case .deadlineExceeded: return .gatewayTimeout
        case .cancelled: return .init(code: 499, reasonPhrase: "Client Closed Request")
        default: return .internalServerError
        }
    }

    /// The TuskError code matching a status Hummingbird produced itself (unknown route, body too large).
    static func code(for status: HTTPResponse.Status) -> TuskError.Code {
        switch status.code {
        case 404: return .notFound
        case 405: return .unimplemented
        case 400, 413, 415: return .invalidArgument
        case 409: return .alreadyExists
        default: return .internal
        }
    }

    var status: HTTPResponse.Status { Self.status(for: error.code) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.body(message: error.message, code: error.code, status: status)
    }

    static func body(message: String, code: TuskError.Code, status: HTTPResponse.Status) -> Response {
        JSONResponse.make(["error": JSONValue(message), "code": JSONValue(code.rawValue)], status: status)
    }
}

/// Turns every error an endpoint throws into the JSON error body with the mapped status, so
/// clients never see an HTML or empty error page from `/api/v1`.
struct TuskErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as TuskError {
            return TuskHTTPError(error: error).response(request: request)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "nothing at \(request.method) \(request.uri.path)" : error.status.reasonPhrase)
            return TuskHTTPError.body(message: message, code: TuskHTTPError.code(for: error.status), status: error.status)
        } catch is CancellationError {
            return TuskHTTPError.body(message: "the request was cancelled", code: .cancelled, status: TuskHTTPError.status(for: .cancelled))
        } catch {
            return TuskHTTPError.body(message: "internal error: \(error)", code: .internal, status: .internalServerError)
        }
    }
}

extension TuskHTTPError {
    func response(request: Request) -> Response {
        Self.body(message: error.message, code: error.code, status: status)
    }
}
