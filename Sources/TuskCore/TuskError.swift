/// The one error type every Tusk layer throws.
///
/// It exists so that refusals carry, in one shape, what a person needs to act on them: a stable
/// machine-readable `code` (front ends map codes to gRPC and HTTP status in exactly one table
/// each, never by matching text), a `message` saying what was wrong and what would be right, the
/// `location` it concerns (a reference, a spec field path, a file) and the underlying `cause`.
public struct TuskError: Error, Sendable, CustomStringConvertible {
    /// An extensible error category; new codes are added as static members.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A named thing (project, repo, branch, commit, file, ...) does not exist.
        public static let notFound = Code(rawValue: "not_found")
        /// Creating something that already exists.
        public static let alreadyExists = Code(rawValue: "already_exists")
        /// The request itself is malformed: bad name, bad path, bad reference, bad spec.
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// The request is well formed but the system is not in a state that allows it
        /// (writing to a finished commit, deleting a repo that has dependents).
        public static let failedPrecondition = Code(rawValue: "failed_precondition")
        /// The thing exists but is not ready yet (e.g. reading needs a finished commit).
        public static let unavailable = Code(rawValue: "unavailable")
        /// Stored bytes do not match their hash, or a referenced object is missing.
        public static let dataLoss = Code(rawValue: "data_loss")
        /// A compare-and-swap lost its race too many times; the caller may retry.
        public static let aborted = Code(rawValue: "aborted")
        /// The operation is not implemented by this server.
        public static let unimplemented = Code(rawValue: "unimplemented")
        /// The caller gave up or the server is shutting down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// A deadline passed.
        public static let deadlineExceeded = Code(rawValue: "deadline_exceeded")
        /// The caller lacks permission.
        public static let permissionDenied = Code(rawValue: "permission_denied")
        /// A bug or an environment failure (disk, I/O) that the caller cannot fix by changing the request.
        public static let `internal` = Code(rawValue: "internal")
    }

    public var code: Code
    /// What was wrong, and what would be right, in words for people.
    public var message: String
    /// What the error concerns: a reference (`images@master`), a spec field path, a file path.
    public var location: String?
    /// The lower-level error this one wraps, if any.
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, location: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    public var description: String {
        var text = message
        if let cause { text += " (cause: \(cause))" }
        return text
    }

    public static func notFound(_ message: String, location: String? = nil) -> TuskError {
        TuskError(.notFound, message, location: location)
    }
    public static func invalid(_ message: String, location: String? = nil) -> TuskError {
        TuskError(.invalidArgument, message, location: location)
    }
    public static func precondition(_ message: String, location: String? = nil) -> TuskError {
        TuskError(.failedPrecondition, message, location: location)
    }
    public static func alreadyExists(_ message: String, location: String? = nil) -> TuskError {
        TuskError(.alreadyExists, message, location: location)
    }
    public static func `internal`(_ message: String, cause: (any Error & Sendable)? = nil) -> TuskError {
        TuskError(.internal, message, cause: cause)
    }
}
