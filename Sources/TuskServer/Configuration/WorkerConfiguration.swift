import Foundation
import TuskCore

/// Everything `tusk worker` needs: the shared metadata database and object store, which
/// pipeline's datums to take, and how many at once.
public struct WorkerConfiguration: Sendable {
    public var metadata: MetadataLocation
    public var storage: ObjectStoreLocation
    public var s3Credentials = S3CredentialFlags()
    /// `project/name` or `name` (default project); nil serves every pipeline.
    public var pipeline: String?
    public var slots = 1
    public var workerID: String
    public var scratchDirectory: String?
    public var heartbeatInterval: Duration = .milliseconds(2500)
    public var logLevel = "info"

    static let usage = """
    usage: tusk worker --metadata URL --storage URL [--pipeline [PROJECT/]NAME] [--slots N]
                       [--id NAME] [--scratch DIR] [--heartbeat-interval DURATION]
                       [--s3-access-key-id K --s3-secret-access-key S] [--log-level LEVEL]

    Runs datums for a `tusk serve --remote-workers` daemon: claims them from the shared
    metadata database (postgres://...; an SQLite file works for workers on the daemon's own
    host), reads inputs from and writes outputs to the shared object store (s3://... or a
    directory), heartbeats while each runs, and records the result. A worker that stops
    heartbeating loses its datums to other workers. --pipeline limits it to one pipeline's
    datums; --slots runs that many datums at once (default 1). $TUSK_METADATA and $TUSK_STORAGE
    stand in for the two flags.
    """

    /// Parses `worker` flags; throws a `TuskError` naming the flag that was wrong or missing.
    public static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkerConfiguration {
        var metadata = try environment["TUSK_METADATA"].flatMap { $0.isEmpty ? nil : try MetadataLocation.parse($0, flag: "TUSK_METADATA") }
        var storage = try environment["TUSK_STORAGE"].flatMap { $0.isEmpty ? nil : try ObjectStoreLocation.parse($0, flag: "TUSK_STORAGE") }
        var credentials = S3CredentialFlags()
        var pipeline: String?
        var slots = 1
        var workerID = "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        var scratch: String?
        var heartbeat: Duration = .milliseconds(2500)
        var logLevel = "info"
        var reader = FlagReader(arguments, verb: "worker", usage: usage)
        while let flag = reader.next() {
            if try credentials.read(flag, from: &reader) { continue }
            switch flag {
            case "--metadata": metadata = try MetadataLocation.parse(try reader.value(flag), flag: flag)
            case "--storage": storage = try ObjectStoreLocation.parse(try reader.value(flag), flag: flag)
            case "--pipeline": pipeline = try reader.value(flag)
            case "--slots": slots = try reader.positiveInteger(flag)
            case "--id": workerID = try reader.value(flag)
            case "--scratch": scratch = try reader.value(flag)
            case "--heartbeat-interval": heartbeat = try reader.duration(flag)
            case "--log-level": logLevel = try reader.value(flag)
            case "-h", "--help": throw reader.help()
            default: throw reader.unknown(flag)
            }
        }
        guard let metadata else {
            throw TuskError.invalid("tusk worker needs --metadata: the daemon's metadata database (postgres://user@host:5432/tusk)\n\n\(usage)", location: "--metadata")
        }
        guard let storage else {
            throw TuskError.invalid("tusk worker needs --storage: the daemon's object store (s3://bucket/prefix?endpoint=...)\n\n\(usage)", location: "--storage")
        }
        try credentials.validate()
        var configuration = WorkerConfiguration(metadata: metadata, storage: storage, workerID: workerID)
        configuration.s3Credentials = credentials
        configuration.pipeline = pipeline
        configuration.slots = slots
        configuration.scratchDirectory = scratch
        configuration.heartbeatInterval = heartbeat
        configuration.logLevel = logLevel
        return configuration
    }
}
