/// The facts about one installed Tusk that every pod it runs needs: where the image and the
/// `tusk` binary inside it are, which databases and buckets to use, and which secrets hold the
/// credentials.
///
/// It exists apart from the deployment options so that the daemon can one day build pipeline
/// worker pods (`PipelineWorkerManifest`) from the same facts it was itself deployed with.
public struct TuskInstallation: Sendable, Equatable {
    /// The release name: the prefix of every object (`tusk`, `tusk-worker`, `tusk-postgres`).
    public var name: String
    public var namespace: String
    /// The Tusk image (`repository:tag`), used by the daemon, the workers and the init container
    /// that hands the binary to pipeline pods.
    public var image: String
    public var imagePullPolicy: String
    /// Where the `tusk` executable is inside `image` (copied into pipeline pods).
    public var binaryPath: String
    /// `postgres://user@host:port/database?sslmode=...` (the password comes from `PGPASSWORD`).
    public var metadataURL: String
    /// `s3://bucket/prefix?endpoint=...&region=...` (keys come from `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY`).
    public var storageURL: String
    /// The secret holding `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
    public var storageSecret: String
    /// The secret and key holding the PostgreSQL password.
    public var postgresSecret: String
    public var postgresSecretKey: String
    /// Secrets used to pull images from private registries (also given to pipeline pods).
    public var imagePullSecrets: [String]

    public init(name: String = "tusk", namespace: String = "default", image: String = TuskInstallation.defaultImage,
                imagePullPolicy: String = "IfNotPresent", binaryPath: String = "/usr/local/bin/tusk",
                metadataURL: String, storageURL: String, storageSecret: String? = nil,
                postgresSecret: String? = nil, postgresSecretKey: String = "PGPASSWORD", imagePullSecrets: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.binaryPath = binaryPath
        self.metadataURL = metadataURL
        self.storageURL = storageURL
        self.storageSecret = storageSecret ?? "\(name)-credentials"
        self.postgresSecret = postgresSecret ?? "\(name)-credentials"
        self.postgresSecretKey = postgresSecretKey
        self.imagePullSecrets = imagePullSecrets
    }

    /// The image `tusk deploy kubernetes` and the Helm chart use unless told otherwise.
    public static let defaultImage = "tusk:2.12.0"

    /// The secret the generator writes itself (when no existing secret is named).
    public var generatedSecretName: String { "\(name)-credentials" }

    /// The recommended labels of every object of one component (`pachd`, `worker`, `postgres`).
    public func labels(component: String) -> [String: String] {
        ["app.kubernetes.io/name": "tusk", "app.kubernetes.io/instance": name, "app.kubernetes.io/component": component]
    }

    /// `metadata` for a namespaced object.
    public func metadata(name objectName: String, component: String, extraLabels: [String: String] = [:], annotations: [String: String] = [:]) -> ManifestValue {
        [
            "name": .string(objectName),
            "namespace": .string(namespace),
            "labels": .stringMap(labels(component: component).merging(extraLabels) { _, extra in extra }),
            "annotations": .stringMap(annotations),
        ]
    }

    /// The environment every Tusk container gets: credentials from the secrets, and where it runs.
    public var credentialEnvironment: [ManifestValue] {
        [
            Self.secretVariable("AWS_ACCESS_KEY_ID", secret: storageSecret, key: "AWS_ACCESS_KEY_ID"),
            Self.secretVariable("AWS_SECRET_ACCESS_KEY", secret: storageSecret, key: "AWS_SECRET_ACCESS_KEY"),
            Self.secretVariable("PGPASSWORD", secret: postgresSecret, key: postgresSecretKey),
            ["name": "TUSK_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
            ["name": "TUSK_POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
        ]
    }

    /// The storage and metadata flags every `tusk serve` / `tusk worker` gets.
    public var storeArguments: [ManifestValue] {
        ["--metadata", .string(metadataURL), "--storage", .string(storageURL)]
    }

    /// `imagePullSecrets` for a pod spec.
    public var pullSecrets: ManifestValue {
        .optionalList(imagePullSecrets.map { ["name": .string($0)] })
    }

    /// The security context of a container that runs datums: the worker mounts `/pfs` in a
    /// private mount namespace, which needs `CAP_SYS_ADMIN` and no AppArmor profile denying mount.
    public static let datumRunnerSecurityContext: ManifestValue = [
        "capabilities": ["add": ["SYS_ADMIN"]],
        "appArmorProfile": ["type": "Unconfined"],
    ]

    /// An environment variable read from a secret key; optional, so an installation that uses
    /// instance credentials (IAM roles) may leave the key out.
    public static func secretVariable(_ name: String, secret: String, key: String) -> ManifestValue {
        ["name": .string(name), "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key), "optional": true]]]
    }
}
