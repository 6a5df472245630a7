import TuskCore
import TuskStorage

/// What running one datum produced: how it ended, the output it left in `/pfs/out` (already
/// stored), and where its time went.
///
/// Outputs are present only when the outcome is `.succeeded`: collection is all or nothing, so
/// a datum never contributes part of its output.
public struct DatumRunResult: Sendable {
    public var outcome: DatumOutcome
    /// The command's exit code, when it exited by itself (nil for timeouts, signals and setup
    /// failures).
    public var exitCode: Int32?
    /// The last 4 KiB of the command's standard error.
    public var stderrTail: String
    /// The files of `/pfs/out`, sorted by path.
    public var outputs: [OutputEntry]
    public var stats: DatumStats
    /// Set by `runErrorCommand` when `err_cmd` succeeded: the datum counts as recovered.
    public var recovered: Bool

    public init(outcome: DatumOutcome, exitCode: Int32? = nil, stderrTail: String = "", outputs: [OutputEntry] = [], stats: DatumStats = DatumStats(), recovered: Bool = false) {
        self.outcome = outcome
        self.exitCode = exitCode
        self.stderrTail = stderrTail
        self.outputs = outputs
        self.stats = stats
        self.recovered = recovered
    }
}

/// One file a datum wrote to `/pfs/out`, ready to be added to the output commit.
///
/// A `.reference` is an output symlink into an input file: the output commit gets the input
/// file's stored content, and no byte is copied or stored again.
public enum OutputEntry: Sendable, Hashable {
    /// A regular file; its bytes were stored in the content store.
    case file(path: FilePath, content: FileContent)
    /// A symlink to `inputPath` of the input named `input`, whose stored content it shares.
    case reference(path: FilePath, input: String, inputPath: FilePath, content: FileContent)

    /// The path in the output commit (relative to `/pfs/out`, written absolute).
    public var path: FilePath {
        switch self {
        case .file(let path, _), .reference(let path, _, _, _): return path
        }
    }

    /// The stored content the output commit gets at `path`.
    public var content: FileContent {
        switch self {
        case .file(_, let content), .reference(_, _, _, let content): return content
        }
    }
}
