import TuskKubernetes

/// Everything that shapes the manifests of one Tusk installation on Kubernetes: the values a
/// Helm user sets in `values.yaml`, as Swift values.
///
/// It exists so that `tusk deploy kubernetes` parses flags once into a checked value and the
/// generator (`KubernetesManifests`) stays a pure function of it, testable without a cluster.
public struct KubernetesDeploymentOptions: Sendable, Equatable {
    /// Where the metadata database runs.
    public enum Postgres: Sendable, Equatable {
        /// A PostgreSQL StatefulSet in the same namespace, with its own volume claim.
        case inCluster(InClusterPostgres)
        /// A database the operator runs (RDS, Cloud SQL, ...); the URL is the installation's.
        case external
    }

    /// How the daemon's Service is exposed.
    public enum ServiceType: String, Sendable, Equatable, CaseIterable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
    }

    /// The PostgreSQL StatefulSet rendered when the database runs in the cluster.
    public struct InClusterPostgres: Sendable, Equatable {
        public var image = "postgres:16"
        /// Empty: the cluster's default storage class.
        public var storageClass = ""
        public var size = "10Gi"
        public var user = "tusk"
        public var database = "tusk"
        public var resources = ContainerResources()
        public init() {}
    }

    /// An Ingress in front of the daemon's HTTP port (web console, JSON API, `/healthz`).
    public struct Ingress: Sendable, Equatable {
        public var host: String
        /// `ingressClassName`; empty: the cluster's default class.
        public var className: String
        /// A TLS secret for `host`; empty: plain HTTP.
        public var tlsSecret: String
        public var annotations: [String: String]

        public init(host: String, className: String = "", tlsSecret: String = "", annotations: [String: String] = [:]) {
            self.host = host
            self.className = className
            self.tlsSecret = tlsSecret
            self.annotations = annotations
        }
    }

    /// Credential values written into the generated secret (absent ones are left out).
    public struct Credentials: Sendable, Equatable {
        public var accessKeyID: String?
        public var secretAccessKey: String?
        public var postgresPassword: String?
        public init(accessKeyID: String? = nil, secretAccessKey: String? = nil, postgresPassword: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.postgresPassword = postgresPassword
        }
    }

    public static let grpcPort = 30650
    public static let httpPort = 30080
    public static let postgresPort = 5432
    /// The password of an in-cluster database when none is given, well known like Pachyderm's
    /// chart default so that upgrades keep working; any installation that must be secure sets one.
    public static let insecureDefaultPassword = "insecure-tusk-password"
    /// The bucket URL used when none is given (the chart's default values).
    public static let defaultStorageURL = "s3://tusk?region=us-east-1"

    public var installation: TuskInstallation
    public var postgres: Postgres
    public var credentials: Credentials
    public var serviceType: ServiceType
    public var ingress: Ingress?
    public var workerReplicas: Int
    public var daemonResources: ContainerResources
    public var workerResources: ContainerResources
    public var nodeSelector: [String: String]
    public var tolerations: [ManifestValue]
    /// Whether the ServiceAccount, Role and RoleBinding are rendered.
    public var createRBAC: Bool
    /// Whether the daemon runs with `--kubernetes-workers`: it creates, scales and deletes one
    /// worker Deployment per pipeline itself, in the pipeline's image.
    public var kubernetesWorkers = false

    /// The chart's default values: in-cluster PostgreSQL, bucket `tusk`, one worker, ClusterIP.
    public init(installation: TuskInstallation? = nil, postgres: Postgres = .inCluster(InClusterPostgres()),
                credentials: Credentials = Credentials(), serviceType: ServiceType = .clusterIP, ingress: Ingress? = nil,
                workerReplicas: Int = 1, daemonResources: ContainerResources = ContainerResources(),
                workerResources: ContainerResources = ContainerResources(), nodeSelector: [String: String] = [:],
                tolerations: [ManifestValue] = [], createRBAC: Bool = true) {
        self.installation = installation ?? TuskInstallation(
            metadataURL: Self.inClusterMetadataURL(release: "tusk", postgres: InClusterPostgres()),
            storageURL: Self.defaultStorageURL)
        self.postgres = postgres
        self.credentials = credentials
        self.serviceType = serviceType
        self.ingress = ingress
        self.workerReplicas = workerReplicas
        self.daemonResources = daemonResources
        self.workerResources = workerResources
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.createRBAC = createRBAC
    }

    /// The metadata URL of the in-cluster database: its Service, user and database, no password
    /// (that comes from `PGPASSWORD`), TLS off inside the cluster network.
    public static func inClusterMetadataURL(release: String, postgres: InClusterPostgres) -> String {
        "postgres://\(postgres.user)@\(release)-postgres:\(postgresPort)/\(postgres.database)?sslmode=disable"
    }

    /// Whether the generator writes the credentials Secret itself (some key points at it).
    public var rendersSecret: Bool {
        let generated = installation.generatedSecretName
        return installation.storageSecret == generated || installation.postgresSecret == generated
    }
}
