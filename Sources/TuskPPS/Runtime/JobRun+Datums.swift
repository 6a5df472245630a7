import Foundation
import TuskCore
import TuskMetadata
import TuskPFS
import TuskStorage

/// Two datums of one job wrote the same output path, which fails the job as in Pachyderm 2.x
/// (1.x concatenated such files; 2.x refuses them, naming both datums).
struct OutputCollision: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension JobRun {
    /// Reads the inputs, plans datums, compares them with the last successful job, and records
    /// the skipped ones; returns the `.datumsPlanned` event.
    func plan() async throws -> JobEvent {
        let fileSystem = system.fileSystem
        inputs = try await JobInputs.gather(pipeline.spec, pipeline: key.pipeline, outputCommit: outputCommit, fileSystem: fileSystem)
        guard let input = pipeline.spec.input else { throw TuskError.invalid("pipeline \(key.pipeline.name) has no input") }
        let planned = try DatumPlanner.plan(input: input, matches: inputs.matches, salt: pipeline.salt)
        for datum in planned where datums[datum.id] == nil {
            datums[datum.id] = datum
            positions[datum.id] = Int64(order.count)
            order.append(datum.id)
        }
        let key = self.key
        let previous: [DatumRow] = try await system.database.read { transaction in
            let jobs = try await JobStore.jobs(transaction, pipeline: key.pipeline, projects: [])
            guard let last = jobs.first(where: { $0.key.id != key.id && $0.state == .success }) else { return [] }
            return try await DatumStore.datums(transaction, job: last.key)
        }
        let records = previous.map { DatumRecord(id: $0.id, hash: $0.hash, succeeded: $0.state == .success || $0.state == .skipped) }
        let diff = DatumDiff.compare(previous: records, current: planned, reprocessSpec: pipeline.spec.reprocessPolicy ?? .untilSuccess)
        let previousByID = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for record in diff.removed + diff.superseded {
            for path in previousByID[record.id]?.outputs ?? [] { staleOutputs.insert(path) }
        }
        let now = system.clock.now()
        for datum in diff.toSkip {
            let earlier = previousByID[datum.id]
            for path in earlier?.outputs ?? [] { keptOwners[path] = datum.id }
            skippedRows[datum.id] = DatumRow(
                job: key, id: datum.id, hash: datum.hash, state: .skipped, attempts: 0, exitCode: nil, reason: "",
                stderrTail: "", inputs: inputs.records(datum), outputs: earlier?.outputs ?? [], stats: ProcessStatistics(),
                startedAt: now, finishedAt: now)
        }
        let rows = Array(skippedRows.values) + diff.toProcess.map { datum in
            DatumRow(job: key, id: datum.id, hash: datum.hash, state: .starting, attempts: 0, exitCode: nil, reason: "", stderrTail: "",
                     inputs: inputs.records(datum), outputs: [], stats: ProcessStatistics(), startedAt: nil, finishedAt: nil)
        }
        let positions = self.positions
        try await system.database.write { transaction in
            try await transaction.execute("DELETE FROM datums WHERE project = ? AND pipeline = ? AND job_id = ?",
                                          [.text(key.pipeline.project.value), .text(key.pipeline.name), .text(key.id.value)])
            try await DatumStore.insertAll(transaction, rows.map { ($0, positions[$0.id] ?? 0) })
        }
        system.log(key.pipeline, job: key.id.value,
                   message: "planned \(planned.count) datums: \(diff.toProcess.count) to process, \(diff.toSkip.count) skipped")
        return .datumsPlanned(toProcess: diff.toProcess.map(\.id), toSkip: diff.toSkip.map(\.id))
    }

    func workUnit(_ datum: Datum, attempt: Int) -> DatumWorkUnit {
        let transform = pipeline.spec.transform ?? Transform()
        return DatumWorkUnit(
            jobID: key.id.value, datumID: datum.id, pipeline: key.pipeline.name, project: key.pipeline.project.value,
            outputCommitID: key.id.value, inputs: inputs.workInputs(datum),
            transform: TransformSpec(
                cmd: transform.cmd, stdin: transform.stdin, env: transform.env,
                workingDirectory: transform.workingDir.isEmpty ? nil : transform.workingDir,
                user: transform.user.isEmpty ? nil : transform.user, acceptReturnCodes: transform.acceptReturnCode.map { Int($0) },
                errorCommand: transform.errCmd, errorStdin: transform.errStdin),
            timeout: pipeline.spec.datumTimeout.flatMap { $0 > .zero ? $0 : nil }, attempt: attempt)
    }

    nonisolated func userLogger(_ datum: Datum) -> @Sendable (DatumLogLine) -> Void {
        let system = self.system
        let key = self.key
        let data = datum.inputs.flatMap { input in
            input.files.map { DatumInputRecord(name: input.name, repo: input.repo, branch: input.branch, commit: "", path: $0.path, isDirectory: false, hash: $0.hash.hex) }
        }
        return { line in
            system.log(key.pipeline, job: key.id.value, datum: datum.id, user: true, message: line.text, data: data)
        }
    }

    /// Starts one attempt of a datum in the job's task group.
    func launch(_ id: String, attempt: Int, group: inout TaskGroup<JobEvent?>) {
        guard let datum = datums[id] else { return }
        let unit = workUnit(datum, attempt: attempt)
        let executor = system.executor
        let logger = userLogger(datum)
        let started = system.clock.now()
        group.addTask { [self] in
            let execution: DatumExecution
            do {
                execution = try await executor.run(unit, log: logger)
            } catch {
                execution = DatumExecution(outcome: .failed(reason: "\(error)"), exitCode: nil, stderrTail: "", outputs: [], stats: DatumStats())
            }
            if Task.isCancelled { return nil }
            return await self.finished(datum, attempt: attempt, execution: execution, started: started)
        }
    }

    /// Records a finished attempt and returns the event for the state machine.
    func finished(_ datum: Datum, attempt: Int, execution: DatumExecution, started: Timestamp) async -> JobEvent {
        var datumStats = ProcessStatistics()
        datumStats.downloadSeconds = execution.stats.downloadSeconds
        datumStats.processSeconds = execution.stats.processSeconds
        datumStats.uploadSeconds = execution.stats.uploadSeconds
        datumStats.downloadBytes = execution.stats.downloadBytes
        datumStats.uploadBytes = execution.stats.uploadBytes
        stats.add(datumStats)
        let reason: String
        switch execution.outcome {
        case .succeeded: reason = ""
        case .failed(let text): reason = text
        case .timedOut(let after): reason = "timed out after \(after)"
        case .killed(let signal): reason = "killed by signal \(signal)"
        }
        let succeeded = execution.outcome.isSuccess
        if succeeded { outputs[datum.id] = execution.outputs }
        let row = DatumRow(
            job: key, id: datum.id, hash: datum.hash, state: succeeded ? .success : .failed, attempts: attempt,
            exitCode: execution.exitCode, reason: reason, stderrTail: execution.stderrTail, inputs: inputs.records(datum),
            outputs: succeeded ? execution.outputs.map(\.path.string) : [], stats: datumStats, startedAt: started,
            finishedAt: system.clock.now())
        if !succeeded {
            system.log(key.pipeline, job: key.id.value, datum: datum.id, message: "datum \(datum.id) attempt \(attempt) failed: \(reason)")
        }
        persist(row, sequence: positions[datum.id] ?? Int64(order.count))
        return succeeded ? .datumSucceeded(id: datum.id) : .datumFailed(id: datum.id, attempt: attempt, error: "datum \(datum.id) failed: \(reason)")
    }

    /// Writes the datums' outputs into the output commit: removes outputs of datums that are
    /// gone or reprocessed, then adds each new output, refusing two datums writing one path.
    func applyOutputs() async throws {
        if outputsApplied { return }
        var owners = keptOwners
        var operations: [FileOperation] = []
        for path in staleOutputs.sorted() where owners[path] == nil {
            operations.append(.delete(path: try FilePath(validating: path)))
        }
        for id in order {
            for output in outputs[id] ?? [] {
                if let owner = owners[output.path.string], owner != id {
                    throw OutputCollision(message: "duplicate path output by different datums (\(output.path) from \(owner) and \(output.path) from \(id)); each output path must come from one datum")
                }
                owners[output.path.string] = id
                operations.append(.delete(path: output.path))
                operations.append(.appendStored(path: output.path, content: output.content))
            }
        }
        if !operations.isEmpty {
            try await system.fileSystem.modifyFiles(.commit(.commit(outputCommit.key)), FileOperationList(operations))
        }
        outputsApplied = true
    }

    /// Copies the output commit to `egress` (a `file://` directory).
    func egress() async throws {
        guard let url = pipeline.spec.egress?.destination, !url.isEmpty else { return }
        let destination: any EgressDestination
        if url.hasPrefix("file://") {
            destination = DirectoryEgress(root: String(url.dropFirst("file://".count)))
        } else if let resolved = try await system.egressResolver?.destination(for: url) {
            destination = resolved
        } else {
            throw TuskError(.unimplemented, "egress to \(url) is not supported; use a file:// or s3:// URL")
        }
        let fileSystem = system.fileSystem
        let collector = FileCollector()
        try await fileSystem.walkFiles(.commit(outputCommit.key), path: .root) { info in
            if !info.isDirectory { await collector.add(info) }
            return true
        }
        for info in await collector.items {
            try await destination.write(path: info.path.string, size: info.sizeBytes, content: fileSystem.readContent(info))
        }
    }
}
