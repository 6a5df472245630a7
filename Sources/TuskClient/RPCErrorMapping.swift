import GRPCCore
import TuskCore

/// The one table that turns gRPC failures into `TuskError` codes on the client side.
///
/// The server's message text is kept as is (it already says what was wrong and what would be
/// right). A failure to reach the server at all (connection refused, unknown host: an
/// UNAVAILABLE raised by the transport with an underlying cause) becomes a message that names
/// the address and how to change it, distinct from a server that answered UNAVAILABLE.
public enum RPCErrorMapping {
    public static func code(for status: RPCError.Code) -> TuskError.Code {
        switch status {
        case .notFound: return .notFound
        case .invalidArgument, .outOfRange: return .invalidArgument
        case .alreadyExists: return .alreadyExists
        case .failedPrecondition: return .failedPrecondition
        case .unavailable: return .unavailable
        case .dataLoss: return .dataLoss
        case .aborted: return .aborted
        case .unimplemented: return .unimplemented
        case .cancelled: return .cancelled
        case .deadlineExceeded: return .deadlineExceeded
        case .permissionDenied, .unauthenticated: return .permissionDenied
        default: return .internal
        }
    }

    /// Converts any error thrown by a call to `address` into a `TuskError`.
    public static func tuskError(from error: any Error, address: ServerAddress) -> TuskError {
        if let error = error as? TuskError { return error }
        guard let rpcError = error as? RPCError else {
            return TuskError(.internal, "the call to tusk serve at \(address) failed: \(error)", location: address.description)
        }
        if isUnreachable(rpcError) {
            return TuskError(.unavailable, "cannot reach tusk serve at \(address) — is it running? set --address or PACHD_ADDRESS", location: address.description, cause: rpcError)
        }
        return TuskError(code(for: rpcError.code), rpcError.message)
    }

    /// True when the transport failed before any server answered.
    static func isUnreachable(_ error: RPCError) -> Bool {
        error.code == .unavailable && error.cause != nil
    }
}
