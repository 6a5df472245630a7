import TuskCore
import TuskPFS

extension PipelineSystem {
    /// Records a job (state created) for every open output commit of the pipeline that has
    /// none yet, so a job is visible as soon as the commit that causes it exists.
    @discardableResult
    func registerPendingJobs(_ pipeline: PipelineInfo) async throws -> [CommitInfo] {
        let branch = BranchID(trustedRepo: pipeline.id.outputRepo, name: pipeline.spec.outputBranch)
        let pending = try await fileSystem.openComputedCommits(branch)
        guard !pending.isEmpty else { return pending }
        let now = clock.now()
        let keys = pending.map { JobKey(pipeline: pipeline.id, id: $0.id) }
        let version = pipeline.version
        try await database.write { transaction in
            for key in keys {
                _ = try await JobStore.insertIfAbsent(transaction, key: key, version: version, now: now)
            }
        }
        return pending
    }

    func registerPendingJobs(projects: [ProjectName], pipeline: PipelineID?) async {
        let pipelines: [PipelineInfo]
        if let pipeline {
            pipelines = (try? await inspectPipeline(pipeline)).map { [$0] } ?? []
        } else {
            pipelines = (try? await listPipelines(projects: projects, withLastJobState: false)) ?? []
        }
        for pipeline in pipelines { _ = try? await registerPendingJobs(pipeline) }
    }
}
