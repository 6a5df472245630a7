import ServiceLifecycle
import TuskPPS

/// Runs the pipeline scheduler as a lifecycle service of the daemon.
struct PipelineSchedulerService: ServiceLifecycle.Service {
    let pipelines: PipelineSystem

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await pipelines.run()
        }
    }
}
