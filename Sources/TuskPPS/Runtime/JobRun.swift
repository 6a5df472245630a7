import Foundation
import TuskCore
import TuskMetadata
import TuskPFS
import TuskStorage

/// Runs one job: the I/O shell around `JobStateMachine`. It plans datums from the job's
/// input commits, runs them through the `DatumExecutor` (at most `parallelism` at once, with
/// retries and `err_cmd` as the machine decides), merges every datum's outputs into the output
/// commit (refusing two datums writing one path), and records the job and its datums.
actor JobRun {
    let system: PipelineSystem
    let key: JobKey
    let pipeline: PipelineInfo
    let outputCommit: CommitInfo
    var machine: JobStateMachine
    var inputs = JobInputs()
    var datums: [String: Datum] = [:]
    var order: [String] = []
    var outputs: [String: [DatumOutputFile]] = [:]
    var keptOwners: [String: String] = [:]
    var staleOutputs: Set<String> = []
    var skippedRows: [String: DatumRow] = [:]
    var outputsApplied = false
    var stats = ProcessStatistics()
    /// Each datum's place in plan order, which is also its row order in `list datum`.
    var positions: [String: Int64] = [:]
    /// Finished datums waiting for the group commit of `persist`.
    var unsavedDatums: [(row: DatumRow, sequence: Int64)] = []
    /// The background save of `unsavedDatums`, while one runs.
    var savingDatums: Task<Void, Never>?
    /// Set once the job is ending: saves no longer wait to gather rows.
    var flushRequested = false

    init(system: PipelineSystem, key: JobKey, pipeline: PipelineInfo, outputCommit: CommitInfo) {
        self.system = system
        self.key = key
        self.pipeline = pipeline
        self.outputCommit = outputCommit
        self.machine = JobStateMachine(configuration: JobConfiguration(spec: pipeline.spec))
    }

    /// Drives the job to a terminal state. Cancellation (stop, delete) ends it as killed.
    func run(restarted: Bool) async {
        system.log(key.pipeline, job: key.id.value, message: "starting job \(key.id) (pipeline version \(pipeline.version))")
        await withTaskGroup(of: JobEvent?.self) { group in
            var pending = machine.handle(.start)
            while true {
                var events: [JobEvent] = []
                for action in pending { events += await perform(action, group: &group) }
                pending = []
                for event in events { pending += machine.handle(event) }
                if !pending.isEmpty { continue }
                if machine.state.isTerminal { break }
                if Task.isCancelled {
                    pending = machine.handle(.stopRequested(reason: "the job was stopped"))
                    if pending.isEmpty { break }
                    continue
                }
                guard let next = await group.next() else { break }
                if let event = next { pending = machine.handle(event) }
            }
            group.cancelAll()
        }
        await record()
    }

    /// Performs one action; returns the events it produced at once (long work runs in the group).
    func perform(_ action: JobAction, group: inout TaskGroup<JobEvent?>) async -> [JobEvent] {
        switch action {
        case .startEgress, .finishOutputCommit, .failJob, .jobSucceeded:
            // The job is ending: its datums' rows go first.
            await flushDatums()
        default:
            break
        }
        switch action {
        case .planDatums:
            do {
                return [try await plan()]
            } catch {
                return [.upstreamFailed(reason: "cannot plan datums: \(describe(error))")]
            }
        case .scheduleJobTimeout(let duration):
            group.addTask {
                try? await Task.sleep(for: duration)
                return Task.isCancelled ? nil : .jobTimeoutElapsed
            }
            return []
        case .runDatum(let id):
            launch(id, attempt: 1, group: &group)
            return [.datumStarted(id: id)]
        case .retryDatum(let id, let attempt):
            launch(id, attempt: attempt, group: &group)
            return []
        case .runErrorCommand(let id):
            guard let datum = datums[id] else { return [.errorCommandFailed(id: id, error: "unknown datum")] }
            let unit = workUnit(datum, attempt: 0)
            let executor = system.executor
            let logger = userLogger(datum)
            group.addTask {
                do {
                    return try await executor.runErrorCommand(unit, log: logger) ? .datumRecovered(id: id) : .errorCommandFailed(id: id, error: "err_cmd failed")
                } catch {
                    return .errorCommandFailed(id: id, error: "\(error)")
                }
            }
            return []
        case .cancelDatums:
            // Late results of these datums are ignored by the machine; their processes end when
            // the job's task group is cancelled at the job's end.
            return []
        case .startEgress:
            do {
                try await applyOutputs()
                try await egress()
                return [.egressSucceeded]
            } catch let error as OutputCollision {
                return [.outputFailed(error: error.message)]
            } catch {
                return [.egressFailed(error: describe(error))]
            }
        case .finishOutputCommit:
            do {
                try await applyOutputs()
                try await system.fileSystem.finishCommit(.commit(outputCommit.key), force: true)
                return [.outputCommitFinished]
            } catch {
                return [.outputFailed(error: describe(error))]
            }
        case .failJob(let state, let reason):
            system.log(key.pipeline, job: key.id.value, message: "job \(state.rawValue): \(reason)")
            let (system, key, counters) = (self.system, self.key, machine.counters)
            // A stopped job's task is cancelled; record its end outside that cancellation.
            await Task { try? await system.finishJob(key, state: state, reason: reason, counters: counters) }.value
            return []
        case .jobSucceeded:
            system.log(key.pipeline, job: key.id.value, message: "job succeeded: \(machine.counters.processed) processed, \(machine.counters.skipped) skipped")
            let (system, key, counters) = (self.system, self.key, machine.counters)
            await Task { try? await system.finishJob(key, state: .success, reason: "", counters: counters) }.value
            return []
        }
    }

    func describe(_ error: any Error) -> String {
        (error as? TuskError)?.message ?? (error as? OutputCollision)?.message ?? "\(error)"
    }

    /// Persists the job's state and counters (after every queued datum row).
    func record() async {
        await flushDatums()
        let update = jobUpdate()
        let database = system.database
        await Task { try? await database.write { transaction in try await update(transaction) } }.value
    }

    /// Queues a finished datum's row to be recorded together with the job's counters.
    ///
    /// The datum's event goes on to the state machine at once, so its slot takes the next
    /// datum without waiting for the database (a synchronous commit per datum kept a quarter of
    /// the slots idle in jobs of short datums). One background save at a time writes every row
    /// queued so far in one transaction (a group commit, after `datumSaveWindow` to gather a
    /// few); `flushDatums()` cuts the wait short and waits for it, and the job flushes before it
    /// finishes its output commit or records its end, so every row is saved before the job's
    /// end is. A crash before a row is saved reruns that datum.
    func persist(_ row: DatumRow, sequence: Int64) {
        unsavedDatums.append((row, sequence))
        guard savingDatums == nil else { return }
        savingDatums = Task { await saveUnsavedDatums() }
    }

    /// Waits until every queued datum row is saved.
    func flushDatums() async {
        flushRequested = true
        // Cancelling ends the save's gathering wait early; its writes run in tasks of their own.
        savingDatums?.cancel()
        while let saving = savingDatums { await saving.value }
    }

    /// How long a save waits for more rows while the job still runs datums: short datums
    /// finish hundreds a second, and one transaction (one `fsync`) for a few of them instead
    /// of one each halves the database's share of a job.
    static let datumSaveWindow: Duration = .milliseconds(20)

    private func saveUnsavedDatums() async {
        let database = system.database
        if !flushRequested { try? await Task.sleep(for: Self.datumSaveWindow) }
        while !unsavedDatums.isEmpty {
            let batch = unsavedDatums
            unsavedDatums = []
            let update = jobUpdate()
            await Task { try? await database.write { transaction in
                for (row, sequence) in batch { try await DatumStore.save(transaction, row, sequence: sequence) }
                try await update(transaction)
            } }.value
        }
        savingDatums = nil
    }

    /// The job row update for the machine's present state, to run inside a write transaction.
    private func jobUpdate() -> @Sendable (any SQLTransaction) async throws -> Void {
        let now = system.clock.now()
        let state = machine.state
        let reason = machine.reason ?? ""
        let counters = machine.counters
        let stats = self.stats
        let key = self.key
        return { transaction in
            guard var row = try await JobStore.job(transaction, key) else { return }
            if row.state.isTerminal && row.state != state { return }
            row.state = state
            row.reason = reason
            row.counters = counters
            row.stats = stats
            if row.startedAt == nil { row.startedAt = now }
            if state.isTerminal && row.finishedAt == nil { row.finishedAt = now }
            try await JobStore.update(transaction, row)
        }
    }
}
