import Foundation
import TuskCore
import TuskPFS

/// Keeps a `service` pipeline's command running over its current inputs.
///
/// A service has no datums to finish: each new input commit finishes the (empty) output commit
/// at once, records a successful job, and restarts the command with `/pfs` holding the new
/// data. The command shares the host's network, so the port it listens on is reachable on the
/// host (the embedded mode's equivalent of the service's node port).
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
        try await system.finishJob(key, state: .success, reason: "", counters: counters)
        guard let datum = datums.first else {
            system.log(pipeline.id, job: key.id.value, message: "service has no input data yet; not started")
            return Task {}
        }
        let transform = pipeline.spec.transform ?? Transform()
        let unit = DatumWorkUnit(
            jobID: key.id.value, datumID: datum.id, pipeline: pipeline.id.name, project: pipeline.id.project.value,
            outputCommitID: key.id.value, inputs: inputs.workInputs(datum),
            transform: TransformSpec(cmd: transform.cmd, stdin: transform.stdin, env: transform.env,
                                     workingDirectory: transform.workingDir.isEmpty ? nil : transform.workingDir,
                                     user: transform.user.isEmpty ? nil : transform.user))
        let executor = system.executor
        let pipelineID = pipeline.id
        system.log(pipelineID, job: key.id.value, message: "starting service over commit \(outputCommit.id)")
        return Task {
            let logger: @Sendable (DatumLogLine) -> Void = { line in
                system.log(pipelineID, job: key.id.value, datum: datum.id, user: true, message: line.text)
            }
            do {
                let result = try await executor.run(unit, log: logger)
                system.log(pipelineID, job: key.id.value, message: "service exited: \(result.outcome)")
            } catch {
                system.log(pipelineID, job: key.id.value, message: "service stopped: \(error)")
            }
        }
    }
}
