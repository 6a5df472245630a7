import TuskKubernetes

extension KubernetesManifests {
    /// `tusk worker` processes that claim datums of any pipeline through the database.
    static func workerDeployment(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        let installation = options.installation
        let name = "\(installation.name)-worker"
        let container: ManifestValue = [
            "name": "worker",
            "image": .string(installation.image),
            "imagePullPolicy": .string(installation.imagePullPolicy),
            "args": .list(["worker"] + installation.storeArguments),
            "env": .list(installation.credentialEnvironment),
            "resources": options.workerResources.manifest,
            "securityContext": TuskInstallation.datumRunnerSecurityContext,
        ]
        let podSpec: ManifestValue = [
            "serviceAccountName": serviceAccountName(options),
            "imagePullSecrets": installation.pullSecrets,
            "containers": [container],
        ]
        return [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": installation.metadata(name: name, component: "worker"),
            "spec": [
                "replicas": .integer(options.workerReplicas),
                "selector": ["matchLabels": selector(options, component: "worker")],
                "template": [
                    "metadata": ["labels": selector(options, component: "worker")],
                    "spec": podSpec.appending(scheduling(options)),
                ],
            ],
        ]
    }
}
