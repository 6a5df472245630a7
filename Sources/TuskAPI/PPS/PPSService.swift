import GRPCCore
import Logging
import SwiftProtobuf
import TuskCore
import TuskPPS
import TuskProto

/// The `pps_v2.API` gRPC service: pipelines, jobs, datums and logs.
///
/// Like `PFSService`, each handler translates the request into Tusk values, calls the
/// `PipelineSystem` engine and translates the answer back; all run through `RPCExecution`
/// (errors → statuses, cancellation, metrics). A server built without a pipeline system
/// (`pipelines == nil`) answers every RPC with UNIMPLEMENTED. The RPCs live in extensions by
/// concern: `+Pipelines`, `+Jobs`, `+Datums`, `+Logs`, `+Unimplemented`.
public struct PPSService: PpsV2_API.SimpleServiceProtocol {
    let pipelines: PipelineSystem?
    let execution: RPCExecution
    let clock: any WallClock
    /// How often `SubscribeJob` looks for new or changed jobs.
    let subscriptionPollInterval: Duration
    /// How many datums `CreateDatum` sends per request when the client asks for 0.
    let defaultDatumBatch: Int

    public init(pipelines: PipelineSystem?, logger: Logger, clock: any WallClock = SystemWallClock(),
                subscriptionPollInterval: Duration = .milliseconds(200), defaultDatumBatch: Int = 100) {
        self.pipelines = pipelines
        self.execution = RPCExecution(logger: logger)
        self.clock = clock
        self.subscriptionPollInterval = subscriptionPollInterval
        self.defaultDatumBatch = max(1, defaultDatumBatch)
    }

    /// Runs `body` with the pipeline system through `RPCExecution`, or refuses with
    /// UNIMPLEMENTED when this server has none.
    func run<Result: Sendable>(_ context: ServerContext, _ body: @escaping @Sendable (PipelineSystem) async throws -> Result) async throws -> Result {
        let pipelines = self.pipelines
        return try await execution.run(context) {
            guard let pipelines else {
                throw RPCExecution.unimplemented(context, "this server runs without the pipeline system")
            }
            return try await body(pipelines)
        }
    }

    /// The protojson of a wire message with the proto (snake_case) field names, as the spec
    /// parser reads specs written by people.
    static func protoJSON(_ message: some SwiftProtobuf.Message) throws -> String {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        do {
            return try message.jsonString(options: options)
        } catch {
            throw TuskError.invalid("the request cannot be written as JSON: \(error)", location: "request")
        }
    }
}
