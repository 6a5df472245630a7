import TuskCore
import TuskPFS

/// A pipeline's identity: its project and name (which also names its output, spec and meta repos).
public struct PipelineID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var project: ProjectName
    public var name: String

    public init(project: ProjectName = .default, name: String) throws {
        try NameRules.validatePipeline(name)
        self.project = project
        self.name = name
    }

    public init(trustedProject project: ProjectName, name: String) {
        self.project = project
        self.name = name
    }

    public var outputRepo: RepoID { RepoID(trustedProject: project, name: name, type: .user) }
    public var specRepo: RepoID { RepoID(trustedProject: project, name: name, type: .spec) }
    public var description: String { "\(project.value)/\(name)" }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.project.value, lhs.name) < (rhs.project.value, rhs.name) }
}

/// Pachyderm's pipeline states (`pps_v2.PipelineState`); raw values are the wire numbers.
public enum PipelineState: Int, Sendable, CaseIterable {
    case starting = 1, running = 2, restarting = 3, failure = 4, paused = 5, standby = 6, crashing = 7
}

/// Whether a pipeline transforms datums, serves a long-running process, or writes its own commits.
public enum PipelineKind: Int, Sendable {
    case transform = 1, spout = 2, service = 3
}

/// A pipeline as reported to clients: its current spec and version, state and last job.
public struct PipelineInfo: Sendable {
    public var id: PipelineID
    public var version: Int
    public var spec: PipelineSpec
    /// The spec with defaults applied, as protojson with lowerCamelCase keys.
    public var effectiveSpecJSON: String
    /// The spec as the user sent it.
    public var userSpecJSON: String
    public var salt: String
    public var state: PipelineState
    public var reason: String
    public var stopped: Bool
    public var kind: PipelineKind
    public var lastJobState: JobState?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

/// A job's identity: the pipeline and the global id it shares with its output commit.
public struct JobKey: Hashable, Sendable, CustomStringConvertible {
    public var pipeline: PipelineID
    public var id: CommitID
    public init(pipeline: PipelineID, id: CommitID) {
        self.pipeline = pipeline
        self.id = id
    }
    public var description: String { "\(pipeline.name)@\(id)" }
}

/// Time and bytes spent moving and processing data (`pps_v2.ProcessStats`).
public struct ProcessStatistics: Sendable, Hashable, Codable {
    public var downloadSeconds: Double = 0
    public var processSeconds: Double = 0
    public var uploadSeconds: Double = 0
    public var downloadBytes: Int64 = 0
    public var uploadBytes: Int64 = 0
    public init() {}

    public mutating func add(_ other: ProcessStatistics) {
        downloadSeconds += other.downloadSeconds
        processSeconds += other.processSeconds
        uploadSeconds += other.uploadSeconds
        downloadBytes += other.downloadBytes
        uploadBytes += other.uploadBytes
    }
}

/// A job as reported to clients: state with its reason, datum counts, timings.
public struct JobInfo: Sendable {
    public var key: JobKey
    public var pipelineVersion: Int
    public var outputCommit: CommitKey
    public var outputBranch: String
    public var state: JobState
    public var reason: String
    public var counters: JobCounters
    public var restart: Int
    public var stats: ProcessStatistics
    public var createdAt: Timestamp
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
}

/// Pachyderm's datum states (`pps_v2.DatumState`); raw values are the wire numbers.
public enum DatumState: Int, Sendable, CaseIterable, Codable {
    case failed = 1, success = 2, skipped = 3, starting = 4, recovered = 5
}

/// One input file of a datum as recorded: where it came from and its content hash.
public struct DatumInputRecord: Sendable, Hashable, Codable {
    public var name: String
    public var repo: String
    public var branch: String
    public var commit: String
    public var path: String
    public var isDirectory: Bool
    public var hash: String
}

/// A datum of a job as reported to clients: inputs with hashes, state, attempts, exit code,
/// timings and the tail of its stderr.
public struct DatumInfo: Sendable {
    public var job: JobKey
    public var id: String
    public var hash: String
    public var state: DatumState
    public var attempts: Int
    public var exitCode: Int?
    public var reason: String
    public var stderrTail: String
    public var inputs: [DatumInputRecord]
    public var stats: ProcessStatistics
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
}

/// One stored log line of a pipeline, job, datum or the user's code.
public struct LogEntry: Sendable {
    public var sequence: Int64
    public var pipeline: PipelineID
    public var jobID: String
    public var datumID: String
    public var worker: String
    /// True for lines printed by user code.
    public var isUser: Bool
    /// True for lines of the job's coordinator (the "master").
    public var isMaster: Bool
    public var timestamp: Timestamp
    public var message: String
    public var data: [DatumInputRecord]
}

/// Which log lines to return: by pipeline, job, datum, or input path/hash.
public struct LogQuery: Sendable {
    public var pipeline: PipelineID?
    public var jobID: CommitID?
    public var datumID: String?
    /// Input paths or hex hashes; a line matches when one of its inputs has one of them.
    public var dataFilters: [String] = []
    /// Include coordinator (master) lines; user-code lines are always included.
    public var includeMaster: Bool = false
    public var since: Timestamp?
    /// Only the last `tail` lines (0 = all).
    public var tail: Int = 0
    public var follow: Bool = false

    public init(pipeline: PipelineID? = nil, jobID: CommitID? = nil, datumID: String? = nil) {
        self.pipeline = pipeline
        self.jobID = jobID
        self.datumID = datumID
    }
}
