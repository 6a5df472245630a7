import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import TuskCore
import TuskMetadata
import TuskPPS
import TuskStorage
import TuskWorker

/// The composition root of `tusk worker`: opens the shared metadata database and object store,
/// and runs PPS's `DatumTaskWorker` loop around the same local executor the embedded daemon uses
/// (private `/pfs` namespace per datum), until SIGINT or SIGTERM.
public enum WorkerProcess {
    public static func run(_ configuration: WorkerConfiguration) async throws {
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
        let logger = Logger(label: "tusk.worker")
        let pipeline = try configuration.pipeline.map(parsePipeline)
        try await withServerHTTPClient { httpClient in
            try await serve(configuration, pipeline: pipeline, httpClient: httpClient, logger: logger)
        }
    }

    /// `project/name` or `name` in the default project.
    static func parsePipeline(_ text: String) throws -> PipelineID {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return try PipelineID(name: parts[0])
        case 2: return try PipelineID(project: try ProjectName(parts[0]), name: parts[1])
        default: throw TuskError.invalid("--pipeline \(text) is not a pipeline name (NAME or PROJECT/NAME)", location: "--pipeline")
        }
    }

    static func serve(_ configuration: WorkerConfiguration, pipeline: PipelineID?, httpClient: HTTPClient, logger: Logger) async throws {
        let database = try await StoreFactory.openDatabase(configuration.metadata, createIfMissing: false)
        do {
            // The daemon migrates; a worker of the same version checks (and, first to arrive,
            // applies) the same schema, and refuses a newer one.
            _ = try await Migrator.migrate(database, TuskSchema.migrations, databaseDescription: "metadata database \(configuration.metadata)")
            let objects = try await StoreFactory.openObjectStore(
                configuration.storage, credentials: configuration.s3Credentials, createIfMissing: false, httpClient: httpClient)
            let scratch = configuration.scratchDirectory ?? NSTemporaryDirectory() + "tusk-worker-\(configuration.workerID)"
            let runner = DatumRunner(
                contents: ContentStore(objects: objects.store), objectsRoot: objects.localRoot, scratchRoot: scratch, logger: logger)
            let store = objects.store
            let worker = DatumTaskWorker(
                database: database, executor: EmbeddedDatumExecutor(runner: runner), workerID: configuration.workerID,
                pipeline: pipeline, slots: configuration.slots, heartbeatInterval: configuration.heartbeatInterval,
                makeDurable: { try await store.sync() }, logger: logger)
            logger.info("tusk worker starting", metadata: [
                "id": .string(configuration.workerID), "metadata": .stringConvertible(configuration.metadata),
                "storage": .stringConvertible(configuration.storage), "scratch": .string(scratch),
            ])
            let group = ServiceGroup(services: [WorkerService(worker: worker)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            logger.info("tusk worker stopped")
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}

/// Runs the worker loop as a lifecycle service, so SIGTERM ends it cleanly (running datums are
/// cancelled and their tasks go back to the queue when their leases lapse).
struct WorkerService: ServiceLifecycle.Service {
    let worker: DatumTaskWorker

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await worker.run()
        }
    }
}
