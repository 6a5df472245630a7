import TuskCore

/// One pipeline as a user specified it, with Tusk's built-in defaults applied: the value behind
/// `CreatePipelineRequest` (Pachyderm 2.x field names, see the reference §3.3 and §5.3).
///
/// It exists so that every later layer (validation, datum planning, the scheduler, the API's
/// `effective_spec_json`) works on typed fields instead of JSON. Every field of the 2.x spec is
/// kept, including those Tusk only records (Kubernetes scheduling, resources), so
/// `inspect pipeline` reports them back. Scalars use protobuf's zero value for "not set";
/// messages are optional.
public struct PipelineSpec: Sendable, Hashable {
    public var pipeline: PipelineName
    public var description: String = ""
    public var tfJob: TFJob?
    public var transform: Transform?
    public var parallelismSpec: ParallelismSpec?
    public var egress: Egress?
    public var outputBranch: String = PipelineSpec.defaultOutputBranch
    public var s3Out: Bool = false
    public var resourceRequests: ResourceSpec?
    public var resourceLimits: ResourceSpec?
    public var sidecarResourceLimits: ResourceSpec?
    public var sidecarResourceRequests: ResourceSpec?
    public var input: PipelineInput?
    public var service: Service?
    public var spout: Spout?
    public var datumSetSpec: DatumSetSpec?
    public var datumTimeout: Duration?
    public var jobTimeout: Duration?
    /// Part of every datum hash; empty until the server generates one.
    public var salt: String = ""
    /// Attempts per datum, including the first (default 3).
    public var datumTries: Int64 = PipelineSpec.defaultDatumTries
    public var schedulingSpec: SchedulingSpec?
    /// A Kubernetes pod spec as JSON text (recorded only).
    public var podSpec: String = ""
    /// A JSON patch for the pod as JSON text (recorded only).
    public var podPatch: String = ""
    public var metadata: SpecMetadata?
    /// `until_success` (default) or `every_job`; see `ReprocessSpec`.
    public var reprocessSpec: String = ReprocessSpec.untilSuccess.rawValue
    public var autoscaling: Bool = false
    public var tolerations: [Toleration] = []
    public var determined: Determined?
    public var maximumExpectedUptime: Duration?

    /// Request level: replace an existing pipeline of the same name.
    public var update: Bool = false
    /// Request level: with `update`, regenerate the salt so every datum is processed again.
    public var reprocess: Bool = false
    /// Request level: validate and report the effective spec without creating anything.
    public var dryRun: Bool = false

    /// What the parser changed or ignored while reading 1.x forms (`standby`, `atom`,
    /// `parallelism_spec.coefficient`, ...), for people. Not part of the spec: never encoded.
    public var notes: [String] = []

    public static let defaultImage = "ubuntu:20.04"
    public static let defaultOutputBranch = "master"
    public static let defaultDatumTries: Int64 = 3
    public static let defaultInputBranch = "master"

    public init(pipeline: PipelineName) {
        self.pipeline = pipeline
    }

    /// The parsed `reprocess_spec`, or nil when it holds something other than the two values.
    public var reprocessPolicy: ReprocessSpec? { ReprocessSpec(rawValue: reprocessSpec) }

    /// How many datums may run at once: `parallelism_spec.constant`, with 0 or unset meaning 1
    /// on a single machine.
    public var parallelism: Int {
        guard let constant = parallelismSpec?.constant, constant > 0 else { return 1 }
        return Int(clamping: constant)
    }

    /// The attempts per datum with protobuf's "0 means default" rule applied.
    public var effectiveDatumTries: Int {
        datumTries > 0 ? Int(clamping: datumTries) : Int(Self.defaultDatumTries)
    }
}

/// A pipeline's identity as a spec names it: `pipeline: {name, project: {name}}`.
public struct PipelineName: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var project: String

    public init(name: String, project: String = ProjectName.default.value) {
        self.name = name
        self.project = project
    }

    public var description: String { "\(project)/\(name)" }
}

/// The two values of `reprocess_spec`: whether datums processed successfully by an earlier job
/// are skipped.
public enum ReprocessSpec: String, Sendable, Hashable, CaseIterable {
    /// Skip a datum whose id and hash match a datum that succeeded in the previous job.
    case untilSuccess = "until_success"
    /// Process every datum in every job.
    case everyJob = "every_job"
}
