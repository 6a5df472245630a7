import AsyncHTTPClient
import Foundation
import Logging
import TuskPPS

extension Daemon {
    /// The `--kubernetes-workers` service: its API endpoint and worker installation resolved
    /// from the flags and the pod's service account.
    static func kubernetesWorkerPools(
        _ configuration: ServerConfiguration, stores: Stores, pipelines: PipelineSystem, httpClient: HTTPClient, logger: Logger
    ) throws -> KubernetesWorkerPools {
        let environment = ProcessInfo.processInfo.environment
        let flags = configuration.kubernetes
        let endpoint = try flags.endpoint(environment: environment)
        let installation = try flags.installation(
            namespace: endpoint.namespace, metadata: configuration.metadataLocation, storage: configuration.storageLocation, environment: environment)
        if KubernetesWorkerFlags.hasPassword(configuration.metadataLocation) {
            logger.warning("the --metadata URL holds a password, which is left out of worker pods; they read PGPASSWORD from the secret", metadata: [
                "secret": .string(installation.postgresSecret)])
        }
        logger.info("pipeline workers run as Kubernetes Deployments", metadata: [
            "api": .string(endpoint.apiURL), "namespace": .string(endpoint.namespace), "worker_image": .string(installation.image)])
        return KubernetesWorkerPools(
            api: KubernetesAPIClient(httpClient: httpClient, endpoint: endpoint), installation: installation, pipelines: pipelines,
            database: stores.database, fileSystem: stores.fileSystem, resyncInterval: flags.resyncInterval, logger: Logger(label: "tusk.kubernetes"))
    }
}
