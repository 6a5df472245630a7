import GRPCCore
import TuskCore

/// The one table that turns Tusk errors into gRPC statuses.
///
/// Every handler's thrown error passes through `rpcError(for:)` (see `RPCExecution`), so a
/// `TuskError.Code` maps to the same status code everywhere, and clients that branch on codes
/// (the SDK's `*_exists` helpers look for NOT_FOUND) see consistent answers. The message sent
/// is the error's message for people; nothing here ever inspects error text.
public enum ErrorStatusMapping {
    /// The gRPC status code for a Tusk error code; codes without an entry are INTERNAL.
    public static func statusCode(for code: TuskError.Code) -> RPCError.Code {
        switch code {
        case .notFound: return .notFound
        case .alreadyExists: return .alreadyExists
        case .invalidArgument: return .invalidArgument
        case .failedPrecondition: return .failedPrecondition
        case .unavailable: return .unavailable
        case .dataLoss: return .dataLoss
        case .aborted: return .aborted
        case .unimplemented: return .unimplemented
        case .cancelled: return .cancelled
        case .deadlineExceeded: return .deadlineExceeded
        case .permissionDenied: return .permissionDenied
        case .internal: return .internalError
        default: return .internalError
        }
    }

    /// The status an RPC ends with when its handler throws `error`.
    public static func rpcError(for error: any Error) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as TuskError:
            return RPCError(code: statusCode(for: error.code), message: error.message, cause: error)
        case is CancellationError:
            return RPCError(code: .cancelled, message: "the request was cancelled")
        default:
            return RPCError(code: .internalError, message: "internal error: \(String(describing: error))", cause: error)
        }
    }
}
