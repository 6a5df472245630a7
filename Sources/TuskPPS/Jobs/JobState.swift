/// The lifecycle state of a job, as `JobInfo.state` reports it (`pps_v2.JobState`).
///
/// Normal path: created → starting → running → (egressing) → finishing → success. A job that
/// cannot go on ends in failure, killed or unrunnable, always with a reason.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting to start (for example for upstream output commits).
    case created
    /// Planning its datums.
    case starting
    /// Running datums.
    case running
    /// Copying the output commit to the egress destination.
    case egressing
    /// Finishing the output commit.
    case finishing
    case success
    /// A datum failed for good, egress failed, or the job timed out.
    case failure
    /// Stopped by a user (stop job, stop or delete pipeline, update).
    case killed
    /// An upstream job failed, so this one has no input to run on.
    case unrunnable

    public var isTerminal: Bool {
        switch self {
        case .success, .failure, .killed, .unrunnable: return true
        default: return false
        }
    }

    /// The `pps_v2.JobState` enum number (`JOB_CREATED` = 1, ..., `JOB_UNRUNNABLE` = 9).
    public var protoNumber: Int {
        switch self {
        case .created: return 1
        case .starting: return 2
        case .running: return 3
        case .failure: return 4
        case .success: return 5
        case .killed: return 6
        case .egressing: return 7
        case .finishing: return 8
        case .unrunnable: return 9
        }
    }
}

/// The datum counters of `JobInfo`. Invariant: `total == processed + skipped + failed +
/// recovered + remaining`, at every step.
public struct JobCounters: Sendable, Hashable, Codable {
    public var total = 0
    /// Succeeded in this job.
    public var processed = 0
    /// Succeeded in an earlier job with the same inputs, and reused.
    public var skipped = 0
    /// Failed all tries (and `err_cmd`, when there is one).
    public var failed = 0
    /// Failed all tries, then `err_cmd` succeeded.
    public var recovered = 0

    public init() {}

    /// Datums not yet in a final state.
    public var remaining: Int { total - processed - skipped - failed - recovered }
}

/// The settings of a pipeline that drive a job's state machine.
public struct JobConfiguration: Sendable, Hashable, Codable {
    /// Datums that may run at once (at least 1).
    public var parallelism: Int
    /// Attempts per datum, including the first (at least 1).
    public var datumTries: Int
    /// Whether `transform.err_cmd` is set (a datum that failed all tries then runs it).
    public var hasErrorCommand: Bool
    /// Whether `egress` is set (the output is copied before the job succeeds).
    public var hasEgress: Bool
    /// `job_timeout`, if any; the shell arms a timer when told to.
    public var jobTimeout: Duration?
    /// Restarts after a crash a job survives before it fails with a reason.
    public var maximumRestarts: Int

    public init(parallelism: Int = 1, datumTries: Int = 3, hasErrorCommand: Bool = false,
                hasEgress: Bool = false, jobTimeout: Duration? = nil, maximumRestarts: Int = 3) {
        self.parallelism = max(1, parallelism)
        self.datumTries = max(1, datumTries)
        self.hasErrorCommand = hasErrorCommand
        self.hasEgress = hasEgress
        self.jobTimeout = jobTimeout
        self.maximumRestarts = max(0, maximumRestarts)
    }

    /// The configuration a pipeline spec implies.
    public init(spec: PipelineSpec, maximumRestarts: Int = 3) {
        self.init(parallelism: spec.parallelism, datumTries: spec.effectiveDatumTries,
                  hasErrorCommand: !(spec.transform?.errCmd.isEmpty ?? true),
                  hasEgress: spec.egress != nil, jobTimeout: spec.jobTimeout.flatMap { $0 > .zero ? $0 : nil },
                  maximumRestarts: maximumRestarts)
    }
}
