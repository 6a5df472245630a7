import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPPS
import TuskProto

/// Job RPCs: inspect (with wait), job sets, list, subscribe, stop, delete.
extension PPSService {
    public func inspectJob(request: PpsV2_InspectJobRequest, context: ServerContext) async throws -> PpsV2_JobInfo {
        try await run(context) { system in
            let info = try await system.inspectJob(try request.job.jobKey(), wait: request.wait)
            var specs = JobSpecs(system: system)
            return JobConversion.jobInfo(info, spec: request.details ? await specs.spec(for: info) : nil)
        }
    }

    /// Every job of one job set (the jobs a commit set caused); with `wait`, once all of them
    /// are done. A set without jobs answers an empty stream, as pachd does.
    public func inspectJobSet(request: PpsV2_InspectJobSetRequest, response: RPCWriter<PpsV2_JobInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            let jobs = try await system.jobSet(try request.jobSet.commitID(), wait: request.wait)
            var specs = JobSpecs(system: system)
            for info in jobs {
                try await response.write(JobConversion.jobInfo(info, spec: request.details ? await specs.spec(for: info) : nil))
            }
        }
    }

    /// Jobs newest first, of one pipeline or of the projects named (all when none); filtered
    /// by input commit ids and pipeline version history, then paginated.
    public func listJob(request: PpsV2_ListJobRequest, response: RPCWriter<PpsV2_JobInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            guard request.jqFilter.isEmpty else {
                throw RPCExecution.unimplemented(context, "jq filters are not supported; filter the JSON output on the client")
            }
            let pipeline = request.hasPipeline && request.pipeline.namesPipeline ? try request.pipeline.pipelineID() : nil
            var jobs = try await system.listJobs(pipeline: pipeline, projects: try PPSIdentifiers.projects(request.projects), number: 0)
            let inputs = try request.inputCommit.map { commit -> CommitID in
                guard let id = CommitID(commit.id) else {
                    throw TuskError.invalid("input commit \"\(commit.id)\" is not a commit id; list jobs by the id of an input commit (32 hex digits)", location: "input_commit")
                }
                return id
            }
            if !inputs.isEmpty { jobs = jobs.filter { inputs.contains($0.key.id) } }
            if request.history != -1 {
                var versions: [PipelineID: Int] = [:]
                for id in Set(jobs.map(\.key.pipeline)) {
                    if let info = try? await system.inspectPipeline(id) { versions[id] = info.version }
                }
                jobs = try JobListing.filterHistory(jobs, history: request.history, currentVersions: versions)
            }
            let marker = request.hasPaginationMarker ? Timestamp(protoTimestamp: request.paginationMarker) : nil
            jobs = JobListing.page(jobs, created: \.createdAt, marker: marker, reverse: request.reverse, number: request.number)
            var specs = JobSpecs(system: system)
            for info in jobs {
                try await response.write(JobConversion.jobInfo(info, spec: request.details ? await specs.spec(for: info) : nil))
            }
        }
    }

    public func listJobSet(request: PpsV2_ListJobSetRequest, response: RPCWriter<PpsV2_JobSetInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            guard request.jqFilter.isEmpty else {
                throw RPCExecution.unimplemented(context, "jq filters are not supported; filter the JSON output on the client")
            }
            let sets = try await system.listJobSets(projects: try PPSIdentifiers.projects(request.projects))
            let marker = request.hasPaginationMarker ? Timestamp(protoTimestamp: request.paginationMarker) : nil
            let created: ((id: CommitID, jobs: [JobInfo])) -> Timestamp = { set in
                set.jobs.map(\.createdAt).min() ?? Timestamp(microseconds: 0)
            }
            for set in JobListing.page(sets, created: created, marker: marker, reverse: request.reverse, number: request.number) {
                var message = JobConversion.jobSetInfo(id: set.id, jobs: set.jobs)
                if request.details {
                    var specs = JobSpecs(system: system)
                    for index in set.jobs.indices {
                        if let spec = await specs.spec(for: set.jobs[index]) { message.jobs[index].details = JobConversion.details(spec, jobID: set.jobs[index].key.id.value) }
                    }
                }
                try await response.write(message)
            }
        }
    }

    /// Sends the pipeline's jobs oldest first, then each job again whenever its state changes.
    /// Never ends on its own: it polls the engine until the RPC is cancelled.
    public func subscribeJob(request: PpsV2_SubscribeJobRequest, response: RPCWriter<PpsV2_JobInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            let pipeline = try request.pipeline.pipelineID()
            var sent: [CommitID: JobState] = [:]
            var specs = JobSpecs(system: system)
            while true {
                for info in try await system.listJobs(pipeline: pipeline, projects: [], number: 0).reversed() where sent[info.key.id] != info.state {
                    sent[info.key.id] = info.state
                    try await response.write(JobConversion.jobInfo(info, spec: request.details ? await specs.spec(for: info) : nil))
                }
                try await Task.sleep(for: subscriptionPollInterval)
            }
        }
    }

    public func stopJob(request: PpsV2_StopJobRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.stopJob(try request.job.jobKey(), reason: request.reason)
            return Google_Protobuf_Empty()
        }
    }

    public func deleteJob(request: PpsV2_DeleteJobRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.deleteJob(try request.job.jobKey())
            return Google_Protobuf_Empty()
        }
    }
}

/// The pipeline spec each job ran, looked up once per pipeline for `details`.
struct JobSpecs {
    let system: PipelineSystem
    private var histories: [PipelineID: [PipelineInfo]] = [:]

    init(system: PipelineSystem) { self.system = system }

    /// The spec of the pipeline version the job ran, or nil when that version is gone.
    mutating func spec(for job: JobInfo) async -> PipelineSpec? {
        let pipeline = job.key.pipeline
        if histories[pipeline] == nil {
            histories[pipeline] = (try? await system.pipelineHistory(pipeline)) ?? []
        }
        return histories[pipeline]?.first { $0.version == job.pipelineVersion }?.spec
    }
}

extension Timestamp {
    /// The time of a wire timestamp, to the microsecond.
    init(protoTimestamp: Google_Protobuf_Timestamp) {
        self.init(microseconds: protoTimestamp.seconds * 1_000_000 + Int64(protoTimestamp.nanos / 1_000))
    }
}
