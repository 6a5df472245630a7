import TuskCore
import TuskPPS
import TuskProto

/// Tusk jobs → `pps_v2.JobInfo` and `JobSetInfo`.
enum JobConversion {
    static func processStats(_ stats: ProcessStatistics) -> PpsV2_ProcessStats {
        var message = PpsV2_ProcessStats()
        message.downloadTime = PipelineConversion.duration(seconds: stats.downloadSeconds)
        message.processTime = PipelineConversion.duration(seconds: stats.processSeconds)
        message.uploadTime = PipelineConversion.duration(seconds: stats.uploadSeconds)
        message.downloadBytes = stats.downloadBytes
        message.uploadBytes = stats.uploadBytes
        return message
    }

    /// `JobInfo`: the job, its output commit (repo = the pipeline's output repo, id = the job
    /// id, branch = the output branch), counters, stats, state and reason, and timestamps.
    /// `spec`, when given, is the pipeline version the job ran and fills `details`.
    static func jobInfo(_ info: JobInfo, spec: PipelineSpec? = nil) -> PpsV2_JobInfo {
        var message = PpsV2_JobInfo()
        message.job = PipelineConversion.job(info.key)
        message.pipelineVersion = UInt64(clamping: info.pipelineVersion)
        message.outputCommit = CoreToProto.commit(info.outputCommit, branch: info.outputBranch)
        message.restart = UInt64(clamping: info.restart)
        message.dataProcessed = Int64(info.counters.processed)
        message.dataSkipped = Int64(info.counters.skipped)
        message.dataTotal = Int64(info.counters.total)
        message.dataFailed = Int64(info.counters.failed)
        message.dataRecovered = Int64(info.counters.recovered)
        message.stats = processStats(info.stats)
        message.state = PPSStates.jobState(info.state)
        message.reason = info.reason
        message.created = CoreToProto.timestamp(info.createdAt)
        if let started = info.startedAt { message.started = CoreToProto.timestamp(started) }
        if let finished = info.finishedAt { message.finished = CoreToProto.timestamp(finished) }
        if let spec { message.details = details(spec, jobID: info.key.id.value) }
        return message
    }

    /// The job's input as Pachyderm reports it: the pipeline's input with every `pfs` and `cron`
    /// leaf's `commit` set to the job's commit-set id (the input commits the job read).
    static func jobInput(_ input: PpsV2_Input, jobID: String) -> PpsV2_Input {
        var input = input
        if input.hasPfs { input.pfs.commit = jobID }
        if input.hasCron { input.cron.commit = jobID }
        input.cross = input.cross.map { jobInput($0, jobID: jobID) }
        input.union = input.union.map { jobInput($0, jobID: jobID) }
        input.join = input.join.map { jobInput($0, jobID: jobID) }
        input.group = input.group.map { jobInput($0, jobID: jobID) }
        return input
    }

    static func details(_ spec: PipelineSpec, jobID: String) -> PpsV2_JobInfo.Details {
        var details = PpsV2_JobInfo.Details()
        if let request = PipelineConversion.request(for: spec) {
            if request.hasTransform { details.transform = request.transform }
            if request.hasParallelismSpec { details.parallelismSpec = request.parallelismSpec }
            if request.hasEgress { details.egress = request.egress }
            if request.hasService { details.service = request.service }
            if request.hasSpout { details.spout = request.spout }
            if request.hasResourceRequests { details.resourceRequests = request.resourceRequests }
            if request.hasResourceLimits { details.resourceLimits = request.resourceLimits }
            if request.hasSidecarResourceLimits { details.sidecarResourceLimits = request.sidecarResourceLimits }
            if request.hasSidecarResourceRequests { details.sidecarResourceRequests = request.sidecarResourceRequests }
            if request.hasInput { details.input = jobInput(request.input, jobID: jobID) }
            if request.hasDatumSetSpec { details.datumSetSpec = request.datumSetSpec }
            if request.hasDatumTimeout { details.datumTimeout = request.datumTimeout }
            if request.hasJobTimeout { details.jobTimeout = request.jobTimeout }
            if request.hasSchedulingSpec { details.schedulingSpec = request.schedulingSpec }
        }
        details.salt = spec.salt
        details.datumTries = Int64(spec.effectiveDatumTries)
        details.podSpec = spec.podSpec
        details.podPatch = spec.podPatch
        return details
    }

    static func jobSetInfo(id: CommitID, jobs: [JobInfo]) -> PpsV2_JobSetInfo {
        var message = PpsV2_JobSetInfo()
        message.jobSet.id = id.value
        message.jobs = jobs.map { jobInfo($0) }
        return message
    }
}
