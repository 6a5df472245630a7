import GRPCCore
import Testing
import TuskAPI
import TuskCore

@Suite struct ErrorStatusMappingTests {
    static let table: [(TuskError.Code, RPCError.Code)] = [
        (.notFound, .notFound), (.alreadyExists, .alreadyExists), (.invalidArgument, .invalidArgument),
        (.failedPrecondition, .failedPrecondition), (.unavailable, .unavailable), (.dataLoss, .dataLoss),
        (.aborted, .aborted), (.unimplemented, .unimplemented), (.cancelled, .cancelled),
        (.deadlineExceeded, .deadlineExceeded), (.permissionDenied, .permissionDenied), (.internal, .internalError),
    ]

    @Test func everyTuskCodeMapsToItsGRPCCode() {
        for (tusk, grpc) in Self.table {
            #expect(ErrorStatusMapping.statusCode(for: tusk) == grpc, "\(tusk)")
        }
    }

    @Test func theMessageIsTheTuskErrorMessage() {
        let status = ErrorStatusMapping.rpcError(for: TuskError.notFound("repo images not found"))
        #expect(status.code == .notFound)
        #expect(status.message == "repo images not found")
    }

    @Test func unknownCodesAndForeignErrorsAreInternal() {
        #expect(ErrorStatusMapping.statusCode(for: TuskError.Code(rawValue: "something_new")) == .internalError)
        struct Strange: Error {}
        #expect(ErrorStatusMapping.rpcError(for: Strange()).code == .internalError)
        #expect(ErrorStatusMapping.rpcError(for: CancellationError()).code == .cancelled)
    }

    @Test func rpcErrorsPassThroughUnchanged() {
        let original = RPCError(code: .unauthenticated, message: "no authentication token")
        #expect(ErrorStatusMapping.rpcError(for: original) == original)
    }
}
