import AsyncHTTPClient
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import TuskAPI
import TuskCore
import TuskHTTP
import TuskMetadata
import TuskPFS
import TuskPPS
import TuskStorage
import TuskWorker

/// The composition root of `tusk serve`: opens the data directory, builds the engine, and runs
/// the gRPC API and the HTTP front end as services of one service group until a signal stops it.
///
/// Drivers are picked by `StoreFactory` from the configuration (embedded default: SQLite
/// metadata and a local object store in the data directory).
public enum Daemon {
    /// gRPC messages up to 20 MiB, as pachd accepts, so the Python SDK's 19 MiB chunks fit.
    static let maximumMessageBytes = 20 * 1024 * 1024

    /// The stores the daemon serves: metadata database, object store, and the file system
    /// built on them.
    public struct Stores: Sendable {
        public let database: any SQLDatabase
        public let objects: any ObjectStore
        /// The object store's directory when it is local (datum inputs are hard-linked from it).
        public let localObjectsRoot: String?
        public let fileSystem: FileSystem
    }

    /// Opens the stores the configuration names (by default `metadata.sqlite` and `objects/`
    /// in the data directory) and migrates the metadata.
    public static func openStores(
        _ configuration: ServerConfiguration, httpClient: HTTPClient, urlFetcher: (any URLFetcher)?, logger: Logger
    ) async throws -> Stores {
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw TuskError(.failedPrecondition, "cannot create the data directory \(configuration.dataDirectory): \(error.localizedDescription)", location: configuration.dataDirectory)
        }
        let database = try await StoreFactory.openDatabase(configuration.metadataLocation, createIfMissing: true)
        do {
            let objects = try await StoreFactory.openObjectStore(
                configuration.storageLocation, credentials: configuration.s3Credentials, createIfMissing: true, httpClient: httpClient)
            let fileSystem = try await FileSystem.open(
                database: database, objects: objects.store, urlFetcher: urlFetcher, logger: logger,
                databaseDescription: "metadata database \(configuration.metadataLocation)")
            return Stores(database: database, objects: objects.store, localObjectsRoot: objects.localRoot, fileSystem: fileSystem)
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// The pipeline system: datums run on this host, each in its own private mount namespace
    /// with scratch space under `<data-dir>/scratch`, or with `--remote-workers` on `tusk worker`
    /// processes that claim them through the metadata database.
    /// Service pipelines always run here: their ports belong to the daemon's host.
    static func pipelineSystem(_ stores: Stores, configuration: ServerConfiguration, httpClient: HTTPClient) -> PipelineSystem {
        let runner = DatumRunner(
            contents: ContentStore(objects: stores.objects), objectsRoot: stores.localObjectsRoot,
            scratchRoot: configuration.dataDirectory + "/scratch", logger: Logger(label: "tusk.worker"))
        let local = EmbeddedDatumExecutor(runner: runner)
        let executor: any DatumExecutor = configuration.remoteWorkers
            ? QueuedDatumExecutor(database: stores.database, leaseTimeout: configuration.workerLeaseTimeout)
            : local
        return PipelineSystem(
            fileSystem: stores.fileSystem, database: stores.database, executor: executor, serviceExecutor: local,
            egressResolver: S3EgressResolver(credentials: configuration.s3Credentials, httpClient: httpClient),
            logger: Logger(label: "tusk.pps"))
    }

    /// Runs the daemon until SIGINT or SIGTERM.
    public static func run(_ configuration: ServerConfiguration) async throws {
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "tusk.serve")

        try await withServerHTTPClient { httpClient in
            try await serve(configuration, httpClient: httpClient, registry: registry, logger: logger)
        }
    }

    static func serve(_ configuration: ServerConfiguration, httpClient: HTTPClient, registry: PrometheusCollectorRegistry, logger: Logger) async throws {
        let stores = try await openStores(
            configuration, httpClient: httpClient, urlFetcher: HTTPURLFetcher(client: httpClient), logger: Logger(label: "tusk.pfs"))
        let fileSystem = stores.fileSystem
        let pipelines = pipelineSystem(stores, configuration: configuration, httpClient: httpClient)

        var transportConfig = HTTP2ServerTransport.Posix.Config.defaults
        transportConfig.rpc.maxRequestPayloadSize = maximumMessageBytes
        transportConfig.http2.targetWindowSize = 16 * 1024 * 1024
        transportConfig.http2.maxFrameSize = 1 << 20
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: configuration.host, port: configuration.grpcPort),
            transportSecurity: .plaintext, config: transportConfig)
        let grpcServer = GRPCServer(transport: transport, services: APIServices.all(fileSystem: fileSystem, pipelines: pipelines, logger: Logger(label: "tusk.api")))
        let http = HTTPApplication.make(
            fileSystem: fileSystem, pipelines: pipelines, metrics: { registry.emitToBuffer() }, host: configuration.host, port: configuration.httpPort,
            logger: Logger(label: "tusk.http"))

        logger.info("tusk serve starting", metadata: [
            "data_dir": .string(configuration.dataDirectory), "metadata": .stringConvertible(configuration.metadataLocation),
            "storage": .stringConvertible(configuration.storageLocation), "datums": .string(configuration.remoteWorkers ? "remote workers" : "in-process"),
            "grpc_port": .stringConvertible(configuration.grpcPort),
            "http_port": .stringConvertible(configuration.httpPort),
        ])
        var services: [any ServiceLifecycle.Service] = [GRPCServerService(server: grpcServer), http, PipelineSchedulerService(pipelines: pipelines)]
        if configuration.kubernetes.enabled {
            services.append(try kubernetesWorkerPools(configuration, stores: stores, pipelines: pipelines, httpClient: httpClient, logger: logger))
        }
        let group = ServiceGroup(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        try await group.run()
        logger.info("tusk serve stopped")
    }
}
