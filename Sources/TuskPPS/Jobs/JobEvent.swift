/// Something that happened to a job, fed to `JobStateMachine.handle(_:)` by the I/O shell.
public enum JobEvent: Sendable, Hashable {
    /// The job's inputs are ready: created → starting.
    case start
    /// The job cannot start yet; the reason is shown while it is created or starting.
    case waiting(reason: String)
    /// The datums are planned: ids to process (in order) and ids skipped as already done.
    case datumsPlanned(toProcess: [String], toSkip: [String])
    /// The executor began running a datum (informational).
    case datumStarted(id: String)
    case datumSucceeded(id: String)
    /// Attempt `attempt` (1-based) of a datum failed; events for an attempt that is not the
    /// running one are ignored as stale.
    case datumFailed(id: String, attempt: Int, error: String)
    /// A queued datum turned out to be done already (its output is reused).
    case datumSkipped(id: String)
    /// `err_cmd` succeeded for a datum that failed all tries.
    case datumRecovered(id: String)
    /// `err_cmd` failed too.
    case errorCommandFailed(id: String, error: String)
    case egressSucceeded
    case egressFailed(error: String)
    /// The output commit is finished: finishing → success.
    case outputCommitFinished
    /// Merging the datums' outputs into the output commit failed (e.g. two datums wrote one path).
    case outputFailed(error: String)
    case stopRequested(reason: String)
    case jobTimeoutElapsed
    /// An upstream job failed, so this job's inputs will never be complete.
    case upstreamFailed(reason: String)
    /// The daemon restarted with this job unfinished (in-flight work was lost).
    case restartedAfterCrash
}

/// What the I/O shell must do next, as `JobStateMachine.handle(_:)` returns it.
public enum JobAction: Sendable, Hashable {
    /// Compute the datums and feed `.datumsPlanned`.
    case planDatums
    /// Arm a timer that feeds `.jobTimeoutElapsed` when it fires.
    case scheduleJobTimeout(Duration)
    /// Run a datum's first attempt.
    case runDatum(id: String)
    /// Run a datum again; `attempt` is 2 or more.
    case retryDatum(id: String, attempt: Int)
    /// Run `err_cmd` for a datum that failed all tries.
    case runErrorCommand(id: String)
    /// Stop these running datums (their late events will be ignored).
    case cancelDatums([String])
    /// Copy the output commit to the egress destination and feed the result.
    case startEgress
    /// Finish the output commit and feed `.outputCommitFinished`.
    case finishOutputCommit
    /// The job ended without success: record `state` and `reason`, finish the output commit
    /// with an error.
    case failJob(state: JobState, reason: String)
    /// The job succeeded: record it.
    case jobSucceeded
}
