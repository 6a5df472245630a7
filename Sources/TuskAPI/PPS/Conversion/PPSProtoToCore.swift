import TuskCore
import TuskPPS
import TuskProto

// Pachyderm `pps_v2` request messages → validated Tusk values.
//
// As on the PFS side, the SDK's quirks are absorbed here: a `Pipeline` without a project means
// `default` (the SDK never fills it), and job ids must be global commit ids (32 hex digits).

extension PpsV2_Pipeline {
    /// True when the message names a pipeline at all.
    var namesPipeline: Bool { !name.isEmpty }

    /// The pipeline's identity; an empty project means `default`.
    func pipelineID() throws -> PipelineID {
        guard !name.isEmpty else {
            throw TuskError.invalid("the request names no pipeline; set pipeline.name", location: "pipeline")
        }
        return try PipelineID(project: try project.projectName(), name: name)
    }
}

extension PpsV2_Job {
    /// The job's identity: `pipeline@id`, where the id is the job's global id.
    func jobKey() throws -> JobKey {
        guard hasPipeline, pipeline.namesPipeline else {
            throw TuskError.invalid("the job \"\(id)\" names no pipeline; set job.pipeline.name (a job is pipeline@id)", location: id.isEmpty ? "job" : id)
        }
        let pipelineID = try pipeline.pipelineID()
        return JobKey(pipeline: pipelineID, id: try PPSIdentifiers.jobID(id, pipeline: pipelineID.name))
    }
}

extension PpsV2_JobSet {
    /// The job-set id, which is the commit-set id its jobs share.
    func commitID() throws -> CommitID {
        guard let parsed = CommitID(id) else {
            throw TuskError.invalid("job set id \"\(id)\" is not a job id (32 hex digits)", location: id.isEmpty ? "job_set" : id)
        }
        return parsed
    }
}

extension PpsV2_Datum {
    /// The datum's job and its id; both must be present.
    func datumAddress() throws -> (job: JobKey, id: String) {
        guard hasJob else {
            throw TuskError.invalid("the datum \"\(id)\" names no job; set datum.job (pipeline and id)", location: id.isEmpty ? "datum" : id)
        }
        guard !id.isEmpty else {
            throw TuskError.invalid("the request names no datum; set datum.id", location: "datum.id")
        }
        return (try job.jobKey(), id)
    }
}

/// Checks on identifiers that arrive in PPS requests.
enum PPSIdentifiers {
    /// A job id: a global commit id (32 hex digits).
    static func jobID(_ text: String, pipeline: String) throws -> CommitID {
        guard let id = CommitID(text) else {
            let shown = text.isEmpty ? "an empty job id" : "job id \"\(text)\""
            throw TuskError.invalid("\(shown) for pipeline \(pipeline) is not valid; a job id is 32 hex digits, as `list job` shows", location: text.isEmpty ? "job.id" : text)
        }
        return id
    }

    /// The projects a filter names; an empty list means every project.
    static func projects(_ projects: [PfsV2_Project]) throws -> [ProjectName] {
        try projects.filter { !$0.name.isEmpty }.map { try ProjectName($0.name) }
    }
}

/// The mapping between Tusk's state enums and the `pps_v2` wire enums, in one place.
enum PPSStates {
    static func jobState(_ state: JobState) -> PpsV2_JobState {
        PpsV2_JobState(rawValue: state.protoNumber) ?? .unknown
    }

    static func pipelineState(_ state: PipelineState) -> PpsV2_PipelineState {
        PpsV2_PipelineState(rawValue: state.rawValue) ?? .unknown
    }

    static func pipelineType(_ kind: PipelineKind) -> PpsV2_PipelineInfo.PipelineType {
        PpsV2_PipelineInfo.PipelineType(rawValue: kind.rawValue) ?? .pipelintTypeUnknown
    }

    static func datumState(_ state: DatumState) -> PpsV2_DatumState {
        PpsV2_DatumState(rawValue: state.rawValue) ?? .unknown
    }

    /// The Tusk datum state a filter asks for; UNKNOWN (and numbers Tusk does not know) is
    /// refused, since it would silently match nothing.
    static func datumState(_ wire: PpsV2_DatumState) throws -> DatumState {
        guard let state = DatumState(rawValue: wire.rawValue) else {
            let known = DatumState.allCases.map { "\(PpsV2_DatumState(rawValue: $0.rawValue) ?? .unknown)".uppercased() }.joined(separator: ", ")
            throw TuskError.invalid("datum state filter \(wire.rawValue) is not a datum state; use one of \(known)", location: "filter.state")
        }
        return state
    }
}
