import TuskKubernetes

extension KubernetesManifests {
    /// The daemon's identity and what it may do in its namespace: manage pods, deployments and
    /// services of pipeline workers, read their logs and events.
    static func access(_ options: KubernetesDeploymentOptions) -> [ManifestValue] {
        let installation = options.installation
        let name = installation.name
        let account: ManifestValue = [
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": installation.metadata(name: name, component: "pachd"),
        ]
        let manage: ManifestValue = ["create", "delete", "get", "list", "patch", "update", "watch"]
        let read: ManifestValue = ["get", "list", "watch"]
        let role: ManifestValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": installation.metadata(name: name, component: "pachd"),
            "rules": [
                ["apiGroups": [""], "resources": ["pods", "services", "configmaps"], "verbs": manage],
                ["apiGroups": [""], "resources": ["pods/log", "events"], "verbs": read],
                ["apiGroups": ["apps"], "resources": ["deployments", "replicasets"], "verbs": manage],
            ],
        ]
        let binding: ManifestValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": installation.metadata(name: name, component: "pachd"),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)],
            "subjects": [["kind": "ServiceAccount", "name": .string(name), "namespace": .string(installation.namespace)]],
        ]
        return [account, role, binding]
    }

    /// The Secret the generator owns: S3 keys and the PostgreSQL password, each only when it
    /// points at this secret and a value is known (an in-cluster database always gets one).
    static func credentialsSecret(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        let installation = options.installation
        let generated = installation.generatedSecretName
        var data: [String: String] = [:]
        if installation.storageSecret == generated {
            if let key = options.credentials.accessKeyID { data["AWS_ACCESS_KEY_ID"] = key }
            if let secret = options.credentials.secretAccessKey { data["AWS_SECRET_ACCESS_KEY"] = secret }
        }
        if installation.postgresSecret == generated {
            if let password = postgresPassword(options) { data[installation.postgresSecretKey] = password }
        }
        return [
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": installation.metadata(name: generated, component: "pachd"),
            "type": "Opaque",
            "stringData": data.isEmpty ? ManifestValue.map([]) : .stringMap(data),
        ]
    }

    /// The database password: the one given, else the well-known default for an in-cluster
    /// database; nil for an external one without a password (e.g. trust or certificate auth).
    static func postgresPassword(_ options: KubernetesDeploymentOptions) -> String? {
        if let password = options.credentials.postgresPassword { return password }
        if case .inCluster = options.postgres { return KubernetesDeploymentOptions.insecureDefaultPassword }
        return nil
    }
}
