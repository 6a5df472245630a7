import Logging
import TuskCore
import TuskMetadata
import TuskPFS

/// The pipeline system: pipelines, the jobs their input commits cause, the datums of each job,
/// and the logs of all of it.
///
/// It sits on the versioned file system: a pipeline is an output repo whose branch declares
/// the pipeline's input branches as provenance, so every input commit opens an output commit
/// (one commit set) and the scheduler turns each open output commit into a job. Specs, jobs,
/// datums and logs are rows in the same metadata database as PFS.
public final class PipelineSystem: Sendable {
    let fileSystem: FileSystem
    let database: any SQLDatabase
    let executor: any DatumExecutor
    /// Runs service pipelines: on this host even when datums go to remote workers, because a
    /// service's ports (and the `external_port` relay) belong to the daemon's host.
    let serviceExecutor: any DatumExecutor
    /// Egress destinations beyond `file://` (nil: only `file://`).
    let egressResolver: (any EgressResolver)?
    let clock: any WallClock
    let logger: Logger
    let scheduler: JobScheduler
    let logStore: LogStore

    /// - Parameters:
    ///   - serviceExecutor: runs service pipelines; `executor` when nil.
    ///   - egressResolver: resolves egress URLs other than `file://`.
    public init(fileSystem: FileSystem, database: any SQLDatabase, executor: any DatumExecutor, serviceExecutor: (any DatumExecutor)? = nil,
                egressResolver: (any EgressResolver)? = nil, clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "tusk.pps")) {
        self.fileSystem = fileSystem
        self.database = database
        self.executor = executor
        self.serviceExecutor = serviceExecutor ?? executor
        self.egressResolver = egressResolver
        self.clock = clock
        self.logger = logger
        self.logStore = LogStore(database: database, clock: clock)
        self.scheduler = JobScheduler()
    }

    /// Runs the scheduler until the task is cancelled: turns open output commits into jobs,
    /// runs them, fires cron ticks, and resumes jobs a crash interrupted.
    public func run() async throws {
        let scheduler = self.scheduler
        await fileSystem.observeCommitChanges { scheduler.poke() }
        try await scheduler.run(system: self)
    }

    /// Wakes the scheduler now instead of at its next poll (after writes that may start jobs).
    public func poke() {
        scheduler.poke()
    }
}
