import Testing
import TuskCore
@testable import TuskServer

/// The scale-out flags of `tusk serve` and `tusk worker`: store locations, credentials, remote
/// workers, and the mistakes each refuses by name.
@Suite struct ScaleOutConfigurationTests {
    @Test func serveDefaultsToTheEmbeddedStoresOfTheDataDirectory() throws {
        let configuration = try ServerConfiguration.parse(["--data-dir", "/d"], environment: [:])
        #expect(configuration.metadataLocation == .sqlite(path: "/d/metadata.sqlite"))
        #expect(configuration.storageLocation == .local(path: "/d/objects"))
        #expect(!configuration.remoteWorkers)
    }

    @Test func serveTakesPostgresS3AndRemoteWorkers() throws {
        let configuration = try ServerConfiguration.parse([
            "--metadata", "postgres://tusk:secret@db:5432/tusk", "--storage=s3://bucket/prefix?endpoint=http://minio:9000",
            "--s3-access-key-id", "AK", "--s3-secret-access-key", "SK", "--remote-workers", "--worker-lease-timeout", "1500ms",
        ], environment: [:])
        #expect(configuration.metadataLocation == .postgres(url: "postgres://tusk:secret@db:5432/tusk"))
        #expect(configuration.storageLocation == .s3(url: "s3://bucket/prefix?endpoint=http://minio:9000"))
        #expect(configuration.s3Credentials == S3CredentialFlags(accessKeyID: "AK", secretAccessKey: "SK"))
        #expect(configuration.remoteWorkers)
        #expect(configuration.workerLeaseTimeout == .milliseconds(1500))
        #expect(configuration.metadataLocation.description == "postgres://tusk:***@db:5432/tusk", "logs never show the password")
    }

    @Test func environmentNamesTheStores() throws {
        let configuration = try ServerConfiguration.parse([], environment: [
            "HOME": "/h", "TUSK_METADATA": "postgresql://u@h/db", "TUSK_STORAGE": "file:///srv/objects",
        ])
        #expect(configuration.metadataLocation == .postgres(url: "postgresql://u@h/db"))
        #expect(configuration.storageLocation == .local(path: "/srv/objects"))
    }

    @Test func badLocationsAndHalfCredentialsAreRefusedByName() throws {
        let cases: [([String], String)] = [
            (["--metadata", "mysql://h/db"], "--metadata"),
            (["--storage", "gs://bucket"], "--storage"),
            (["--metadata", "sqlite://relative/path"], "absolute path"),
            (["--s3-access-key-id", "AK"], "--s3-secret-access-key"),
            (["--worker-lease-timeout", "soon"], "--worker-lease-timeout"),
        ]
        for (arguments, expected) in cases {
            do {
                _ = try ServerConfiguration.parse(arguments, environment: [:])
                Issue.record("\(arguments) must be refused")
            } catch let error as TuskError {
                #expect(error.message.contains(expected), "\(arguments): \(error.message)")
            }
        }
    }

    @Test func workerNeedsBothStoresAndParsesItsFlags() throws {
        let worker = try WorkerConfiguration.parse([
            "--metadata", "postgres://u@db/tusk", "--storage", "s3://b", "--pipeline", "video/frames", "--slots", "3", "--id", "gpu-1",
            "--heartbeat-interval", "1s",
        ], environment: [:])
        #expect(worker.metadata == .postgres(url: "postgres://u@db/tusk"))
        #expect(worker.storage == .s3(url: "s3://b"))
        #expect(worker.pipeline == "video/frames")
        #expect(worker.slots == 3)
        #expect(worker.workerID == "gpu-1")
        #expect(worker.heartbeatInterval == .seconds(1))
        let pipeline = try WorkerProcess.parsePipeline("video/frames")
        #expect(pipeline.project.value == "video" && pipeline.name == "frames")
        #expect(try WorkerProcess.parsePipeline("edges").project == .default)
        #expect(throws: TuskError.self) { try WorkerProcess.parsePipeline("a/b/c") }

        for (arguments, expected) in [(["--storage", "/o"], "--metadata"), (["--metadata", "/m.sqlite"], "--storage"),
                                      (["--metadata", "/m", "--storage", "/o", "--slots", "0"], "--slots")] {
            do {
                _ = try WorkerConfiguration.parse(arguments, environment: [:])
                Issue.record("\(arguments) must be refused")
            } catch let error as TuskError {
                #expect(error.message.contains(expected), "\(arguments): \(error.message)")
            }
        }
    }
}
