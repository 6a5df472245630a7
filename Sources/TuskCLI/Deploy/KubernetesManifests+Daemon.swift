import TuskKubernetes

extension KubernetesManifests {
    /// `tusk serve` against the shared database and bucket, probed on `/healthz`.
    static func daemonDeployment(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        let installation = options.installation
        let container: ManifestValue = [
            "name": "tusk",
            "image": .string(installation.image),
            "imagePullPolicy": .string(installation.imagePullPolicy),
            "args": .list(["serve"] + installation.storeArguments + kubernetesWorkerArguments(options)),
            "ports": [
                ["name": "grpc", "containerPort": .integer(KubernetesDeploymentOptions.grpcPort), "protocol": "TCP"],
                ["name": "http", "containerPort": .integer(KubernetesDeploymentOptions.httpPort), "protocol": "TCP"],
            ],
            "env": .list(installation.credentialEnvironment + [
                ["name": "TUSK_DATA_DIR", "value": "/var/lib/tusk"],
                ["name": "TUSK_IMAGE", "value": .string(installation.image)],
            ]),
            "readinessProbe": healthProbe(initialDelay: 5, period: 10, failures: 3),
            "livenessProbe": healthProbe(initialDelay: 30, period: 20, failures: 6),
            "resources": options.daemonResources.manifest,
            "securityContext": TuskInstallation.datumRunnerSecurityContext,
            "volumeMounts": [["name": "data", "mountPath": "/var/lib/tusk"]],
        ]
        let podSpec: ManifestValue = [
            "serviceAccountName": serviceAccountName(options),
            "imagePullSecrets": installation.pullSecrets,
            "containers": [container],
            "volumes": [["name": "data", "emptyDir": [:]]],
        ]
        return [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": installation.metadata(name: installation.name, component: "pachd"),
            "spec": [
                "replicas": 1,
                "selector": ["matchLabels": selector(options, component: "pachd")],
                "template": [
                    "metadata": ["labels": selector(options, component: "pachd")],
                    "spec": podSpec.appending(scheduling(options)),
                ],
            ],
        ]
    }

    /// The daemon's gRPC (30650) and HTTP (30080) ports; a NodePort service uses the same
    /// numbers on the nodes, as Pachyderm's local installs did.
    static func daemonService(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        let installation = options.installation
        let nodePorts = options.serviceType == .nodePort
        func port(_ name: String, _ number: Int) -> ManifestValue {
            [
                "name": .string(name),
                "port": .integer(number),
                "targetPort": .string(name),
                "protocol": "TCP",
                "nodePort": nodePorts ? .integer(number) : .absent,
            ]
        }
        return [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": installation.metadata(name: installation.name, component: "pachd"),
            "spec": [
                "type": .string(options.serviceType.rawValue),
                "selector": selector(options, component: "pachd"),
                "ports": [port("grpc", KubernetesDeploymentOptions.grpcPort), port("http", KubernetesDeploymentOptions.httpPort)],
            ],
        ]
    }

    /// Routes `host` to the daemon's HTTP port (console, JSON API), with TLS when a secret is named.
    static func daemonIngress(_ options: KubernetesDeploymentOptions, ingress: KubernetesDeploymentOptions.Ingress) -> ManifestValue {
        let installation = options.installation
        let backend: ManifestValue = ["service": ["name": .string(installation.name), "port": ["name": "http"]]]
        let tls: ManifestValue = ingress.tlsSecret.isEmpty
            ? .absent
            : [["hosts": [.string(ingress.host)], "secretName": .string(ingress.tlsSecret)]]
        return [
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": installation.metadata(name: installation.name, component: "pachd", annotations: ingress.annotations),
            "spec": [
                "ingressClassName": .optional(ingress.className),
                "tls": tls,
                "rules": [[
                    "host": .string(ingress.host),
                    "http": ["paths": [["path": "/", "pathType": "Prefix", "backend": backend]]],
                ]],
            ],
        ]
    }
}

extension KubernetesManifests {
    /// The daemon's flags for `--kubernetes-workers`: the release (Deployment prefix and
    /// service account), the Tusk image worker pods copy `tusk` from, and the secrets their
    /// credentials come from — all spelled out, so the daemon needs nothing else from its pod.
    static func kubernetesWorkerArguments(_ options: KubernetesDeploymentOptions) -> [ManifestValue] {
        guard options.kubernetesWorkers else { return [] }
        let installation = options.installation
        var arguments: [ManifestValue] = [
            "--kubernetes-workers",
            "--kubernetes-release", .string(installation.name),
            "--worker-image", .string(installation.image),
            "--worker-image-pull-policy", .string(installation.imagePullPolicy),
            "--worker-binary-path", .string(installation.binaryPath),
            "--worker-storage-secret", .string(installation.storageSecret),
            "--worker-postgres-secret", .string(installation.postgresSecret),
            "--worker-postgres-secret-key", .string(installation.postgresSecretKey),
        ]
        for secret in installation.imagePullSecrets { arguments += ["--worker-image-pull-secret", .string(secret)] }
        return arguments
    }
}
