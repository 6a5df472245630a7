import TuskCore
import TuskMetadata
import TuskPFS

extension PipelineSystem {
    func jobInfo(_ row: JobStore.JobRow, outputBranch: String) -> JobInfo {
        JobInfo(
            key: row.key, pipelineVersion: row.pipelineVersion, outputCommit: CommitKey(repo: row.key.pipeline.outputRepo, id: row.key.id),
            outputBranch: outputBranch, state: row.state, reason: row.reason, counters: row.counters, restart: row.restart,
            stats: row.stats, createdAt: row.createdAt, startedAt: row.startedAt, finishedAt: row.finishedAt)
    }

    func outputBranch(of pipeline: PipelineID) async -> String {
        (try? await inspectPipeline(pipeline).spec.outputBranch) ?? "master"
    }

    /// Describes a job; with `wait`, blocks until it ends (success, failure, killed or unrunnable).
    public func inspectJob(_ key: JobKey, wait: Bool) async throws -> JobInfo {
        let branch = await outputBranch(of: key.pipeline)
        while true {
            let row = try await database.read { transaction in try await JobStore.job(transaction, key) }
            if let row, !wait || row.state.isTerminal { return jobInfo(row, outputBranch: branch) }
            if row == nil {
                _ = try await inspectPipeline(key.pipeline)
                let pending = try await fileSystem.openComputedCommits(BranchID(trustedRepo: key.pipeline.outputRepo, name: branch))
                if !wait || !pending.contains(where: { $0.id == key.id }) {
                    throw TuskError.notFound("job \(key) not found", location: key.description)
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Jobs of one pipeline or of projects, newest first; `number` 0 means all.
    public func listJobs(pipeline: PipelineID?, projects: [ProjectName], number: Int) async throws -> [JobInfo] {
        if let pipeline { _ = try await inspectPipeline(pipeline) }
        await registerPendingJobs(projects: projects, pipeline: pipeline)
        let rows = try await database.read { transaction in try await JobStore.jobs(transaction, pipeline: pipeline, projects: projects) }
        var branches: [PipelineID: String] = [:]
        var infos: [JobInfo] = []
        for row in rows.prefix(number > 0 ? number : rows.count) {
            let branch: String
            if let known = branches[row.key.pipeline] {
                branch = known
            } else {
                branch = await outputBranch(of: row.key.pipeline)
                branches[row.key.pipeline] = branch
            }
            infos.append(jobInfo(row, outputBranch: branch))
        }
        return infos
    }

    /// The jobs of one commit set (every pipeline the commit reached); with `wait`, once all ended.
    public func jobSet(_ id: CommitID, wait: Bool) async throws -> [JobInfo] {
        await registerPendingJobs(projects: [], pipeline: nil)
        if wait { _ = try await fileSystem.commitSet(id, wait: true) }
        while true {
            let rows = try await database.read { transaction in try await JobStore.jobs(transaction, pipeline: nil, projects: [], id: id) }
            if !wait || rows.allSatisfy({ $0.state.isTerminal }) {
                var infos: [JobInfo] = []
                for row in rows.reversed() {
                    let branch = await outputBranch(of: row.key.pipeline)
                    infos.append(jobInfo(row, outputBranch: branch))
                }
                let setExists = (try? await fileSystem.commitSet(id)) != nil
                if infos.isEmpty && !setExists {
                    throw TuskError.notFound("job set \(id) not found", location: id.value)
                }
                return infos
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    public func listJobSets(projects: [ProjectName]) async throws -> [(id: CommitID, jobs: [JobInfo])] {
        let jobs = try await listJobs(pipeline: nil, projects: projects, number: 0)
        var order: [CommitID] = []
        var grouped: [CommitID: [JobInfo]] = [:]
        for job in jobs {
            if grouped[job.key.id] == nil { order.append(job.key.id) }
            grouped[job.key.id, default: []].append(job)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }

    /// Kills a running job; its output commit finishes with an error.
    public func stopJob(_ key: JobKey, reason: String) async throws {
        _ = try await inspectJob(key, wait: false)
        let message = reason.isEmpty ? "stopped by a user" : reason
        if await !scheduler.cancelJob(key, reason: message) {
            try await finishJob(key, state: .killed, reason: message, counters: nil)
        }
    }

    public func deleteJob(_ key: JobKey) async throws {
        _ = try await inspectJob(key, wait: false)
        _ = await scheduler.cancelJob(key, reason: "the job was deleted")
        try await database.write { transaction in try await JobStore.delete(transaction, key) }
    }

    /// Records a job as running with these counters (a service job, which runs until replaced).
    func markJobRunning(_ key: JobKey, counters: JobCounters) async throws {
        let now = clock.now()
        try await database.write { transaction in
            guard var row = try await JobStore.job(transaction, key), !row.state.isTerminal else { return }
            row.state = .running
            row.counters = counters
            if row.startedAt == nil { row.startedAt = now }
            try await JobStore.update(transaction, row)
        }
    }

    /// Records a job's end and finishes its output commit (with an error unless it succeeded).
    ///
    /// The output commit is finished first: whoever wakes on the job's terminal state (a client
    /// waiting in `inspectJob`) must find the commit closed too. A crash between the two leaves a
    /// finished commit under a live job, which the scheduler already settles from the commit.
    /// (A job that already ended has its commit finished, so a late second end changes nothing.)
    func finishJob(_ key: JobKey, state: JobState, reason: String, counters: JobCounters?) async throws {
        if state != .success {
            let commit = CommitSelector.commit(CommitKey(repo: key.pipeline.outputRepo, id: key.id))
            if let info = try? await fileSystem.inspectCommit(commit), info.isOpen {
                try? await fileSystem.finishCommit(commit, error: reason.isEmpty ? "job \(state.rawValue)" : reason, force: true)
            }
        }
        let now = clock.now()
        try await database.write { transaction in
            guard var row = try await JobStore.job(transaction, key) else { return }
            if row.state.isTerminal { return }
            row.state = state
            row.reason = reason
            if let counters { row.counters = counters }
            row.finishedAt = now
            try await JobStore.update(transaction, row)
        }
    }

    // MARK: datums

    public func listDatums(_ job: JobKey, states: [DatumState]) async throws -> [DatumInfo] {
        _ = try await inspectJob(job, wait: false)
        let rows = try await database.read { transaction in try await DatumStore.datums(transaction, job: job) }
        return rows.filter { states.isEmpty || states.contains($0.state) }.map(DatumStore.info)
    }

    public func inspectDatum(_ job: JobKey, id: String) async throws -> DatumInfo {
        guard let datum = try await listDatums(job, states: []).first(where: { $0.id == id }) else {
            throw TuskError.notFound("datum \(id) not found in job \(job)", location: "\(job) \(id)")
        }
        return datum
    }

    /// Runs the job's pipeline again so the datums whose inputs match the filters (paths or
    /// hashes; all failed datums when empty) are processed anew.
    public func restartDatum(_ job: JobKey, dataFilters: [String]) async throws {
        let datums = try await listDatums(job, states: [])
        let chosen = datums.filter { datum in
            dataFilters.isEmpty ? datum.state == .failed
                : datum.inputs.contains { input in dataFilters.contains { $0 == input.path || $0 == input.hash } }
        }
        if chosen.isEmpty {
            throw TuskError.notFound("no datum of job \(job) matches \(dataFilters)", location: job.description)
        }
        try await database.write { transaction in
            for datum in chosen {
                try await transaction.execute(
                    "UPDATE datums SET hash = ? WHERE project = ? AND pipeline = ? AND job_id = ? AND id = ?",
                    [.text("restart-" + CommitID.random().value), .text(job.pipeline.project.value), .text(job.pipeline.name),
                     .text(job.id.value), .text(datum.id)])
            }
        }
        try await rerunPipeline(job.pipeline, reprocess: false)
    }
}
