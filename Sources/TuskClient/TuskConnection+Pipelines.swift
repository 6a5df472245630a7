import SwiftProtobuf
import TuskCore
import TuskProto

// Names for the `pps_v2` messages the CLI reads, so that it depends on TuskClient alone.
public typealias PipelineInfo = PpsV2_PipelineInfo
public typealias JobInfo = PpsV2_JobInfo
public typealias JobSetInfo = PpsV2_JobSetInfo
public typealias DatumInfo = PpsV2_DatumInfo
public typealias LogMessage = PpsV2_LogMessage
public typealias WirePipeline = PpsV2_Pipeline
public typealias WireJobState = PpsV2_JobState
public typealias WirePipelineState = PpsV2_PipelineState
public typealias WireDatumState = PpsV2_DatumState
public typealias PipelineInput = PpsV2_Input
public typealias WireTimestamp = SwiftProtobuf.Google_Protobuf_Timestamp
public typealias WireDuration = SwiftProtobuf.Google_Protobuf_Duration

/// What `GetLogs` should return: the filters of `tusk logs`.
public struct LogRequest: Sendable {
    public var pipeline: String?
    /// With `pipeline`: the job's id.
    public var jobID: String?
    public var datumID: String?
    public var inputs: [String] = []
    public var master = false
    public var follow = false
    /// How far back to read, in seconds (nil: the server's choice).
    public var sinceSeconds: Int64?
    public var tail: Int64 = 0

    public init() {}
}

/// Pipelines, jobs, datums and logs: the `pps_v2` verbs of the CLI.
extension TuskConnection {
    public static func pipeline(_ name: String, project: String) -> PpsV2_Pipeline {
        var pipeline = PpsV2_Pipeline()
        pipeline.name = name
        pipeline.project = ProtoReferences.project(project)
        return pipeline
    }

    public static func job(pipeline name: String, id: String, project: String) -> PpsV2_Job {
        var job = PpsV2_Job()
        job.pipeline = pipeline(name, project: project)
        job.id = id
        return job
    }

    // MARK: Pipelines

    /// Sends a spec file's text (JSON or YAML, one or several pipelines) through
    /// `CreatePipelineV2`; returns the effective spec JSON (an array for several pipelines).
    public func createPipelines(specText: String, update: Bool, reprocess: Bool, dryRun: Bool) async throws -> String {
        var request = PpsV2_CreatePipelineV2Request()
        request.createPipelineRequestJson = specText
        request.update = update
        request.reprocess = reprocess
        request.dryRun = dryRun
        return try await call { try await pps.createPipelineV2(request) }.effectiveCreatePipelineRequestJson
    }

    public func inspectPipeline(_ name: String, project: String) async throws -> PipelineInfo {
        var request = PpsV2_InspectPipelineRequest()
        request.pipeline = Self.pipeline(name, project: project)
        request.details = true
        return try await call { try await pps.inspectPipeline(request) }
    }

    /// Pipelines of `projects` (every project when empty), or the versions of one pipeline;
    /// `history`: 0 current, N older versions too, -1 all.
    public func listPipelines(name: String?, history: Int64, projects: [String]) async throws -> [PipelineInfo] {
        var request = PpsV2_ListPipelineRequest()
        if let name { request.pipeline = Self.pipeline(name, project: projects.first ?? ProjectName.default.value) }
        request.history = history
        request.details = true
        request.projects = projects.map(ProtoReferences.project)
        return try await call {
            try await pps.listPipeline(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func deletePipeline(_ name: String, project: String, force: Bool, keepRepo: Bool) async throws {
        var request = PpsV2_DeletePipelineRequest()
        request.pipeline = Self.pipeline(name, project: project)
        request.force = force
        request.keepRepo = keepRepo
        request.mustExist = true
        _ = try await call { try await pps.deletePipeline(request) }
    }

    /// Deletes every pipeline of `projects` (of every project when empty); returns them.
    public func deletePipelines(projects: [String], force: Bool, keepRepo: Bool) async throws -> [WirePipeline] {
        var request = PpsV2_DeletePipelinesRequest()
        request.projects = projects.map(ProtoReferences.project)
        request.all = projects.isEmpty
        request.force = force
        request.keepRepo = keepRepo
        return try await call { try await pps.deletePipelines(request) }.pipelines
    }

    public func startPipeline(_ name: String, project: String) async throws {
        var request = PpsV2_StartPipelineRequest()
        request.pipeline = Self.pipeline(name, project: project)
        _ = try await call { try await pps.startPipeline(request) }
    }

    public func stopPipeline(_ name: String, project: String) async throws {
        var request = PpsV2_StopPipelineRequest()
        request.pipeline = Self.pipeline(name, project: project)
        request.mustExist = true
        _ = try await call { try await pps.stopPipeline(request) }
    }

    public func runCron(_ name: String, project: String) async throws {
        var request = PpsV2_RunCronRequest()
        request.pipeline = Self.pipeline(name, project: project)
        _ = try await call { try await pps.runCron(request) }
    }

    public func rerunPipeline(_ name: String, project: String, reprocess: Bool) async throws {
        var request = PpsV2_RerunPipelineRequest()
        request.pipeline = Self.pipeline(name, project: project)
        request.reprocess = reprocess
        _ = try await call { try await pps.rerunPipeline(request) }
    }

    // MARK: Jobs

    public func inspectJob(pipeline: String, id: String, project: String, wait: Bool) async throws -> JobInfo {
        var request = PpsV2_InspectJobRequest()
        request.job = Self.job(pipeline: pipeline, id: id, project: project)
        request.wait = wait
        request.details = true
        return try await call { try await pps.inspectJob(request) }
    }

    /// The jobs of one job set; with `wait`, once all of them are done.
    public func inspectJobSet(_ id: String, wait: Bool) async throws -> [JobInfo] {
        var request = PpsV2_InspectJobSetRequest()
        request.jobSet.id = id
        request.wait = wait
        return try await call {
            try await pps.inspectJobSet(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    /// Jobs newest first, of one pipeline or of `projects` (all when empty); `number` 0 = all;
    /// `history` as `ListJob` (0 only the pipelines' current versions, -1 all).
    public func listJobs(pipeline: String?, projects: [String], number: Int, history: Int64) async throws -> [JobInfo] {
        var request = PpsV2_ListJobRequest()
        if let pipeline { request.pipeline = Self.pipeline(pipeline, project: projects.first ?? ProjectName.default.value) }
        request.projects = projects.map(ProtoReferences.project)
        request.number = Int64(number)
        request.history = history
        return try await call {
            try await pps.listJob(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func listJobSets(projects: [String]) async throws -> [JobSetInfo] {
        var request = PpsV2_ListJobSetRequest()
        request.projects = projects.map(ProtoReferences.project)
        return try await call {
            try await pps.listJobSet(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func stopJob(pipeline: String, id: String, project: String, reason: String = "") async throws {
        var request = PpsV2_StopJobRequest()
        request.job = Self.job(pipeline: pipeline, id: id, project: project)
        request.reason = reason
        _ = try await call { try await pps.stopJob(request) }
    }

    public func deleteJob(pipeline: String, id: String, project: String) async throws {
        var request = PpsV2_DeleteJobRequest()
        request.job = Self.job(pipeline: pipeline, id: id, project: project)
        _ = try await call { try await pps.deleteJob(request) }
    }

    // MARK: Datums

    public func listDatums(pipeline: String, jobID: String, project: String) async throws -> [DatumInfo] {
        var request = PpsV2_ListDatumRequest()
        request.job = Self.job(pipeline: pipeline, id: jobID, project: project)
        return try await call {
            try await pps.listDatum(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        }
    }

    public func inspectDatum(pipeline: String, jobID: String, datumID: String, project: String) async throws -> DatumInfo {
        var request = PpsV2_InspectDatumRequest()
        request.datum.job = Self.job(pipeline: pipeline, id: jobID, project: project)
        request.datum.id = datumID
        return try await call { try await pps.inspectDatum(request) }
    }

    public func restartDatum(pipeline: String, jobID: String, project: String, dataFilters: [String]) async throws {
        var request = PpsV2_RestartDatumRequest()
        request.job = Self.job(pipeline: pipeline, id: jobID, project: project)
        request.dataFilters = dataFilters
        _ = try await call { try await pps.restartDatum(request) }
    }

    // MARK: Logs

    /// Calls `handle` for each log line the filters select, until the stream ends (never, with
    /// `follow`, unless the task is cancelled) or `handle` returns false.
    public func logs(_ filters: LogRequest, project: String, handle: @escaping @Sendable (LogMessage) async throws -> Bool) async throws {
        var request = PpsV2_GetLogsRequest()
        if let pipeline = filters.pipeline {
            if let jobID = filters.jobID {
                request.job = Self.job(pipeline: pipeline, id: jobID, project: project)
            } else {
                request.pipeline = Self.pipeline(pipeline, project: project)
            }
        }
        if let datumID = filters.datumID {
            if let pipeline = filters.pipeline, let jobID = filters.jobID {
                request.datum.job = Self.job(pipeline: pipeline, id: jobID, project: project)
            }
            request.datum.id = datumID
        }
        request.dataFilters = filters.inputs
        request.master = filters.master
        request.follow = filters.follow
        request.tail = filters.tail
        if let seconds = filters.sinceSeconds { request.since.seconds = seconds }
        try await call {
            try await pps.getLogs(request) { response in
                for try await message in response.messages {
                    if try await !handle(message) { return }
                }
            }
        }
    }
}
