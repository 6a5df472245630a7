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
/// Drivers are picked here and only here (embedded: SQLite metadata and a local object store).
public enum Daemon {
    /// gRPC messages up to 20 MiB, as pachd accepts, so the Python SDK's 19 MiB chunks fit.
    static let maximumMessageBytes = 20 * 1024 * 1024

    /// The embedded stores of one data directory: `metadata.sqlite` and `objects/`.
    public struct EmbeddedStores: Sendable {
        public let database: SQLiteDatabase
        public let objects: LocalObjectStore
        public let fileSystem: FileSystem
    }

    /// Opens the embedded store in `dataDirectory`: `metadata.sqlite` and `objects/`.
    public static func openStores(dataDirectory: String, urlFetcher: (any URLFetcher)?, logger: Logger) async throws -> EmbeddedStores {
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw TuskError(.failedPrecondition, "cannot create the data directory \(dataDirectory): \(error.localizedDescription)", location: dataDirectory)
        }
        let databasePath = dataDirectory + "/metadata.sqlite"
        let database = try await SQLiteDatabase.open(path: databasePath)
        let objects = try LocalObjectStore(rootPath: dataDirectory + "/objects")
        let fileSystem = try await FileSystem.open(
            database: database, objects: objects, urlFetcher: urlFetcher, logger: logger,
            databaseDescription: "metadata database \(databasePath)")
        return EmbeddedStores(database: database, objects: objects, fileSystem: fileSystem)
    }

    /// The pipeline system of the embedded mode: datums run on this host, each in its own
    /// private mount namespace, with scratch space under `<data-dir>/scratch`.
    static func embeddedPipelines(_ stores: EmbeddedStores, dataDirectory: String) -> PipelineSystem {
        let runner = DatumRunner(
            contents: ContentStore(objects: stores.objects), objectsRoot: stores.objects.rootPath,
            scratchRoot: dataDirectory + "/scratch", logger: Logger(label: "tusk.worker"))
        return PipelineSystem(
            fileSystem: stores.fileSystem, database: stores.database, executor: EmbeddedDatumExecutor(runner: runner),
            logger: Logger(label: "tusk.pps"))
    }

    /// Runs the daemon until SIGINT or SIGTERM.
    public static func run(_ configuration: ServerConfiguration) async throws {
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "tusk.serve")

        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await serve(configuration, httpClient: httpClient, registry: registry, logger: logger)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    static func serve(_ configuration: ServerConfiguration, httpClient: HTTPClient, registry: PrometheusCollectorRegistry, logger: Logger) async throws {
        let stores = try await openStores(
            dataDirectory: configuration.dataDirectory, urlFetcher: HTTPURLFetcher(client: httpClient), logger: Logger(label: "tusk.pfs"))
        let fileSystem = stores.fileSystem
        let pipelines = embeddedPipelines(stores, dataDirectory: configuration.dataDirectory)

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
            "data_dir": .string(configuration.dataDirectory), "grpc_port": .stringConvertible(configuration.grpcPort),
            "http_port": .stringConvertible(configuration.httpPort),
        ])
        let group = ServiceGroup(
            services: [GRPCServerService(server: grpcServer), http, PipelineSchedulerService(pipelines: pipelines)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        try await group.run()
        logger.info("tusk serve stopped")
    }
}
