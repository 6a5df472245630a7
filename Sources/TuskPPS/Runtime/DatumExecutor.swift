import TuskCore
import TuskPFS
import TuskStorage

/// Runs one datum somewhere: in-process in the embedded mode, on a worker later.
///
/// PPS owns this seam so the scheduler never knows how datums run; the server adapts the
/// worker module to it.
public protocol DatumExecutor: Sendable {
    /// Runs the transform once for the datum and collects its outputs (already stored).
    func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution
    /// Runs `err_cmd` for a datum that failed all its tries; true when it succeeded.
    func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool
}

/// What one run of a datum produced.
public struct DatumExecution: Sendable {
    public var outcome: DatumOutcome
    public var exitCode: Int?
    public var stderrTail: String
    /// Output files by their path under `/pfs/out`, content already in the store.
    public var outputs: [DatumOutputFile]
    public var stats: DatumStats

    public init(outcome: DatumOutcome, exitCode: Int?, stderrTail: String, outputs: [DatumOutputFile], stats: DatumStats) {
        self.outcome = outcome
        self.exitCode = exitCode
        self.stderrTail = stderrTail
        self.outputs = outputs
        self.stats = stats
    }
}

/// One output file of a datum: where it goes in the output commit and its stored content.
public struct DatumOutputFile: Sendable {
    public var path: FilePath
    public var content: FileContent
    public init(path: FilePath, content: FileContent) {
        self.path = path
        self.content = content
    }
}
