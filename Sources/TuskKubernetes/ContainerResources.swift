/// The `resources` of a container: Kubernetes quantities (`"500m"`, `"2Gi"`) by resource name.
///
/// It exists so daemon, worker and pipeline pods render requests and limits the same way, and
/// so an empty setting prints nothing (the cluster's defaults apply) instead of `{}` noise.
public struct ContainerResources: Sendable, Equatable {
    public var requests: [String: String]
    public var limits: [String: String]

    public init(requests: [String: String] = [:], limits: [String: String] = [:]) {
        self.requests = requests
        self.limits = limits
    }

    public var isEmpty: Bool { requests.isEmpty && limits.isEmpty }

    /// The `resources` field, or `.absent` when nothing is set.
    public var manifest: ManifestValue {
        guard !isEmpty else { return .absent }
        return ["requests": .stringMap(requests), "limits": .stringMap(limits)]
    }
}
