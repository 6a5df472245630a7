import Foundation
import TuskCore
import TuskStorage

/// What a queued task asks a worker to run: the datum's transform, or its `err_cmd` after the
/// datum failed every try.
public enum DatumTaskKind: String, Sendable, Codable {
    case datum
    case errorCommand = "error_command"
}

/// A task a worker has claimed: the work unit and the lease that every later write of this
/// worker about the task must present.
public struct ClaimedDatumTask: Sendable {
    public var id: String
    public var kind: DatumTaskKind
    public var lease: String
    public var unit: DatumWorkUnit
}

/// One output file of a remotely run datum as it travels through the database: its path under
/// `/pfs/out` and the chunks the worker already wrote to the shared object store.
public struct DatumTaskOutput: Sendable, Codable, Hashable {
    public var path: String
    public var chunks: [DatumChunk]
}

/// What a worker reports for a task; the daemon turns it back into a `DatumExecution` (or the
/// boolean of an error command).
///
/// It exists because a result crosses processes and hosts: every field is plain data, and the
/// outputs name chunks by hash, never bytes.
public struct DatumTaskResult: Sendable, Codable {
    public var outcome: DatumOutcome
    public var exitCode: Int?
    public var stderrTail: String
    public var outputs: [DatumTaskOutput]
    public var stats: DatumStats
    /// For an error command: whether it succeeded (the datum counts as recovered).
    public var recovered: Bool

    public init(_ execution: DatumExecution) {
        outcome = execution.outcome
        exitCode = execution.exitCode
        stderrTail = execution.stderrTail
        outputs = execution.outputs.map { output in
            DatumTaskOutput(path: output.path.string, chunks: output.content.chunks.map { DatumChunk(hash: $0.hash, size: $0.size) })
        }
        stats = execution.stats
        recovered = false
    }

    public init(errorCommandRecovered recovered: Bool) {
        outcome = recovered ? .succeeded : .failed(reason: "err_cmd failed")
        exitCode = nil
        stderrTail = ""
        outputs = []
        stats = DatumStats()
        self.recovered = recovered
    }

    /// The execution as the job run consumes it; throws when an output path is not a valid
    /// file path (a worker of another version, or a damaged row).
    public func execution() throws -> DatumExecution {
        let files = try outputs.map { output in
            DatumOutputFile(
                path: try FilePath(validating: output.path),
                content: FileContent(chunks: output.chunks.map { ChunkRef(hash: $0.hash, size: $0.size) }))
        }
        return DatumExecution(outcome: outcome, exitCode: exitCode, stderrTail: stderrTail, outputs: files, stats: stats)
    }
}

/// Thrown to a worker's running datum when the daemon took its lease away: the result would be
/// refused, so the datum is stopped.
public struct DatumTaskLeaseLost: Error, CustomStringConvertible {
    public let taskID: String
    public var description: String { "the lease on datum task \(taskID) was lost (the daemon gave it to another worker, or the job ended)" }
}
