import Foundation
import TuskCore

/// Everything `tusk serve` needs to start, from flags and environment.
///
/// Parsed separately from running so that bad flags are reported before anything opens files
/// or ports, and so tests can build a daemon from values.
public struct ServerConfiguration: Sendable {
    public var dataDirectory: String
    public var host: String
    public var grpcPort: Int
    public var httpPort: Int
    public var logLevel: String
    /// The metadata database; nil means `<data-dir>/metadata.sqlite`.
    public var metadata: MetadataLocation?
    /// The object store; nil means `<data-dir>/objects`.
    public var storage: ObjectStoreLocation?
    public var s3Credentials = S3CredentialFlags()
    /// Whether datums go to `tusk worker` processes through the metadata database instead of
    /// running inside the daemon.
    public var remoteWorkers = false
    /// How long a remote worker's heartbeat may stand still before its datums go elsewhere.
    public var workerLeaseTimeout: Duration = .seconds(10)
    /// One worker Deployment per pipeline through the Kubernetes API (`--kubernetes-workers`).
    public var kubernetes = KubernetesWorkerFlags()

    public init(dataDirectory: String, host: String = "0.0.0.0", grpcPort: Int = 30650, httpPort: Int = 30080, logLevel: String = "info") {
        self.dataDirectory = dataDirectory
        self.host = host
        self.grpcPort = grpcPort
        self.httpPort = httpPort
        self.logLevel = logLevel
    }

    /// The metadata location in effect.
    public var metadataLocation: MetadataLocation { metadata ?? .sqlite(path: dataDirectory + "/metadata.sqlite") }

    /// The object store location in effect.
    public var storageLocation: ObjectStoreLocation { storage ?? .local(path: dataDirectory + "/objects") }

    static let usage = """
    usage: tusk serve [--data-dir DIR] [--host HOST] [--port N] [--http-port N] [--log-level LEVEL]
                      [--metadata URL] [--storage URL] [--s3-access-key-id K --s3-secret-access-key S]
                      [--s3-session-token T] [--remote-workers] [--worker-lease-timeout DURATION]
                      [--kubernetes-workers [--worker-image IMAGE] ...]

    Runs the Tusk daemon: the Pachyderm-compatible gRPC API (default port 30650) and HTTP
    (health, metrics, console, JSON; default port 30080) over an embedded store in DIR
    (default $TUSK_DATA_DIR or ~/.tusk/data).

    Scaling out:
      --metadata URL       postgres://user:password@host:5432/database (or an SQLite file;
                           default DIR/metadata.sqlite; also $TUSK_METADATA)
      --storage URL        s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1
                           (or a directory; default DIR/objects; also $TUSK_STORAGE). S3
                           credentials: the --s3-* flags, else AWS_ACCESS_KEY_ID and
                           AWS_SECRET_ACCESS_KEY, else ~/.aws/credentials.
      --remote-workers     run datums on `tusk worker` processes sharing the metadata
                           database and the object store, instead of inside the daemon
      --worker-lease-timeout D
                           how long a worker may stay silent before its datums are given to
                           another worker (default 10s)

    \(KubernetesWorkerFlags.usage)
    """

    /// Parses `serve` flags; throws a `TuskError` naming the flag that was wrong.
    public static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        let home = environment["HOME"] ?? "/root"
        var configuration = ServerConfiguration(dataDirectory: environment["TUSK_DATA_DIR"] ?? "\(home)/.tusk/data")
        if let metadata = environment["TUSK_METADATA"], !metadata.isEmpty {
            configuration.metadata = try MetadataLocation.parse(metadata, flag: "TUSK_METADATA")
        }
        if let storage = environment["TUSK_STORAGE"], !storage.isEmpty {
            configuration.storage = try ObjectStoreLocation.parse(storage, flag: "TUSK_STORAGE")
        }
        var reader = FlagReader(arguments, verb: "serve", usage: usage)
        while let flag = reader.next() {
            if try configuration.s3Credentials.read(flag, from: &reader) { continue }
            if try configuration.kubernetes.read(flag, from: &reader) { continue }
            switch flag {
            case "--data-dir", "-d": configuration.dataDirectory = try reader.value(flag)
            case "--host": configuration.host = try reader.value(flag)
            case "--port", "-p": configuration.grpcPort = try reader.port(flag)
            case "--http-port": configuration.httpPort = try reader.port(flag)
            case "--log-level": configuration.logLevel = try reader.value(flag)
            case "--metadata": configuration.metadata = try MetadataLocation.parse(try reader.value(flag), flag: flag)
            case "--storage": configuration.storage = try ObjectStoreLocation.parse(try reader.value(flag), flag: flag)
            case "--remote-workers": configuration.remoteWorkers = true
            case "--worker-lease-timeout": configuration.workerLeaseTimeout = try reader.duration(flag)
            case "-h", "--help": throw reader.help()
            default: throw reader.unknown(flag)
            }
        }
        try configuration.s3Credentials.validate()
        try configuration.kubernetes.validate(metadata: configuration.metadataLocation, storage: configuration.storageLocation)
        if configuration.kubernetes.enabled { configuration.remoteWorkers = true }
        return configuration
    }
}
