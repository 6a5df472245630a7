import Foundation
import Logging
import TuskCore
import TuskStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs one datum of a pipeline on this host: inputs at `/pfs/<input>`, the transform in a
/// private mount namespace, `/pfs/out` collected into the content store.
///
/// It is the embedded mode's executor of a `DatumWorkUnit` and the body of a scale-out worker.
/// It never retries: the job state machine decides about retries and `err_cmd` from the
/// returned outcome. It throws only for failures of the host or of storage (a missing chunk,
/// a full disk) and for cancellation; everything user code can cause is an outcome.
public struct DatumRunner: Sendable {
    public let contents: ContentStore
    public let objectsRoot: String?
    public let scratchRoot: String
    public let launcher: DatumLauncher
    /// Forks each datum's launcher from one long-lived process (see `DatumZygote`).
    private let zygote: DatumZygote
    /// The reusable directories datums run in.
    private let slots: ScratchSlots
    /// Reads every datum's output pipes on one thread.
    private let outputPump = OutputPump()
    private let clock: any WallClock
    private let logger: Logger
    /// The daemon's environment, read once: datums pass some of it on (`DatumEnvironment`).
    private let hostEnvironment: [String: String]
    /// `TUSK_KEEP_SCRATCH=1` keeps each datum's scratch directory for debugging.
    private let keepsScratch: Bool

    /// - Parameters:
    ///   - contents: where input chunks are read and output chunks stored.
    ///   - objectsRoot: the root of the local object store behind `contents`, mounted read-only
    ///     for user code (single-chunk inputs are hard-linked from it); nil when objects are not
    ///     local files.
    ///   - scratchRoot: the directory holding the reusable datum directories (`ScratchSlots`).
    ///   - launcher: the program that enters the datum's namespace; the running `tusk`.
    ///   - clock: stamps log lines.
    ///   - keepsScratch: keep every datum's directory (default: `TUSK_KEEP_SCRATCH=1`).
    public init(
        contents: ContentStore,
        objectsRoot: String?,
        scratchRoot: String,
        launcher: DatumLauncher = .currentExecutable,
        clock: any WallClock = SystemWallClock(),
        keepsScratch: Bool? = nil,
        logger: Logger
    ) {
        self.contents = contents
        self.objectsRoot = objectsRoot
        self.scratchRoot = scratchRoot
        self.launcher = launcher
        self.zygote = DatumZygote(launcher: launcher)
        self.slots = ScratchSlots(scratchRoot: scratchRoot)
        self.clock = clock
        self.logger = logger
        self.hostEnvironment = ProcessInfo.processInfo.environment
        self.keepsScratch = keepsScratch ?? (hostEnvironment["TUSK_KEEP_SCRATCH"] == "1")
    }

    /// Runs the datum's `cmd` and collects `/pfs/out` when it succeeds. `log` receives the
    /// user code's output lines as they are printed (in order within each stream).
    public func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumRunResult {
        try await execute(unit, command: unit.transform.cmd, standardInput: unit.transform.stdin, collectsOutput: true, log: log)
    }

    /// Runs the datum's `err_cmd` (with `err_stdin`) in a fresh `/pfs` of the same datum; its
    /// success sets `recovered`. Outputs are never collected from it.
    public func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumRunResult {
        guard !unit.transform.errorCommand.isEmpty else {
            throw TuskError.precondition("pipeline \"\(unit.pipeline)\" has no err_cmd to run for datum \(unit.datumID); only call runErrorCommand when the transform sets err_cmd", location: unit.pipeline)
        }
        var result = try await execute(unit, command: unit.transform.errorCommand, standardInput: unit.transform.errorStdin, collectsOutput: false, log: log)
        result.recovered = result.outcome.isSuccess
        return result
    }

    private func execute(_ unit: DatumWorkUnit, command: [String], standardInput: [String], collectsOutput: Bool, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumRunResult {
        let keptRoot = try DatumDirectory.keptRoot(scratchRoot: scratchRoot, project: unit.project, pipeline: unit.pipeline, jobID: unit.jobID, datumID: unit.datumID)
        let layout = try slots.acquire()
        defer {
            if keepsScratch {
                let kept = slots.keep(layout, at: keptRoot)
                logger.info("kept the datum's scratch directory", metadata: ["datum": "\(unit.datumID)", "path": "\(kept)"])
            } else {
                slots.release(layout)
            }
        }
        var stats = DatumStats()

        let downloadStart = ContinuousClock.now
        let materializer = InputMaterializer(contents: contents)
        stats.downloadBytes = try await materializer.materialize(unit.inputs, into: layout.pfs)
        stats.downloadSeconds = Self.seconds(since: downloadStart)

        if let user = unit.transform.user {
            do {
                let identity = try UserIdentity(resolving: user)
                try layout.handWritableDirectories(to: identity)
            } catch let failure as LauncherFailure {
                return DatumRunResult(outcome: .failed(reason: failure.message), stats: stats)
            }
        }
        let standardInputPath = try layout.writeStandardInput(standardInput)

        let arguments = LauncherArguments(
            datumRoot: layout.root,
            workingDirectory: unit.transform.workingDirectory.flatMap { $0.isEmpty ? nil : $0 },
            user: unit.transform.user.flatMap { $0.isEmpty ? nil : $0 },
            readOnlyPaths: [objectsRoot, scratchRoot].compactMap { $0 },
            command: command
        )
        let execution = TransformExecution(
            launcherExecutable: launcher.executablePath,
            launcherArguments: launcher.leadingArguments + arguments.rendered,
            environment: DatumEnvironment.build(for: unit, host: hostEnvironment),
            standardInputPath: standardInputPath,
            timeout: unit.timeout,
            clock: clock,
            zygote: zygote,
            pump: outputPump
        )
        logger.debug("running datum", metadata: ["job": "\(unit.jobID)", "datum": "\(unit.datumID)", "attempt": "\(unit.attempt)"])
        let processStart = ContinuousClock.now
        let ended = try await execution.run(log: log)
        stats.processSeconds = Self.seconds(since: processStart)

        var result = DatumRunResult(outcome: .succeeded, stderrTail: ended.standardErrorTail, stats: stats)
        switch ended.termination {
        case .setupFailed(let reason):
            result.outcome = .failed(reason: reason)
        case .timedOut(let limit):
            result.outcome = .timedOut(after: limit)
        case .signaled(let signal):
            result.outcome = .killed(signal: signal)
        case .exited(let code):
            result.exitCode = code
            guard code == 0 || unit.transform.acceptReturnCodes.contains(Int(code)) else {
                result.outcome = .failed(reason: "\(command.first ?? "the command") exited with code \(code)")
                return result
            }
            if collectsOutput {
                try await collectOutput(of: unit, from: layout, into: &result)
            }
        }
        return result
    }

    private func collectOutput(of unit: DatumWorkUnit, from layout: DatumDirectory, into result: inout DatumRunResult) async throws {
        let uploadStart = ContinuousClock.now
        do {
            let collected = try await OutputCollector(contents: contents, inputs: unit.inputs, adoptsFiles: !keepsScratch).collect(outDirectory: layout.out)
            result.outputs = collected.entries
            result.stats.uploadBytes = collected.storedBytes
        } catch let refusal as OutputRefusal {
            result.outcome = .failed(reason: refusal.reason)
            result.outputs = []
        }
        result.stats.uploadSeconds = Self.seconds(since: uploadStart)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
