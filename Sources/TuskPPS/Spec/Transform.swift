/// What a pipeline runs for each datum: the `transform` section of a spec.
///
/// In the embedded mode `cmd` runs on the host with `stdin` lines fed to it; `image` is recorded
/// (and used when workers run in containers). `err_cmd` runs after a datum failed all its tries;
/// its success marks the datum recovered.
public struct Transform: Sendable, Hashable {
    public var image: String = PipelineSpec.defaultImage
    public var cmd: [String] = []
    public var errCmd: [String] = []
    public var env: [String: String] = [:]
    public var secrets: [SecretMount] = []
    public var imagePullSecrets: [String] = []
    public var stdin: [String] = []
    public var errStdin: [String] = []
    /// Non-zero exit codes that count as success.
    public var acceptReturnCode: [Int64] = []
    public var debug: Bool = false
    public var user: String = ""
    public var workingDir: String = ""
    public var dockerfile: String = ""
    public var memoryVolume: Bool = false
    public var datumBatching: Bool = false

    public init() {}
}

/// A Kubernetes secret exposed to user code, as an environment variable (`env_var` + `key`) or
/// a mounted directory (`mount_path`). Recorded; the embedded mode has no Kubernetes secrets.
public struct SecretMount: Sendable, Hashable {
    public var name: String = ""
    public var key: String = ""
    public var mountPath: String = ""
    public var envVar: String = ""

    public init() {}
}
