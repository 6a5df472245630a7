import Foundation
import SwiftProtobuf
import TuskCore
import TuskPPS
import TuskProto

/// Tusk pipeline values → `pps_v2` messages, shaped as pachctl and the Python SDK read them.
enum PipelineConversion {
    static func pipeline(_ id: PipelineID) -> PpsV2_Pipeline {
        var message = PpsV2_Pipeline()
        message.name = id.name
        message.project = CoreToProto.project(id.project)
        return message
    }

    static func job(_ key: JobKey) -> PpsV2_Job {
        var message = PpsV2_Job()
        message.pipeline = pipeline(key.pipeline)
        message.id = key.id.value
        return message
    }

    static func duration(_ duration: Duration) -> Google_Protobuf_Duration {
        let (seconds, attoseconds) = duration.components
        return Google_Protobuf_Duration(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }

    static func duration(seconds: Double) -> Google_Protobuf_Duration {
        let whole = seconds.rounded(.towardZero)
        return Google_Protobuf_Duration(seconds: Int64(whole), nanos: Int32(((seconds - whole) * 1e9).rounded()))
    }

    /// The spec as the `CreatePipelineRequest` it describes, decoded from its protojson, so
    /// every spec field reaches the wire without a second hand-written mapping. Nil only if
    /// the canonical JSON does not decode (a bug in the encoder, reported by the caller).
    static func request(for spec: PipelineSpec) -> PpsV2_CreatePipelineRequest? {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        return try? PpsV2_CreatePipelineRequest(jsonString: spec.canonicalJSON(), options: options)
    }

    /// `PipelineInfo`: identity, version, state, the user's and the effective spec JSON, and
    /// `details` filled from the spec (transform, input, parallelism, egress, timeouts, ...).
    static func pipelineInfo(_ info: PipelineInfo) -> PpsV2_PipelineInfo {
        var message = PpsV2_PipelineInfo()
        message.pipeline = pipeline(info.id)
        message.version = UInt64(clamping: info.version)
        message.stopped = info.stopped
        message.state = PPSStates.pipelineState(info.state)
        message.reason = info.reason
        if let last = info.lastJobState { message.lastJobState = PPSStates.jobState(last) }
        message.parallelism = UInt64(clamping: info.spec.parallelism)
        message.type = PPSStates.pipelineType(info.kind)
        message.userSpecJson = info.userSpecJSON
        message.effectiveSpecJson = info.effectiveSpecJSON
        var specCommit = PfsV2_Commit()
        specCommit.repo = CoreToProto.repo(info.id.specRepo)
        message.specCommit = specCommit
        message.details = details(info)
        return message
    }

    static func details(_ info: PipelineInfo) -> PpsV2_PipelineInfo.Details {
        var details = PpsV2_PipelineInfo.Details()
        if let request = request(for: info.spec) {
            if request.hasTransform { details.transform = request.transform }
            if request.hasTfJob { details.tfJob = request.tfJob }
            if request.hasParallelismSpec { details.parallelismSpec = request.parallelismSpec }
            if request.hasEgress { details.egress = request.egress }
            if request.hasResourceRequests { details.resourceRequests = request.resourceRequests }
            if request.hasResourceLimits { details.resourceLimits = request.resourceLimits }
            if request.hasSidecarResourceLimits { details.sidecarResourceLimits = request.sidecarResourceLimits }
            if request.hasSidecarResourceRequests { details.sidecarResourceRequests = request.sidecarResourceRequests }
            if request.hasInput { details.input = request.input }
            if request.hasService { details.service = request.service }
            if request.hasSpout { details.spout = request.spout }
            if request.hasDatumSetSpec { details.datumSetSpec = request.datumSetSpec }
            if request.hasDatumTimeout { details.datumTimeout = request.datumTimeout }
            if request.hasJobTimeout { details.jobTimeout = request.jobTimeout }
            if request.hasSchedulingSpec { details.schedulingSpec = request.schedulingSpec }
            if request.hasMetadata { details.metadata = request.metadata }
            if request.hasDetermined { details.determined = request.determined }
            if request.hasMaximumExpectedUptime { details.maximumExpectedUptime = request.maximumExpectedUptime }
            details.tolerations = request.tolerations
        }
        let spec = info.spec
        details.description_p = spec.description
        details.outputBranch = spec.outputBranch
        details.datumTries = Int64(spec.effectiveDatumTries)
        details.salt = info.salt.isEmpty ? spec.salt : info.salt
        details.reason = info.reason
        if info.state == .failure || info.state == .crashing { details.recentError = info.reason }
        details.podSpec = spec.podSpec
        details.podPatch = spec.podPatch
        details.s3Out = spec.s3Out
        details.reprocessSpec = spec.reprocessSpec
        details.autoscaling = spec.autoscaling
        details.createdAt = CoreToProto.timestamp(info.createdAt)
        details.updatedAt = CoreToProto.timestamp(info.updatedAt)
        let workers = info.stopped ? 0 : Int64(spec.parallelism)
        details.workersRequested = Int64(spec.parallelism)
        details.workersAvailable = workers
        return details
    }
}
