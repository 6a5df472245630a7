import GRPCCore
import Logging
import Metrics
import TuskCore

/// Runs every handler of the Tusk gRPC services the same way, so cross-cutting behaviour lives
/// in one place instead of in forty handlers.
///
/// - Errors: whatever the handler throws leaves as the status `ErrorStatusMapping` chooses.
/// - Cancellation: gRPC reports a cancelled RPC through the server context, not by cancelling
///   the handler's task; here the handler runs in a child task that is cancelled when either
///   happens, so blocking waits (`InspectCommit` with `wait`, `SubscribeCommit`, health
///   `Watch`) end when the client goes away or the server shuts down.
/// - Metrics: `tusk_rpc_total{method, code}` counts calls by outcome and
///   `tusk_rpc_duration_seconds{method}` records their latency.
struct RPCExecution: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func run<Result: Sendable>(
        _ context: ServerContext,
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let method = context.descriptor.fullyQualifiedMethod
        let started = ContinuousClock.now
        let task = Task { try await body() }
        do {
            let result = try await withRPCCancellationHandler {
                try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
            } onCancelRPC: {
                task.cancel()
            }
            record(method: method, code: "ok", since: started)
            return result
        } catch {
            let status = ErrorStatusMapping.rpcError(for: error)
            record(method: method, code: String(describing: status.code), since: started)
            if status.code == .internalError || status.code == .dataLoss {
                logger.error("RPC failed", metadata: ["method": "\(method)", "code": "\(status.code)", "error": "\(status.message)"])
            } else {
                logger.debug("RPC refused", metadata: ["method": "\(method)", "code": "\(status.code)", "error": "\(status.message)"])
            }
            throw status
        }
    }

    /// The refusal for an RPC this server does not offer, naming it.
    static func unimplemented(_ context: ServerContext, _ reason: String = "") -> TuskError {
        let name = context.descriptor.fullyQualifiedMethod
        let detail = reason.isEmpty ? "" : ": \(reason)"
        return TuskError(.unimplemented, "\(name) is not implemented by this Tusk server\(detail)", location: name)
    }

    /// Answers an RPC this server does not offer: UNIMPLEMENTED naming it and why, counted like
    /// any other call.
    func refuse<Result: Sendable>(_ context: ServerContext, _ reason: String) async throws -> Result {
        try await run(context) {
            throw Self.unimplemented(context, reason)
        }
    }

    private func record(method: String, code: String, since started: ContinuousClock.Instant) {
        Counter(label: "tusk_rpc_total", dimensions: [("method", method), ("code", code)]).increment()
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        Timer(label: "tusk_rpc_duration_seconds", dimensions: [("method", method)]).recordNanoseconds(nanoseconds)
    }
}
