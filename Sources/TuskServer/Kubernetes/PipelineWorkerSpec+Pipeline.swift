import TuskKubernetes
import TuskPPS

extension PipelineWorkerSpec {
    /// The worker facts of a pipeline the daemon knows: its parsed spec, with protobuf's
    /// "zero means unset" read as unset and 1.x `standby` (parsed as `autoscaling`) as standby.
    init(_ pipeline: PipelineInfo) {
        let spec = pipeline.spec
        let image = spec.transform?.image ?? ""
        self.init(
            project: pipeline.id.project.value, name: pipeline.id.name,
            image: image.isEmpty ? PipelineSpec.defaultImage : image,
            imagePullSecrets: spec.transform?.imagePullSecrets ?? [],
            parallelism: spec.parallelism,
            resourceRequests: Self.resources(spec.resourceRequests),
            resourceLimits: Self.resources(spec.resourceLimits),
            nodeSelector: spec.schedulingSpec?.nodeSelector ?? [:],
            priorityClassName: spec.schedulingSpec.flatMap { $0.priorityClassName.isEmpty ? nil : $0.priorityClassName },
            tolerations: spec.tolerations.map { toleration in
                PachydermToleration.manifest(
                    key: toleration.key, operator: toleration.operator, value: toleration.value, effect: toleration.effect,
                    seconds: toleration.tolerationSeconds.map { Int(clamping: $0) })
            },
            standby: spec.autoscaling)
    }

    static func resources(_ spec: ResourceSpec?) -> Resources? {
        guard let spec else { return nil }
        var resources = Resources(cpu: spec.cpu > 0 ? spec.cpu : nil, memory: spec.memory.isEmpty ? nil : spec.memory,
                                  disk: spec.disk.isEmpty ? nil : spec.disk)
        if let gpu = spec.gpu, gpu.number > 0 {
            resources.gpu = GPU(type: gpu.type, number: Int(clamping: gpu.number))
        }
        return resources
    }
}

extension PipelineInfo {
    /// How many worker pods the pipeline should have now: none while it is stopped, none in
    /// standby while no datum of it is queued or running, else its parallelism.
    func workerReplicas(pending: PendingDatumTasks?) -> Int {
        if stopped { return 0 }
        if spec.autoscaling && (pending?.total ?? 0) == 0 { return 0 }
        return max(1, spec.parallelism)
    }
}
