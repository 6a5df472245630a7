/// Everything a worker needs to run one datum, independent of where the datum's metadata or
/// bytes are stored.
///
/// The job state machine (PPS) builds it from a planned datum; a worker (in-process or in a
/// separate `tusk worker`) runs it. Keeping it a plain value in Core lets both sides agree on
/// the unit of work without PPS depending on the worker or the worker on PFS.
public struct DatumWorkUnit: Sendable, Hashable, Codable {
    /// The job (commit-set) id, exposed to user code as `PACH_JOB_ID`.
    public var jobID: String
    /// The datum id (§6.4 of the reference), exposed as `PACH_DATUM_ID`.
    public var datumID: String
    /// The pipeline's name, exposed as `PPS_PIPELINE_NAME`.
    public var pipeline: String
    /// The pipeline's project, exposed as `PPS_PROJECT_NAME`.
    public var project: String
    /// The output commit's id, exposed as `PACH_OUTPUT_COMMIT_ID`.
    public var outputCommitID: String
    /// The datum's inputs in datum order; several entries may share a name (a `group` datum).
    public var inputs: [DatumInput]
    /// What to run.
    public var transform: TransformSpec
    /// The `datum_timeout`; nil runs without a limit.
    public var timeout: Duration?
    /// Which try of this datum this is, starting at 1 (`datum_tries` counts them).
    public var attempt: Int

    public init(
        jobID: String,
        datumID: String,
        pipeline: String,
        project: String,
        outputCommitID: String,
        inputs: [DatumInput],
        transform: TransformSpec,
        timeout: Duration? = nil,
        attempt: Int = 1
    ) {
        self.jobID = jobID
        self.datumID = datumID
        self.pipeline = pipeline
        self.project = project
        self.outputCommitID = outputCommitID
        self.inputs = inputs
        self.transform = transform
        self.timeout = timeout
        self.attempt = attempt
    }
}

/// One input of a datum: a glob match of one `pfs` input and the files it brings.
///
/// The files appear to user code under `/pfs/<name>/<path>`; the environment variable `<name>`
/// holds `/pfs/<name><matchedPath>`.
public struct DatumInput: Sendable, Hashable, Codable {
    /// The input's name (defaults to the repo name in specs); the directory under `/pfs`.
    public var name: String
    public var repo: String
    public var branch: String
    /// The input commit's id, exposed as `<name>_COMMIT`.
    public var commitID: String
    /// The path the glob matched, absolute (`/a/b.png`, or `/` for the whole commit).
    public var matchedPath: String
    /// The resolved join key, exposed as `PACH_DATUM_<name>_JOIN_ON` when set.
    public var joinOn: String?
    /// The resolved group key, exposed as `PACH_DATUM_<name>_GROUP_BY` when set.
    public var groupBy: String?
    /// `empty_files`: materialise the files with their names but no content.
    public var emptyFiles: Bool
    /// `lazy`: recorded; the embedded worker materialises lazy inputs like any other.
    public var lazy: Bool
    /// The files to materialise: the matched file, or every file below a matched directory.
    public var files: [DatumInputFile]

    public init(
        name: String,
        repo: String,
        branch: String,
        commitID: String,
        matchedPath: String,
        joinOn: String? = nil,
        groupBy: String? = nil,
        emptyFiles: Bool = false,
        lazy: Bool = false,
        files: [DatumInputFile]
    ) {
        self.name = name
        self.repo = repo
        self.branch = branch
        self.commitID = commitID
        self.matchedPath = matchedPath
        self.joinOn = joinOn
        self.groupBy = groupBy
        self.emptyFiles = emptyFiles
        self.lazy = lazy
        self.files = files
    }
}

/// One file of a datum input: where it goes and which stored chunks make up its bytes.
public struct DatumInputFile: Sendable, Hashable, Codable {
    /// The file's absolute path in the input repo, such as `/a/b.png`.
    public var path: String
    /// The file's length in bytes.
    public var size: Int64
    /// The file's chunks in order; their sizes add up to `size`.
    public var chunks: [DatumChunk]

    public init(path: String, size: Int64, chunks: [DatumChunk]) {
        self.path = path
        self.size = size
        self.chunks = chunks
    }
}

/// One stored chunk of an input file, by content hash and length.
public struct DatumChunk: Sendable, Hashable, Codable {
    public var hash: ContentHash
    public var size: Int64

    public init(hash: ContentHash, size: Int64) {
        self.hash = hash
        self.size = size
    }
}
