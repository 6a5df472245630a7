import Logging
import ServiceLifecycle
import TuskCore
import TuskKubernetes
import TuskMetadata
import TuskPFS
import TuskPPS

/// Keeps one worker Deployment per transform pipeline in the daemon's namespace
/// (`tusk serve --kubernetes-workers`): created when a pipeline appears, replaced when its
/// image, resources or scheduling change, scaled to its parallelism — to zero while it is
/// stopped, or in standby with no datum queued or running — and deleted with the pipeline.
/// Service pipelines are not given workers: they run on the daemon.
///
/// It exists so that the pipeline system never knows about Kubernetes: the pools only read the
/// pipelines and the `datum_tasks` queue, and send what `WorkerDeploymentPlan` decides. Every
/// failure (database, API refusal, network) is logged with the API's status and message and
/// retried on the next round; none stops the daemon. Only Deployments labelled as this
/// daemon's (`ManagedWorkerDeployment.ownerSelector`) are ever changed or deleted.
public final class KubernetesWorkerPools: ServiceLifecycle.Service, Sendable {
    /// What one round did: the calls that succeeded and the errors of those that failed.
    public struct Round: Sendable {
        public var applied: [WorkerDeploymentPlan.Action] = []
        public var failures: [TuskError] = []
    }

    let api: KubernetesAPIClient
    let installation: TuskInstallation
    let pipelines: PipelineSystem
    let database: any SQLDatabase
    let fileSystem: FileSystem?
    let resyncInterval: Duration
    let logger: Logger
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// - Parameter fileSystem: when given, every commit change (pipeline created or updated,
    ///   new input) wakes the loop at once instead of at the next resync.
    public init(api: KubernetesAPIClient, installation: TuskInstallation, pipelines: PipelineSystem, database: any SQLDatabase,
                fileSystem: FileSystem? = nil, resyncInterval: Duration = .seconds(5), logger: Logger = Logger(label: "tusk.kubernetes")) {
        self.api = api
        self.installation = installation
        self.pipelines = pipelines
        self.database = database
        self.fileSystem = fileSystem
        self.resyncInterval = resyncInterval
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a round as soon as the current one (if any) ends.
    public func poke() {
        wake.yield()
    }

    /// Reconciles at start, on every poke and every `resyncInterval`, until shutdown.
    public func run() async throws {
        if let fileSystem { await fileSystem.observeCommitChanges { [wake] in wake.yield() } }
        let interval = resyncInterval
        let wake = self.wake
        await withDiscardingTaskGroup { group in
            // The resync ticker, also the first round.
            group.addTask {
                while !Task.isCancelled {
                    wake.yield()
                    try? await Task.sleep(for: interval)
                }
            }
            await cancelWhenGracefulShutdown {
                for await _ in self.wakeups {
                    if Task.isCancelled { break }
                    _ = await self.reconcile()
                }
            }
            group.cancelAll()
        }
    }

    /// One round: reads the pipelines, the queue and the owned Deployments, then sends the
    /// planned calls one by one. Never throws; what failed is logged and returned.
    @discardableResult
    public func reconcile() async -> Round {
        var round = Round()
        let desired: [ManagedWorkerDeployment]
        let observed: [ObservedDeployment]
        do {
            desired = try await desiredDeployments()
        } catch {
            round.failures.append(report(error, "cannot read the pipelines to reconcile their worker Deployments"))
            return round
        }
        do {
            observed = try await api.listDeployments(labelSelector: ManagedWorkerDeployment.ownerSelector(installation: installation))
        } catch {
            round.failures.append(report(error, "cannot list the pipeline worker Deployments"))
            return round
        }
        for action in WorkerDeploymentPlan.actions(desired: desired, observed: observed) {
            do {
                try await perform(action)
                round.applied.append(action)
            } catch {
                round.failures.append(report(error, "a pipeline worker Deployment could not be updated; retrying next round"))
            }
        }
        return round
    }

    /// The Deployment every transform pipeline should have now.
    func desiredDeployments() async throws -> [ManagedWorkerDeployment] {
        let all = try await pipelines.listPipelines(projects: [])
        let pending = try await DatumTaskQueue.pendingCounts(database)
        return all.filter { $0.kind == .transform }.map { pipeline in
            ManagedWorkerDeployment(PipelineWorkerSpec(pipeline), installation: installation,
                                    replicas: pipeline.workerReplicas(pending: pending[pipeline.id]))
        }
    }

    private func perform(_ action: WorkerDeploymentPlan.Action) async throws {
        switch action {
        case .create(let deployment):
            try await api.createDeployment(deployment.manifest)
            logger.info("created pipeline worker Deployment", metadata: metadata(deployment))
        case .replace(let deployment, let resourceVersion):
            try await api.replaceDeployment(deployment.name, deployment.manifest, resourceVersion: resourceVersion)
            logger.info("replaced pipeline worker Deployment", metadata: metadata(deployment))
        case .scale(let name, let replicas):
            try await api.scaleDeployment(name, replicas: replicas)
            logger.info("scaled pipeline worker Deployment", metadata: ["deployment": .string(name), "replicas": .stringConvertible(replicas)])
        case .delete(let name):
            try await api.deleteDeployment(name)
            logger.info("deleted pipeline worker Deployment", metadata: ["deployment": .string(name)])
        }
    }

    private func metadata(_ deployment: ManagedWorkerDeployment) -> Logger.Metadata {
        ["deployment": .string(deployment.name), "pipeline": .string("\(deployment.project)/\(deployment.pipeline)"),
         "replicas": .stringConvertible(deployment.replicas)]
    }

    private func report(_ error: any Error, _ what: String) -> TuskError {
        let failure = error as? TuskError ?? TuskError(.internal, "\(error)", cause: error)
        logger.error("\(what)", metadata: ["error": .string(failure.message), "code": .string(failure.code.rawValue)])
        return failure
    }
}
