import Logging
import TuskCore
import TuskPPS
import TuskStorage
import TuskWorker

/// Runs datums on this host for the embedded daemon: adapts the worker's `DatumRunner` to the
/// pipeline system's `DatumExecutor` seam.
struct EmbeddedDatumExecutor: DatumExecutor {
    let runner: DatumRunner

    func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution {
        let result = try await runner.run(unit, log: log)
        return DatumExecution(
            outcome: result.outcome, exitCode: result.exitCode.map { Int($0) }, stderrTail: result.stderrTail,
            outputs: result.outputs.map { DatumOutputFile(path: $0.path, content: $0.content) }, stats: result.stats)
    }

    func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool {
        try await runner.runErrorCommand(unit, log: log).recovered
    }
}
