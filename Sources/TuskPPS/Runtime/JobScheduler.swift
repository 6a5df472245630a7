import Foundation
import Synchronization
import TuskCore
import TuskPFS

/// Turns open output commits into jobs and runs them, one job at a time per pipeline in
/// commit order, each in its own task; fires cron ticks; resumes jobs a crash interrupted.
///
/// It polls every 200 ms and is woken early by `poke()` after writes that may start work.
actor JobScheduler {
    private var running: [JobKey: Task<Void, Never>] = [:]
    private var services: [PipelineID: Task<Void, Never>] = [:]
    private var nextCronTicks: [String: Timestamp] = [:]
    private let wakeUp = Mutex<AsyncStream<Void>.Continuation?>(nil)

    nonisolated func poke() {
        _ = wakeUp.withLock { $0?.yield() }
    }

    func run(system: PipelineSystem) async throws {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wakeUp.withLock { $0 = continuation }
        try await recover(system)
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                continuation.yield()
            }
        }
        defer { ticker.cancel() }
        continuation.yield()
        for await _ in stream {
            if Task.isCancelled { break }
            await tick(system)
            try? await system.logStore.flush()
        }
        for task in running.values { task.cancel() }
        for task in services.values { task.cancel() }
        try? await system.logStore.flush()
    }

    /// Jobs left unfinished by a crash are counted as restarted; the next tick runs them again.
    private func recover(_ system: PipelineSystem) async throws {
        try await system.database.write { transaction in
            try await transaction.execute(
                "UPDATE jobs SET restart = restart + 1, state = ?, reason = ? WHERE state IN (?, ?, ?, ?, ?)",
                [.text(JobState.created.rawValue), .text("resuming after the daemon restarted"), .text(JobState.starting.rawValue),
                 .text(JobState.running.rawValue), .text(JobState.egressing.rawValue), .text(JobState.finishing.rawValue),
                 .text(JobState.created.rawValue)])
        }
    }

    private func tick(_ system: PipelineSystem) async {
        let pipelines: [PipelineInfo]
        do {
            pipelines = try await system.listPipelines(projects: [], withLastJobState: false)
        } catch {
            system.logger.error("scheduler cannot list pipelines: \(error)")
            return
        }
        for pipeline in pipelines where pipeline.kind == .service {
            if pipeline.stopped {
                services.removeValue(forKey: pipeline.id)?.cancel()
                continue
            }
            await superviseService(pipeline, system: system)
        }
        for pipeline in pipelines where !pipeline.stopped && pipeline.kind == .transform {
            await fireCron(pipeline, system: system)
            do {
                try await schedule(pipeline, system: system)
            } catch {
                system.logger.error("scheduling \(pipeline.id) failed: \(error)")
            }
        }
    }

    private func schedule(_ pipeline: PipelineInfo, system: PipelineSystem) async throws {
        let pending = try await system.registerPendingJobs(pipeline)
        guard !pending.isEmpty else { return }
        if running.keys.contains(where: { $0.pipeline == pipeline.id }) { return }
        guard let next = pending.first else { return }
        let key = JobKey(pipeline: pipeline.id, id: next.id)
        if let job = try await system.database.read({ transaction in try await JobStore.job(transaction, key) }), job.state.isTerminal {
            // Killed or failed earlier but its commit is still open: close it so later jobs can run.
            try? await system.fileSystem.finishCommit(.commit(next.key), error: job.reason.isEmpty ? "job \(job.state.rawValue)" : job.reason, force: true)
            return
        }
        if let parent = next.parent {
            if let parentInfo = try? await system.fileSystem.inspectCommit(.commit(CommitKey(repo: next.repo, id: parent))), parentInfo.isOpen {
                return
            }
            // The previous job finishes its output commit before it records its own end; wait
            // for that record, or this job would not see it as the job to skip datums against.
            let previous = JobKey(pipeline: pipeline.id, id: parent)
            if let job = try await system.database.read({ transaction in try await JobStore.job(transaction, previous) }), !job.state.isTerminal {
                guard running[previous] == nil else { return }
                // Its commit is finished but no task runs it: a crash came between the two
                // records. The commit tells how it ended.
                let commit = try await system.fileSystem.inspectCommit(.commit(CommitKey(repo: next.repo, id: parent)))
                try await system.finishJob(previous, state: commit.error.isEmpty ? .success : .failure,
                                           reason: commit.error, counters: nil)
            }
        }
        var upstreamError: String?
        for upstream in next.directProvenance {
            let info = try await system.fileSystem.inspectCommit(.commit(upstream))
            if info.isOpen { return }
            if !info.error.isEmpty { upstreamError = "input commit \(upstream) failed: \(info.error)" }
        }
        if let upstreamError {
            try await system.finishJob(key, state: .unrunnable, reason: upstreamError, counters: nil)
            return
        }
        let run = JobRun(system: system, key: key, pipeline: pipeline, outputCommit: next)
        running[key] = Task {
            await run.run(restarted: false)
            await self.finished(key, system: system)
        }
    }

    /// Restarts a service pipeline's command on its newest input commit.
    private func superviseService(_ pipeline: PipelineInfo, system: PipelineSystem) async {
        guard let pending = try? await system.registerPendingJobs(pipeline), let newest = pending.last else { return }
        for older in pending.dropLast() {
            try? await system.fileSystem.finishCommit(.commit(older.key), force: true)
            try? await system.finishJob(JobKey(pipeline: pipeline.id, id: older.id), state: .success, reason: "", counters: nil)
        }
        for upstream in newest.directProvenance {
            guard let info = try? await system.fileSystem.inspectCommit(.commit(upstream)), !info.isOpen else { return }
        }
        if let previous = services.removeValue(forKey: pipeline.id) {
            // The old command must be gone (and its port free) before the new one starts.
            previous.cancel()
            await previous.value
        }
        do {
            services[pipeline.id] = try await ServiceRun.start(system: system, pipeline: pipeline, outputCommit: newest)
        } catch {
            try? await system.finishJob(JobKey(pipeline: pipeline.id, id: newest.id), state: .failure, reason: "\(error)", counters: nil)
        }
    }

    private func finished(_ key: JobKey, system: PipelineSystem) {
        running[key] = nil
        poke()
    }

    private func fireCron(_ pipeline: PipelineInfo, system: PipelineSystem) async {
        for leaf in pipeline.spec.input?.leaves ?? [] {
            guard case .cron(let input) = leaf, let schedule = try? CronSchedule(input.spec) else { continue }
            let id = "\(pipeline.id)/\(input.name)"
            let now = system.clock.now()
            guard let due = nextCronTicks[id] else {
                let start = input.start.map { max($0, now) } ?? now
                nextCronTicks[id] = schedule.nextFire(after: start)
                continue
            }
            if now >= due {
                try? await system.tick(cron: input, pipeline: pipeline.id, at: due)
                // The next tick follows the last one (so `@every 2s` ticks stay 2 s apart); after
                // a pause longer than one period it restarts from now instead of firing a burst.
                let following = schedule.nextFire(after: due)
                nextCronTicks[id] = following > now ? following : schedule.nextFire(after: now)
            }
        }
    }

    /// Stops every running job of a pipeline.
    func cancelJobs(of pipeline: PipelineID, reason: String) {
        services.removeValue(forKey: pipeline)?.cancel()
        for (key, task) in running where key.pipeline == pipeline { task.cancel() }
    }

    /// Stops one running job; false when it was not running.
    func cancelJob(_ key: JobKey, reason: String) -> Bool {
        guard let task = running[key] else { return false }
        task.cancel()
        return true
    }
}
