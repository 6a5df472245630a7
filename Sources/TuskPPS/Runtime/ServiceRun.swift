import Foundation
import TuskCore
import TuskPFS

/// Keeps a `service` pipeline's command running over its current inputs.
///
/// A service has no datums to finish: each new input commit finishes the (empty) output commit
/// at once (so waits on the commit set never hang) and restarts the command with `/pfs` holding
/// the new data. Its job stays running while the command serves, as in Pachyderm, and succeeds
/// when a newer job replaces it or the pipeline stops (it fails if the command dies by itself).
/// The command shares the host's network: it listens on `internal_port`, and while it runs
/// `external_port` on the host relays to it (the embedded mode's node port).
enum ServiceRun {
    /// Starts the service over the inputs of `outputCommit`; returns the task running it.
    static func start(system: PipelineSystem, pipeline: PipelineInfo, outputCommit: CommitInfo) async throws -> Task<Void, Never> {
        let key = JobKey(pipeline: pipeline.id, id: outputCommit.id)
        let inputs = try await JobInputs.gather(pipeline.spec, pipeline: pipeline.id, outputCommit: outputCommit, fileSystem: system.fileSystem)
        guard let input = pipeline.spec.input else { throw TuskError.invalid("service pipeline \(pipeline.id.name) has no input") }
        let datums = try DatumPlanner.plan(input: input, matches: inputs.matches, salt: pipeline.salt)
        try await system.fileSystem.finishCommit(.commit(outputCommit.key), force: true)
        var counters = JobCounters()
        counters.total = datums.count
        counters.processed = datums.count
        guard let datum = datums.first else {
            try await system.finishJob(key, state: .success, reason: "", counters: counters)
            system.log(pipeline.id, job: key.id.value, message: "service has no input data yet; not started")
            return Task {}
        }
        try await system.markJobRunning(key, counters: counters)
        let transform = pipeline.spec.transform ?? Transform()
        let unit = DatumWorkUnit(
            jobID: key.id.value, datumID: datum.id, pipeline: pipeline.id.name, project: pipeline.id.project.value,
            outputCommitID: key.id.value, inputs: inputs.workInputs(datum),
            transform: TransformSpec(cmd: transform.cmd, stdin: transform.stdin, env: transform.env,
                                     workingDirectory: transform.workingDir.isEmpty ? nil : transform.workingDir,
                                     user: transform.user.isEmpty ? nil : transform.user))
        let executor = system.serviceExecutor
        let pipelineID = pipeline.id
        let ports = pipeline.spec.service.map { (internal: Int($0.internalPort), external: Int($0.externalPort)) }
        system.log(pipelineID, job: key.id.value, message: "starting service over commit \(outputCommit.id)")
        return Task {
            let logger: @Sendable (DatumLogLine) -> Void = { line in
                system.log(pipelineID, job: key.id.value, datum: datum.id, user: true, message: line.text)
            }
            var forwarder: ServicePortForwarder?
            if let ports, ports.external > 0, ports.external != ports.internal {
                do {
                    forwarder = try await ServicePortForwarder.start(externalPort: ports.external, internalPort: ports.internal)
                    system.log(pipelineID, job: key.id.value, message: "port \(ports.external) on this host relays to the service's port \(ports.internal)")
                } catch {
                    system.log(pipelineID, job: key.id.value, message: "cannot publish external_port \(ports.external): \(error); the service is reachable on its internal_port \(ports.internal)")
                }
            }
            var failure: String?
            do {
                let result = try await executor.run(unit, log: logger)
                system.log(pipelineID, job: key.id.value, message: "service exited: \(result.outcome)")
                if !Task.isCancelled { failure = "the service command ended: \(result.outcome)" }
            } catch {
                system.log(pipelineID, job: key.id.value, message: "service stopped: \(error)")
            }
            await forwarder?.stop()
            let reason = failure
            // Record the end outside this task's cancellation.
            await Task { try? await system.finishJob(key, state: reason == nil ? .success : .failure, reason: reason ?? "", counters: nil) }.value
        }
    }
}
