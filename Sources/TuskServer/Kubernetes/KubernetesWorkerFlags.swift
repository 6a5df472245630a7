import Foundation
import TuskCore
import TuskKubernetes

/// The `--kubernetes-*` and `--worker-*` flags of `tusk serve`: whether the daemon creates one
/// worker Deployment per pipeline itself, how it reaches the Kubernetes API, and what the
/// worker pods it creates look like (image to copy `tusk` from, secrets with credentials).
///
/// It exists apart from `ServerConfiguration` so that the Kubernetes settings are read,
/// defaulted and checked in one place; everything unset is taken from the pod the daemon runs
/// in (service account token, CA and namespace files, `KUBERNETES_SERVICE_HOST`, `TUSK_IMAGE`).
public struct KubernetesWorkerFlags: Sendable, Equatable {
    public var enabled = false
    /// `https://host:port`; nil: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`.
    public var apiURL: String?
    public var tokenFile: String?
    public var caFile: String?
    public var namespace: String?
    /// The release name: prefix of the Deployments and name of the pods' service account.
    public var release = "tusk"
    /// The Tusk image the init container copies `tusk` from; nil: `$TUSK_IMAGE`.
    public var workerImage: String?
    public var workerImagePullPolicy = "IfNotPresent"
    public var workerBinaryPath = "/usr/local/bin/tusk"
    /// The secret with `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`; nil: `<release>-credentials`.
    public var storageSecret: String?
    /// The secret and key holding the PostgreSQL password; nil: `<release>-credentials`, `PGPASSWORD`.
    public var postgresSecret: String?
    public var postgresSecretKey = "PGPASSWORD"
    public var imagePullSecrets: [String] = []
    /// How often the Deployments are reconciled when nothing wakes the loop earlier.
    public var resyncInterval: Duration = .seconds(5)

    public init() {}

    static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    static let usage = """
    Pipeline workers on Kubernetes (implies --remote-workers):
      --kubernetes-workers keep one worker Deployment per pipeline (the pipeline's image with
                           `tusk` copied in) through the Kubernetes API, scaled to its
                           parallelism, to zero when stopped or in standby with nothing queued
      --kubernetes-api URL, --kubernetes-token-file F, --kubernetes-ca-file F,
      --kubernetes-namespace NS
                           the API server and credentials (default: the pod's service account)
      --kubernetes-release NAME
                           Deployment name prefix and service account of worker pods (tusk)
      --kubernetes-resync D
                           how often Deployments are reconciled (default 5s)
      --worker-image IMAGE the Tusk image `tusk` is copied from (default $TUSK_IMAGE)
      --worker-image-pull-policy P, --worker-binary-path PATH, --worker-image-pull-secret S
      --worker-storage-secret S, --worker-postgres-secret S, --worker-postgres-secret-key K
                           secrets the worker pods read credentials from
                           (default NAME-credentials, key PGPASSWORD)
    """

    /// Reads one of these flags; false when `flag` is not one of them.
    mutating func read(_ flag: String, from reader: inout FlagReader) throws -> Bool {
        switch flag {
        case "--kubernetes-workers": enabled = true
        case "--kubernetes-api": apiURL = try reader.value(flag)
        case "--kubernetes-token-file": tokenFile = try reader.value(flag)
        case "--kubernetes-ca-file": caFile = try reader.value(flag)
        case "--kubernetes-namespace": namespace = try reader.value(flag)
        case "--kubernetes-release": release = try reader.value(flag)
        case "--kubernetes-resync": resyncInterval = try reader.duration(flag)
        case "--worker-image": workerImage = try reader.value(flag)
        case "--worker-image-pull-policy": workerImagePullPolicy = try reader.value(flag)
        case "--worker-binary-path": workerBinaryPath = try reader.value(flag)
        case "--worker-storage-secret": storageSecret = try reader.value(flag)
        case "--worker-postgres-secret": postgresSecret = try reader.value(flag)
        case "--worker-postgres-secret-key": postgresSecretKey = try reader.value(flag)
        case "--worker-image-pull-secret": imagePullSecrets.append(try reader.value(flag))
        default: return false
        }
        return true
    }

    /// Checks the flags that can be checked before anything is opened.
    func validate(metadata: MetadataLocation, storage: ObjectStoreLocation) throws {
        guard enabled else { return }
        guard case .postgres = metadata else {
            throw TuskError.invalid("--kubernetes-workers needs --metadata postgres://...: worker pods on other nodes cannot open the daemon's SQLite file", location: "--metadata")
        }
        guard case .s3 = storage else {
            throw TuskError.invalid("--kubernetes-workers needs --storage s3://...: worker pods on other nodes cannot read the daemon's directory", location: "--storage")
        }
        guard ["Always", "IfNotPresent", "Never"].contains(workerImagePullPolicy) else {
            throw TuskError.invalid("--worker-image-pull-policy \"\(workerImagePullPolicy)\" is not one of Always, IfNotPresent, Never", location: "--worker-image-pull-policy")
        }
        try KubernetesNames.validate(release, as: "--kubernetes-release")
        for secret in [storageSecret, postgresSecret].compactMap({ $0 }) + imagePullSecrets {
            try KubernetesNames.validate(secret, as: "worker secret")
        }
        if let apiURL, URLComponents(string: apiURL)?.host == nil {
            throw TuskError.invalid("--kubernetes-api \"\(apiURL)\" is not a URL such as https://10.0.0.1:443", location: "--kubernetes-api")
        }
    }
}
