import TuskCore

/// One unit of work of a job: one match from each input that takes part, identified by `id`
/// (where the data is) and `hash` (what the data is, plus the pipeline salt).
///
/// The executor materialises `inputs` under `/pfs/<name>` and runs the transform once; the
/// incremental planner compares `id` and `hash` with the previous job to decide what to skip.
public struct Datum: Sendable, Hashable {
    public var inputs: [DatumInput]
    /// Lowercase hex SHA-256 of the inputs' names, repos, branches and paths (§6.4 layout).
    public var id: String
    /// Lowercase hex SHA-256 of `id`, each non-reference input's content hash, and the salt.
    public var hash: String

    public init(inputs: [DatumInput], salt: String) {
        self.inputs = inputs
        self.id = DatumIdentity.id(of: inputs)
        self.hash = DatumIdentity.hash(id: id, inputs: inputs, salt: salt)
    }
}

/// One input's part of a datum: which match of which input, with the keys and files the
/// executor needs (`/pfs/<name><path>`, `PACH_DATUM_<name>_JOIN_ON`, `..._GROUP_BY`).
public struct DatumInput: Sendable, Hashable {
    /// The input name: `/pfs/<name>` and the environment variable `<name>`.
    public var name: String
    public var project: String
    public var repo: String
    public var branch: String
    /// The matched path without a trailing slash.
    public var path: String
    public var isDirectory: Bool
    public var hash: ContentHash
    /// The resolved `join_on` key ("" when the input has none).
    public var joinOn: String
    /// The resolved `group_by` key ("" when the input has none).
    public var groupBy: String
    /// Files at or below `path`, to materialise.
    public var files: [InputFile]
    /// Present files with empty content (`empty_files`).
    public var emptyFiles: Bool
    /// Stream files on demand instead of downloading them (`lazy`).
    public var lazy: Bool
    /// Content left out of the datum hash (`reference`).
    public var reference: Bool
    /// True for the input of a `cron` leaf.
    public var isCron: Bool

    public init(name: String, project: String = "default", repo: String, branch: String = "master",
                path: String, isDirectory: Bool = false, hash: ContentHash, joinOn: String = "",
                groupBy: String = "", files: [InputFile] = [], emptyFiles: Bool = false,
                lazy: Bool = false, reference: Bool = false, isCron: Bool = false) {
        self.name = name
        self.project = project
        self.repo = repo
        self.branch = branch
        self.path = path
        self.isDirectory = isDirectory
        self.hash = hash
        self.joinOn = joinOn
        self.groupBy = groupBy
        self.files = files
        self.emptyFiles = emptyFiles
        self.lazy = lazy
        self.reference = reference
        self.isCron = isCron
    }
}
