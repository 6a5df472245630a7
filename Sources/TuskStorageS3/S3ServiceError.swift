import TuskCore

/// What an S3 service answered to a request that failed: the HTTP status and the error
/// document's `Code`, `Message` and `RequestId`.
///
/// It is the `cause` of the `TuskError` the store throws, so callers and tests can look at the
/// status and S3 code as values instead of matching message text.
public struct S3ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status code.
    public let status: Int
    /// The S3 error code, such as `NoSuchKey`, `AccessDenied` or `SlowDown`; nil when the
    /// response had no error document (HEAD requests, proxies).
    public let code: String?
    public let message: String?
    public let requestId: String?

    public init(status: Int, code: String? = nil, message: String? = nil, requestId: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// Reads an S3 `<Error>` document; fields it lacks stay nil.
    public init(status: Int, body: String) {
        self.init(
            status: status,
            code: S3XML.text(of: "Code", in: body).flatMap { $0.isEmpty ? nil : $0 },
            message: S3XML.text(of: "Message", in: body).flatMap { $0.isEmpty ? nil : $0 },
            requestId: S3XML.text(of: "RequestId", in: body).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `HTTP 403 AccessDenied: Access Denied (request id ...)`.
    public var description: String {
        var text = "HTTP \(status)"
        if let code { text += " \(code)" }
        if let message { text += ": \(message)" }
        if let requestId { text += " (request id \(requestId))" }
        return text
    }

    /// Whether a new attempt may succeed: server errors, throttling, S3's own `SlowDown`,
    /// `RequestTimeout` and `InternalError` codes whatever their status, and a response body
    /// cut short (`IncompleteBody`).
    public var isRetryable: Bool {
        if status >= 500 || status == 429 { return true }
        switch code {
        case "SlowDown", "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
             "IncompleteBody":
            return true
        default:
            return false
        }
    }

    /// The `TuskError` code this failure maps to.
    var tuskCode: TuskError.Code {
        if isRetryable { return .unavailable }
        switch status {
        case 401, 403: return .permissionDenied
        case 404: return .notFound
        case 409, 412: return .failedPrecondition
        default: return .internal
        }
    }
}
