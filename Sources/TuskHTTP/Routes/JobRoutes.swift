import Hummingbird
import TuskCore
import TuskPFS
import TuskPPS

/// `/api/v1/projects/{project}/pipelines/{pipeline}/jobs/...`: a pipeline's jobs (paged,
/// newest first, with datum counts and durations), one job, its datums (paged, filtered by
/// state), one datum with its inputs, and log lines of a datum, a job or a pipeline.
enum JobRoutes {
    static let prefix = "/api/v1/projects/:project/pipelines/:pipeline"

    static func register(on router: APIContext.Routes, api: APIContext) {
        router.get("\(prefix)/jobs") { request, context in
            let pipeline = try RouteParameters(request: request, context: context).pipeline()
            let page = try PageRequest(request)
            let jobs = try await api.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0)
            return JSONResponse.make(page.page(jobs, PPSJSON.job))
        }
        router.get("\(prefix)/jobs/:job") { request, context in
            let job = try RouteParameters(request: request, context: context).job()
            return JSONResponse.make(PPSJSON.job(try await api.pipelines.inspectJob(job, wait: false)))
        }
        router.get("\(prefix)/jobs/:job/datums") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let job = try parameters.job()
            let page = try PageRequest(request)
            let states = try (parameters.query("state") ?? "").split(separator: ",").map { try PPSJSON.datumState(named: String($0)) }
            let all = try await api.pipelines.listDatums(job, states: [])
            let chosen = states.isEmpty ? all : all.filter { states.contains($0.state) }
            var counts: [(String, JSONValue)] = []
            for state in DatumState.allCases {
                counts.append((PPSJSON.datumStateName(state), JSONValue(all.filter { $0.state == state }.count)))
            }
            var body = page.page(chosen, PPSJSON.datum)
            if case .object(var members) = body {
                members.append(("counts", .object(counts)))
                body = .object(members)
            }
            return JSONResponse.make(body)
        }
        router.get("\(prefix)/jobs/:job/datums/:datum") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            return JSONResponse.make(PPSJSON.datum(try await api.pipelines.inspectDatum(parameters.job(), id: parameters.datum())))
        }
        router.get("\(prefix)/jobs/:job/datums/:datum/logs") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let job = try parameters.job()
            let datum = try parameters.datum()
            _ = try await api.pipelines.inspectDatum(job, id: datum)
            return try await logs(api, parameters, LogQuery(pipeline: job.pipeline, jobID: job.id, datumID: datum))
        }
        router.get("\(prefix)/jobs/:job/logs") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let job = try parameters.job()
            _ = try await api.pipelines.inspectJob(job, wait: false)
            return try await logs(api, parameters, LogQuery(pipeline: job.pipeline, jobID: job.id))
        }
        router.get("\(prefix)/logs") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let pipeline = try parameters.pipeline()
            _ = try await api.pipelines.inspectPipeline(pipeline)
            return try await logs(api, parameters, LogQuery(pipeline: pipeline))
        }
    }

    /// Log lines oldest first. `after=N` returns only lines with a larger `sequence` (for
    /// polling), `limit` (default 1000) keeps the newest lines, `master=false` leaves out the
    /// coordinator's lines.
    static func logs(_ api: APIContext, _ parameters: RouteParameters, _ base: LogQuery) async throws -> Response {
        var query = base
        query.includeMaster = parameters.query("master") != "false"
        var after: Int64 = 0
        if let text = parameters.query("after") {
            guard let value = Int64(text), value >= 0 else {
                throw TuskError.invalid("after must be a log sequence number, not \"\(text)\"", location: "after")
            }
            after = value
        }
        var limit = 1000
        if let text = parameters.query("limit") {
            guard let value = Int(text), value >= 1, value <= 10000 else {
                throw TuskError.invalid("limit must be a whole number from 1 to 10000, not \"\(text)\"", location: "limit")
            }
            limit = value
        }
        var all: [LogEntry] = []
        for try await entry in api.pipelines.logs(query) where entry.sequence > after {
            all.append(entry)
        }
        let total = all.count
        let lines = all.suffix(limit)
        return JSONResponse.make([
            "items": .array(lines.map(PPSJSON.logLine)),
            "total": JSONValue(total),
            "truncated": JSONValue(total > lines.count),
            "last_sequence": JSONValue(lines.last?.sequence ?? after),
        ])
    }
}
