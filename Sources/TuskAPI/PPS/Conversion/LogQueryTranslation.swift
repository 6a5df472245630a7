import TuskCore
import TuskPPS
import TuskProto

/// `GetLogsRequest` → `LogQuery`: which stored log lines a request asks for.
///
/// The pipeline comes from `pipeline`, else from `job.pipeline`, else from `datum.job`; the job
/// from `job`, else from `datum.job`; a datum id alone matches that datum in any job. `since`
/// is relative to `now` (an absent or zero `since` means no lower bound: the SDK sends none by
/// default, pachctl sends 24h).
enum LogQueryTranslation {
    static func query(_ request: PpsV2_GetLogsRequest, now: Timestamp) throws -> LogQuery {
        var query = LogQuery()
        if request.hasPipeline, request.pipeline.namesPipeline {
            query.pipeline = try request.pipeline.pipelineID()
        }
        if request.hasJob, request.job.hasPipeline || !request.job.id.isEmpty {
            let key = try request.job.jobKey()
            try agree(&query, key.pipeline)
            query.jobID = key.id
        }
        if request.hasDatum, !request.datum.id.isEmpty {
            if request.datum.hasJob, request.datum.job.hasPipeline || !request.datum.job.id.isEmpty {
                let job = try request.datum.job.jobKey()
                try agree(&query, job.pipeline)
                if let existing = query.jobID, existing != job.id {
                    throw TuskError.invalid("the request's job \(existing) and its datum's job \(job.id) differ; give one job", location: "datum.job")
                }
                query.jobID = job.id
            }
            query.datumID = request.datum.id
        }
        query.dataFilters = request.dataFilters.filter { !$0.isEmpty }
        query.includeMaster = request.master
        query.follow = request.follow
        guard request.tail >= 0 else {
            throw TuskError.invalid("tail \(request.tail) is negative; give the number of last lines to return, or 0 for all", location: "tail")
        }
        query.tail = Int(clamping: request.tail)
        if request.hasSince {
            let microseconds = request.since.seconds.multipliedReportingOverflow(by: 1_000_000)
            guard request.since.seconds >= 0, request.since.nanos >= 0, !microseconds.overflow else {
                throw TuskError.invalid("since \(request.since.seconds)s is not a positive duration; give how far back to read, such as 24h", location: "since")
            }
            let span = microseconds.partialValue + Int64(request.since.nanos / 1_000)
            if span > 0 { query.since = Timestamp(microseconds: now.microseconds - span) }
        }
        return query
    }

    /// Records `pipeline` as the query's pipeline, refusing a second, different one.
    private static func agree(_ query: inout LogQuery, _ pipeline: PipelineID) throws {
        if let existing = query.pipeline, existing != pipeline {
            throw TuskError.invalid("the request names pipeline \(existing.name) and a job of pipeline \(pipeline.name); give one pipeline", location: "job.pipeline")
        }
        query.pipeline = pipeline
    }
}
