import Foundation

/// The facts of a pipeline spec that decide what its worker pods look like: who it is, the
/// user's image, how many workers, what they need (CPU, memory, disk, GPUs) and where they may
/// run.
///
/// It exists so that worker manifests are built from a few plain values rather than from a
/// whole spec type (which lives in TuskPPS, out of the CLI's reach); the daemon can fill it from
/// its own parsed spec when it starts creating pipeline workers on Kubernetes.
public struct PipelineWorkerSpec: Sendable, Equatable {
    /// `resource_requests.gpu` / `resource_limits.gpu`: a device plugin resource and a count.
    public struct GPU: Sendable, Equatable {
        /// The resource name (`nvidia.com/gpu`); a bare vendor (`nvidia`, `amd`) means `<vendor>.com/gpu`.
        public var type: String
        public var number: Int
        public init(type: String, number: Int) {
            self.type = type
            self.number = number
        }

        /// The Kubernetes extended resource name.
        public var resourceName: String {
            let trimmed = type.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return "nvidia.com/gpu" }
            return trimmed.contains("/") ? trimmed : "\(trimmed.lowercased()).com/gpu"
        }
    }

    /// `resource_requests` / `resource_limits` of a spec.
    public struct Resources: Sendable, Equatable {
        /// Cores, as in the spec (`0.5`, `2`).
        public var cpu: Double?
        /// A quantity (`"64M"`, `"2Gi"`).
        public var memory: String?
        /// Scratch space, a quantity; becomes `ephemeral-storage`.
        public var disk: String?
        public var gpu: GPU?
        public init(cpu: Double? = nil, memory: String? = nil, disk: String? = nil, gpu: GPU? = nil) {
            self.cpu = cpu
            self.memory = memory
            self.disk = disk
            self.gpu = gpu
        }

        /// The CPU, memory and disk quantities by Kubernetes resource name (GPUs apart: they
        /// can only be limits).
        public var quantities: [String: String] {
            var result: [String: String] = [:]
            if let cpu { result["cpu"] = Self.cpuQuantity(cpu) }
            if let memory, !memory.isEmpty { result["memory"] = memory }
            if let disk, !disk.isEmpty { result["ephemeral-storage"] = disk }
            return result
        }

        /// Whole cores as `"2"`, fractions in millicores (`0.5` → `"500m"`).
        public static func cpuQuantity(_ cores: Double) -> String {
            if cores == cores.rounded() { return String(Int(cores)) }
            return "\(Int((cores * 1000).rounded()))m"
        }
    }

    public var project: String
    public var name: String
    /// `transform.image`: the user's image the worker binary runs inside.
    public var image: String
    /// `transform.image_pull_secrets`.
    public var imagePullSecrets: [String]
    /// `parallelism_spec.constant` (0 means 1, as in Pachyderm).
    public var parallelism: Int
    public var resourceRequests: Resources?
    public var resourceLimits: Resources?
    /// `scheduling_spec.node_selector`.
    public var nodeSelector: [String: String]
    /// `scheduling_spec.priority_class_name`.
    public var priorityClassName: String?
    /// `tolerations`, already in Kubernetes form.
    public var tolerations: [ManifestValue]
    /// `standby`: the workers are scaled to zero while the pipeline has no job.
    public var standby: Bool

    public init(project: String = "default", name: String, image: String, imagePullSecrets: [String] = [], parallelism: Int = 1,
                resourceRequests: Resources? = nil, resourceLimits: Resources? = nil, nodeSelector: [String: String] = [:],
                priorityClassName: String? = nil, tolerations: [ManifestValue] = [], standby: Bool = false) {
        self.project = project
        self.name = name
        self.image = image
        self.imagePullSecrets = imagePullSecrets
        self.parallelism = parallelism
        self.resourceRequests = resourceRequests
        self.resourceLimits = resourceLimits
        self.nodeSelector = nodeSelector
        self.priorityClassName = priorityClassName
        self.tolerations = tolerations
        self.standby = standby
    }

    /// `project/name`, as `tusk worker --pipeline` takes it.
    public var qualifiedName: String { "\(project)/\(name)" }

    /// How many worker pods run now: none in standby, else the parallelism (at least one).
    public var replicas: Int { standby ? 0 : max(1, parallelism) }

    /// The container's requests and limits: GPUs (from either side) are limits only, as
    /// Kubernetes requires for extended resources.
    public var containerResources: ContainerResources {
        var resources = ContainerResources(requests: resourceRequests?.quantities ?? [:], limits: resourceLimits?.quantities ?? [:])
        if let gpu = resourceLimits?.gpu ?? resourceRequests?.gpu, gpu.number > 0 {
            resources.limits[gpu.resourceName] = String(gpu.number)
        }
        return resources
    }
}
