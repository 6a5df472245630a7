import GRPCCore
import TuskCore
import TuskPPS
import TuskProto

/// `GetLogs`: stored log lines of pipelines, jobs, datums and user code.
extension PPSService {
    /// One `LogMessage` per stored line matching the request (see `LogQueryTranslation`);
    /// with `follow`, keeps streaming new lines until the client cancels.
    public func getLogs(request: PpsV2_GetLogsRequest, response: RPCWriter<PpsV2_LogMessage>, context: ServerContext) async throws {
        try await run(context) { system in
            let query = try LogQueryTranslation.query(request, now: clock.now())
            if let pipeline = query.pipeline, query.jobID == nil {
                // Asking for the logs of a pipeline that does not exist is a mistake to report,
                // not an empty answer.
                _ = try await system.inspectPipeline(pipeline)
            }
            for try await entry in system.logs(query) {
                try await response.write(DatumConversion.logMessage(entry))
            }
        }
    }
}
