/// `parallelism_spec`: how many workers (locally: datums at once) a pipeline uses.
public struct ParallelismSpec: Sendable, Hashable {
    public var constant: UInt64 = 0
    public init(constant: UInt64 = 0) { self.constant = constant }
}

/// `egress`: where the output commit is copied after a job's datums succeed.
public struct Egress: Sendable, Hashable {
    /// The 1.x/2.x `URL` key (`file:///dir`, `s3://bucket/prefix`).
    public var url: String = ""
    public var objectStorage: ObjectStorageEgress?
    public var sqlDatabase: SQLDatabaseEgress?
    public init() {}

    /// The destination URL from whichever form the spec used.
    public var destination: String {
        if !url.isEmpty { return url }
        if let objectStorage { return objectStorage.url }
        return sqlDatabase?.url ?? ""
    }
}

/// `egress.object_storage`.
public struct ObjectStorageEgress: Sendable, Hashable {
    public var url: String = ""
    public init() {}
}

/// `egress.sql_database` (recorded).
public struct SQLDatabaseEgress: Sendable, Hashable {
    public var url: String = ""
    /// `CSV`, `JSON` or `PARQUET`.
    public var fileFormatType: String = ""
    public var fileFormatColumns: [String] = []
    public var secretName: String = ""
    public var secretKey: String = ""
    public init() {}
}

/// `resource_requests` and friends (recorded; the embedded mode does not limit resources).
public struct ResourceSpec: Sendable, Hashable {
    public var cpu: Double = 0
    public var memory: String = ""
    public var gpu: GPUSpec?
    public var disk: String = ""
    public init() {}
}

/// `resource_*.gpu`.
public struct GPUSpec: Sendable, Hashable {
    public var type: String = ""
    public var number: Int64 = 0
    public init() {}
}

/// `service`: a long-running pipeline exposing `internal_port` (as `external_port` on the host).
public struct Service: Sendable, Hashable {
    public var internalPort: Int32 = 0
    public var externalPort: Int32 = 0
    public var ip: String = ""
    public var type: String = ""
    public init() {}
}

/// `spout`: a pipeline without input whose code writes commits itself.
public struct Spout: Sendable, Hashable {
    public var service: Service?
    public init() {}
}

/// `metadata`: annotations and labels (recorded).
public struct SpecMetadata: Sendable, Hashable {
    public var annotations: [String: String] = [:]
    public var labels: [String: String] = [:]
    public init() {}
}

/// `datum_set_spec`: how datums are batched into sets for workers.
public struct DatumSetSpec: Sendable, Hashable {
    public var number: Int64 = 0
    public var sizeBytes: Int64 = 0
    public var perWorker: Int64 = 0
    public init() {}
}

/// `scheduling_spec` (recorded).
public struct SchedulingSpec: Sendable, Hashable {
    public var nodeSelector: [String: String] = [:]
    public var priorityClassName: String = ""
    public init() {}
}

/// One of `tolerations` (recorded). `operator` and `effect` hold the enum names
/// (`EXISTS`, `EQUAL`; `NO_SCHEDULE`, ...).
public struct Toleration: Sendable, Hashable {
    public var key: String = ""
    public var `operator`: String = ""
    public var value: String = ""
    public var effect: String = ""
    public var tolerationSeconds: Int64?
    public init() {}

    static let operators = ["EMPTY", "EXISTS", "EQUAL"]
    static let effects = ["ALL_EFFECTS", "NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE"]
}

/// `determined` (recorded).
public struct Determined: Sendable, Hashable {
    public var workspaces: [String] = []
    public init() {}
}

/// `tf_job` (unsupported in 2.x; recorded so validation can refuse it by name).
public struct TFJob: Sendable, Hashable {
    public var tfJob: String = ""
    public init() {}
}
