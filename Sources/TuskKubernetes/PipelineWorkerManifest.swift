/// Builds the Kubernetes Deployment that runs one pipeline's workers, the way Pachyderm runs
/// its own: the user's `transform.image` is the main container, and an init container copies
/// the `tusk` binary from the Tusk image into a shared `emptyDir`, so the main container can
/// start `/tusk-bin/tusk worker --pipeline <project>/<name>` without Tusk being in the user's
/// image.
///
/// It is a type of its own, depending only on `TuskInstallation` and `PipelineWorkerSpec`, so
/// the daemon can reuse it when it creates and scales pipeline workers itself.
public enum PipelineWorkerManifest {
    /// Where the shared volume is mounted in both containers.
    public static let binaryDirectory = "/tusk-bin"
    public static let binaryVolume = "tusk-bin"

    /// The Deployment's name: `<release>-pipeline-<project>-<name>`, made a valid Kubernetes
    /// name (a stable hash is appended when names had to be changed or shortened).
    public static func deploymentName(_ spec: PipelineWorkerSpec, installation: TuskInstallation) -> String {
        KubernetesNames.label(from: "\(installation.name)-pipeline-\(spec.project)-\(spec.name)")
    }

    /// The labels that find a pipeline's pods (values made valid label values).
    public static func selectorLabels(_ spec: PipelineWorkerSpec, installation: TuskInstallation) -> [String: String] {
        var labels = installation.labels(component: "pipeline-worker")
        labels["tusk.io/pipeline"] = deploymentName(spec, installation: installation)
        return labels
    }

    /// The worker Deployment for `spec`; `standby` gives zero replicas.
    public static func deployment(_ spec: PipelineWorkerSpec, installation: TuskInstallation) -> ManifestValue {
        let name = deploymentName(spec, installation: installation)
        let labels = selectorLabels(spec, installation: installation)
        let annotations = ["tusk.io/pipeline-project": spec.project, "tusk.io/pipeline-name": spec.name]
        return [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": installation.metadata(name: name, component: "pipeline-worker", extraLabels: labels, annotations: annotations),
            "spec": [
                "replicas": .integer(spec.replicas),
                "selector": ["matchLabels": .stringMap(labels)],
                "template": podTemplate(spec, installation: installation),
            ],
        ]
    }

    /// The pod template alone (for a bare Pod or a Job built around the same containers).
    public static func podTemplate(_ spec: PipelineWorkerSpec, installation: TuskInstallation) -> ManifestValue {
        let labels = selectorLabels(spec, installation: installation)
        let mount: ManifestValue = ["name": .string(binaryVolume), "mountPath": .string(binaryDirectory)]
        let copyBinary: ManifestValue = [
            "name": "tusk-init",
            "image": .string(installation.image),
            "imagePullPolicy": .string(installation.imagePullPolicy),
            "command": ["cp", .string(installation.binaryPath), .string("\(binaryDirectory)/tusk")],
            "volumeMounts": [mount],
        ]
        let arguments: [ManifestValue] = ["worker", "--pipeline", .string(spec.qualifiedName)] + installation.storeArguments
        let user: ManifestValue = [
            "name": "user",
            "image": .string(spec.image),
            "imagePullPolicy": "IfNotPresent",
            "command": ["\(binaryDirectory)/tusk"],
            "args": .list(arguments),
            "env": .list(installation.credentialEnvironment + [
                ["name": "PPS_PIPELINE_NAME", "value": .string(spec.name)],
                ["name": "PPS_PROJECT_NAME", "value": .string(spec.project)],
            ]),
            "resources": spec.containerResources.manifest,
            "securityContext": TuskInstallation.datumRunnerSecurityContext,
            "volumeMounts": [mount],
        ]
        let pullSecrets = installation.imagePullSecrets + spec.imagePullSecrets.filter { !installation.imagePullSecrets.contains($0) }
        return [
            "metadata": ["labels": .stringMap(labels)],
            "spec": [
                "serviceAccountName": .string(installation.name),
                "imagePullSecrets": .optionalList(pullSecrets.map { ["name": .string($0)] }),
                "priorityClassName": .optional(spec.priorityClassName),
                "nodeSelector": .stringMap(spec.nodeSelector),
                "tolerations": .optionalList(spec.tolerations),
                "initContainers": [copyBinary],
                "containers": [user],
                "volumes": [["name": .string(binaryVolume), "emptyDir": [:]]],
            ],
        ]
    }
}
