import Foundation
import TuskCore
import TuskMetadata
import TuskPFS

extension PipelineSystem {
    /// Creates (or with `update`, updates) every pipeline in `text` (JSON or YAML, one or
    /// several specs). Each spec is validated before anything is stored; the output repo, the
    /// spec repo and the output branch's provenance are set up, which opens the first job.
    @discardableResult
    public func createPipelines(text: String, defaultProject: ProjectName, update: Bool, reprocess: Bool, dryRun: Bool) async throws -> [PipelineInfo] {
        let specs = try PipelineSpecParser.parse(text, defaultProject: defaultProject.value)
        for spec in specs { try SpecValidator.validate(spec) }
        var created: [PipelineInfo] = []
        for spec in specs {
            created.append(try await createPipeline(spec, userJSON: specs.count == 1 ? text : spec.canonicalJSON(),
                                                    update: update || spec.update, reprocess: reprocess || spec.reprocess, dryRun: dryRun || spec.dryRun))
        }
        poke()
        return created
    }

    func createPipeline(_ spec: PipelineSpec, userJSON: String, update: Bool, reprocess: Bool, dryRun: Bool) async throws -> PipelineInfo {
        let project = try ProjectName(spec.pipeline.project.isEmpty ? ProjectName.default.value : spec.pipeline.project)
        let id = try PipelineID(project: project, name: spec.pipeline.name)
        _ = try await fileSystem.inspectProject(project)
        let existing = try await database.read { transaction in try await PipelineStore.pipeline(transaction, id) }
        if existing != nil && !update {
            throw TuskError.alreadyExists("pipeline \"\(id.name)\" already exists in project \"\(project)\"; use `tusk update pipeline` to change it", location: id.description)
        }
        let inputs = try await inputBranches(spec, pipeline: id, create: !dryRun)
        let now = clock.now()
        var stored = spec
        stored.update = false
        stored.reprocess = false
        stored.dryRun = false
        let salt = (!reprocess ? existing?.salt : nil) ?? (spec.salt.isEmpty ? CommitID.random().value : spec.salt)
        stored.salt = salt
        let row = PipelineRow(
            id: id, version: (existing?.version ?? 0) + 1, specJSON: stored.canonicalJSON(), userSpecJSON: userJSON, salt: salt,
            stopped: existing?.stopped ?? false, state: existing?.stopped == true ? .paused : .running, reason: "",
            createdAt: existing?.createdAt ?? now, updatedAt: now)
        if dryRun { return try info(row) }

        let output = id.outputRepo
        if (try? await fileSystem.inspectRepo(output)) == nil {
            try await fileSystem.createRepo(output, description: "Output repo for pipeline \(id.name).", update: false)
        }
        if (try? await fileSystem.inspectRepo(id.specRepo)) == nil {
            try await fileSystem.createRepo(id.specRepo, description: "Spec repo for pipeline \(id.name).", update: false)
        }
        try await fileSystem.modifyFiles(.branch(BranchID(trustedRepo: id.specRepo, name: "master")), FileOperationList([
            .delete(path: try FilePath(validating: "/spec.json")),
            .append(path: try FilePath(validating: "/spec.json"), data: Data(stored.canonicalJSON(pretty: true).utf8)),
        ]))
        try await database.write { transaction in try await PipelineStore.save(transaction, row) }
        let outputBranch = BranchID(trustedRepo: output, name: spec.outputBranch.isEmpty ? "master" : spec.outputBranch)
        let before = try? await fileSystem.inspectBranch(outputBranch)
        try await fileSystem.createBranch(outputBranch, head: nil, provenance: inputs)
        let after = try await fileSystem.inspectBranch(outputBranch)
        if existing != nil && before?.head == after.head {
            // Same inputs: recompute the branch anyway so the new version runs over the current data.
            try await fileSystem.recompute(outputBranch)
        }
        _ = try await registerPendingJobs(try info(row))
        log(id, message: existing == nil ? "created pipeline version \(row.version)" : "updated pipeline to version \(row.version)")
        return try info(row)
    }

    /// The branches a pipeline reads: its pfs inputs and its cron repos (created when missing).
    func inputBranches(_ spec: PipelineSpec, pipeline: PipelineID, create: Bool) async throws -> [BranchID] {
        var branches: [BranchID] = []
        for leaf in spec.input?.leaves ?? [] {
            switch leaf {
            case .pfs(let input):
                let project = try ProjectName(input.project.isEmpty ? pipeline.project.value : input.project)
                let repo = try RepoID(project: project, name: input.repo, type: try RepoType(wire: input.repoType))
                _ = try await fileSystem.inspectRepo(repo)
                let branch = try BranchID(repo: repo, name: input.branch.isEmpty ? "master" : input.branch)
                if create, (try? await fileSystem.inspectBranch(branch)) == nil {
                    try await fileSystem.createBranch(branch, head: nil)
                }
                branches.append(branch)
            case .cron(let input):
                let project = try ProjectName(input.project.isEmpty ? pipeline.project.value : input.project)
                let repo = try RepoID(project: project, name: input.repo.isEmpty ? "\(pipeline.name)_\(input.name)" : input.repo)
                if create {
                    if (try? await fileSystem.inspectRepo(repo)) == nil {
                        try await fileSystem.createRepo(repo, description: "Cron ticks of pipeline \(pipeline.name).", update: false)
                    }
                    if (try? await fileSystem.inspectBranch(BranchID(trustedRepo: repo, name: "master"))) == nil {
                        try await fileSystem.createBranch(BranchID(trustedRepo: repo, name: "master"), head: nil)
                    }
                }
                branches.append(BranchID(trustedRepo: repo, name: "master"))
            }
        }
        return branches
    }

    func info(_ row: PipelineRow, lastJobState: JobState? = nil) throws -> PipelineInfo {
        let spec = try PipelineSpecParser.parseOne(row.specJSON, defaultProject: row.id.project.value)
        let kind: PipelineKind = spec.service != nil ? .service : (spec.spout != nil ? .spout : .transform)
        return PipelineInfo(
            id: row.id, version: row.version, spec: spec, effectiveSpecJSON: row.specJSON, userSpecJSON: row.userSpecJSON,
            salt: row.salt, state: row.stopped ? .paused : row.state, reason: row.reason, stopped: row.stopped, kind: kind,
            lastJobState: lastJobState, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    public func inspectPipeline(_ id: PipelineID) async throws -> PipelineInfo {
        let (row, last) = try await database.read { transaction in
            (try await PipelineStore.requirePipeline(transaction, id), try await JobStore.jobs(transaction, pipeline: id, projects: []).first?.state)
        }
        return try info(row, lastJobState: last)
    }

    public func listPipelines(projects: [ProjectName]) async throws -> [PipelineInfo] {
        try await listPipelines(projects: projects, withLastJobState: true)
    }

    /// Pipelines of the projects; the scheduler, which polls often, skips the last-job lookups.
    func listPipelines(projects: [ProjectName], withLastJobState: Bool) async throws -> [PipelineInfo] {
        let rows = try await database.read { transaction in
            var rows: [(PipelineRow, JobState?)] = []
            for row in try await PipelineStore.pipelines(transaction, projects: projects) {
                let last = withLastJobState ? try await JobStore.jobs(transaction, pipeline: row.id, projects: []).first?.state : nil
                rows.append((row, last))
            }
            return rows
        }
        return try rows.map { try info($0.0, lastJobState: $0.1) }
    }

    /// Every version of a pipeline, newest first.
    public func pipelineHistory(_ id: PipelineID) async throws -> [PipelineInfo] {
        let (row, versions) = try await database.read { transaction in
            (try await PipelineStore.requirePipeline(transaction, id), try await PipelineStore.history(transaction, id))
        }
        return try versions.map { version in
            var old = row
            old.version = version.version
            old.specJSON = version.specJSON
            old.userSpecJSON = version.userSpecJSON
            old.salt = version.salt
            old.updatedAt = version.createdAt
            return try info(old)
        }
    }

    /// Deletes a pipeline with its jobs and logs, its spec repo, cron repos and (unless
    /// `keepRepo`) its output repo; with `keepRepo` the output branch loses its provenance.
    public func deletePipeline(_ id: PipelineID, force: Bool, keepRepo: Bool) async throws {
        let row = try await database.read { transaction in try await PipelineStore.requirePipeline(transaction, id) }
        let spec = try info(row).spec
        await scheduler.cancelJobs(of: id, reason: "the pipeline was deleted")
        if keepRepo {
            let branch = BranchID(trustedRepo: id.outputRepo, name: spec.outputBranch)
            if (try? await fileSystem.inspectBranch(branch)) != nil {
                try await fileSystem.createBranch(branch, head: nil, provenance: [])
            }
        } else {
            try await fileSystem.deleteRepo(id.outputRepo, force: true)
        }
        try await fileSystem.deleteRepo(id.specRepo, force: true)
        for leaf in spec.input?.leaves ?? [] {
            if case .cron(let input) = leaf {
                let repo = try RepoID(project: id.project, name: input.repo.isEmpty ? "\(id.name)_\(input.name)" : input.repo)
                try await fileSystem.deleteRepo(repo, force: true)
            }
        }
        try await database.write { transaction in try await PipelineStore.delete(transaction, id) }
    }

    public func deleteAllPipelines(projects: [ProjectName], force: Bool, keepRepo: Bool) async throws -> [PipelineID] {
        let ids = try await listPipelines(projects: projects).map(\.id)
        for id in ids.reversed() { try await deletePipeline(id, force: force, keepRepo: keepRepo) }
        return ids
    }

    /// Pauses a pipeline: running jobs are killed and no new job starts until `startPipeline`.
    public func stopPipeline(_ id: PipelineID) async throws {
        try await database.write { transaction in
            _ = try await PipelineStore.requirePipeline(transaction, id)
            try await PipelineStore.setState(transaction, id, state: .paused, reason: "stopped by a user", stopped: true, now: self.clock.now())
        }
        await scheduler.cancelJobs(of: id, reason: "the pipeline was stopped")
    }

    public func startPipeline(_ id: PipelineID) async throws {
        try await database.write { transaction in
            _ = try await PipelineStore.requirePipeline(transaction, id)
            try await PipelineStore.setState(transaction, id, state: .running, reason: "", stopped: false, now: self.clock.now())
        }
        poke()
    }

    /// Runs the pipeline again over its current inputs; with `reprocess`, nothing is skipped.
    public func rerunPipeline(_ id: PipelineID, reprocess: Bool) async throws {
        let pipeline = try await inspectPipeline(id)
        if reprocess {
            _ = try await database.write { transaction in
                try await transaction.execute("UPDATE pipelines SET salt = ? WHERE project = ? AND name = ?",
                                              [.text(CommitID.random().value), .text(id.project.value), .text(id.name)])
            }
        }
        try await fileSystem.recompute(BranchID(trustedRepo: id.outputRepo, name: pipeline.spec.outputBranch))
        poke()
    }

    /// Fires every cron input of the pipeline now.
    public func runCron(_ id: PipelineID) async throws {
        let pipeline = try await inspectPipeline(id)
        var fired = false
        for leaf in pipeline.spec.input?.leaves ?? [] {
            if case .cron(let input) = leaf {
                try await tick(cron: input, pipeline: id, at: clock.now())
                fired = true
            }
        }
        if !fired {
            throw TuskError.precondition("pipeline \(id.name) has no cron input to run", location: id.description)
        }
        poke()
    }

    /// Writes one cron tick: an empty file named by the tick time in whole seconds (RFC 3339,
    /// `2026-01-02T03:04:05Z`, as Pachyderm names them); with `overwrite`, the earlier ticks are
    /// deleted first.
    ///
    /// Tick names only ever grow: a tick that would fall in the same second as the latest one
    /// (two `run cron` calls in one second) is named one second after it, so every tick is a
    /// file of its own.
    func tick(cron input: CronInput, pipeline: PipelineID, at exactTime: Timestamp) async throws {
        let repo = try RepoID(project: pipeline.project, name: input.repo.isEmpty ? "\(pipeline.name)_\(input.name)" : input.repo)
        var time = Timestamp(microseconds: exactTime.microseconds - exactTime.microseconds % 1_000_000)
        let existing = (try? await fileSystem.listFiles(.head(of: BranchID(trustedRepo: repo, name: "master")), path: .root)) ?? []
        if let latest = existing.compactMap({ TimestampText.parse($0.path.name) }).max(), latest.microseconds >= time.microseconds {
            time = Timestamp(microseconds: latest.microseconds + 1_000_000)
        }
        var operations: [FileOperation] = []
        if input.overwrite { operations.append(.delete(path: .root)) }
        let name = TimestampText.format(time)
        operations.append(.append(path: try FilePath(validating: "/" + name, forWriting: true), data: Data()))
        try await fileSystem.modifyFiles(.branch(BranchID(trustedRepo: repo, name: "master")), FileOperationList(operations))
    }
}
