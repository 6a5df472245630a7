/// The worker Deployment of one pipeline as `tusk serve --kubernetes-workers` creates it: the
/// generator's Deployment (`PipelineWorkerManifest`) with the replica count the daemon decided,
/// an ownership label, and a hash of everything but the replicas.
///
/// It exists so that the daemon only ever touches Deployments it created (found by
/// `ownerSelector`), and can tell "the pod template changed, replace it" from "only the scale
/// changed" by comparing one annotation instead of diffing objects the API server has
/// filled with defaults.
public struct ManagedWorkerDeployment: Sendable, Equatable {
    /// `app.kubernetes.io/managed-by`: the label every Deployment the daemon owns carries.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "tusk"
    /// The annotation holding `specHash`.
    public static let specHashAnnotation = "tusk.io/spec-hash"
    /// The annotations naming the pipeline (set by `PipelineWorkerManifest`).
    public static let projectAnnotation = "tusk.io/pipeline-project"
    public static let pipelineAnnotation = "tusk.io/pipeline-name"
    static let component = "pipeline-worker"

    public let name: String
    public let project: String
    public let pipeline: String
    public let replicas: Int
    /// A stable hash of the Deployment without its replica count.
    public let specHash: String
    /// The whole object, ready to be sent as JSON.
    public let manifest: ManifestValue

    /// The Deployment for `spec` with `replicas` pods (its `standby` flag is not used: the
    /// daemon decides the scale from the pipeline's queue).
    public init(_ spec: PipelineWorkerSpec, installation: TuskInstallation, replicas: Int) {
        var unscaled = spec
        unscaled.standby = false
        let generated = PipelineWorkerManifest.deployment(unscaled, installation: installation)
        let hash = Self.hash(Self.withReplicas(generated, 0).json)
        var metadata = generated["metadata"] ?? [:]
        metadata = metadata.setting("labels", Self.adding(Self.managedByLabel, Self.managedByValue, to: metadata["labels"]))
        metadata = metadata.setting("annotations", Self.adding(Self.specHashAnnotation, hash, to: metadata["annotations"]))
        self.name = PipelineWorkerManifest.deploymentName(spec, installation: installation)
        self.project = spec.project
        self.pipeline = spec.name
        self.replicas = max(0, replicas)
        self.specHash = hash
        self.manifest = Self.withReplicas(generated.setting("metadata", metadata), self.replicas)
    }

    /// The label selector that finds the worker Deployments of this installation's daemon
    /// (and no Deployment of another release in the same namespace).
    public static func ownerSelector(installation: TuskInstallation) -> String {
        var labels = installation.labels(component: component)
        labels[managedByLabel] = managedByValue
        return labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ",")
    }

    /// The `{"spec": {"replicas": N}}` merge patch that only scales a Deployment.
    public static func scalePatch(replicas: Int) -> ManifestValue {
        ["spec": ["replicas": .integer(max(0, replicas))]]
    }

    static func withReplicas(_ deployment: ManifestValue, _ replicas: Int) -> ManifestValue {
        deployment.setting("spec", (deployment["spec"] ?? [:]).setting("replicas", .integer(replicas)))
    }

    /// A string map (labels, annotations) with one more pair, kept sorted by key.
    static func adding(_ key: String, _ value: String, to map: ManifestValue?) -> ManifestValue {
        var pairs: [String: String] = [:]
        for field in map?.presentFields ?? [] { pairs[field.key] = field.value.string ?? "" }
        pairs[key] = value
        return .stringMap(pairs)
    }

    /// Sixteen hex digits of 64-bit FNV-1a: stable across runs, platforms and releases.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
