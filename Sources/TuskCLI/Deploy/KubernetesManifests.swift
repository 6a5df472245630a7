import TuskKubernetes

/// Turns `KubernetesDeploymentOptions` into the Kubernetes objects of a Tusk installation, in
/// the order `kubectl apply` should create them.
///
/// Pure functions only (no cluster, no files), so the output is tested as values and the same
/// objects come out of `tusk deploy kubernetes` and, with default values, the Helm chart in
/// `deploy/helm/tusk`.
public enum KubernetesManifests {
    /// Every object: access (ServiceAccount, Role, RoleBinding), the credentials Secret, the
    /// database (when in the cluster), the daemon, its Service and Ingress, the workers.
    public static func documents(_ options: KubernetesDeploymentOptions) -> [ManifestValue] {
        var documents: [ManifestValue] = []
        if options.createRBAC { documents += access(options) }
        if options.rendersSecret { documents.append(credentialsSecret(options)) }
        if case .inCluster(let postgres) = options.postgres {
            documents += [postgresService(options), postgresStatefulSet(options, postgres: postgres)]
        }
        documents += [daemonDeployment(options), daemonService(options)]
        if let ingress = options.ingress { documents.append(daemonIngress(options, ingress: ingress)) }
        documents.append(workerDeployment(options))
        return documents
    }

    /// The daemon's ServiceAccount name (also used by its workers).
    static func serviceAccountName(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        options.createRBAC ? .string(options.installation.name) : .absent
    }

    /// The selector labels of one component (a subset of its labels that never changes).
    static func selector(_ options: KubernetesDeploymentOptions, component: String) -> ManifestValue {
        .stringMap(options.installation.labels(component: component))
    }

    /// The scheduling fields every pod of the installation shares.
    static func scheduling(_ options: KubernetesDeploymentOptions) -> [ManifestField] {
        [
            ManifestField(key: "nodeSelector", value: .stringMap(options.nodeSelector)),
            ManifestField(key: "tolerations", value: .optionalList(options.tolerations)),
        ]
    }

    /// A probe on the daemon's `/healthz`.
    static func healthProbe(initialDelay: Int, period: Int, failures: Int) -> ManifestValue {
        [
            "httpGet": ["path": "/healthz", "port": "http"],
            "initialDelaySeconds": .integer(initialDelay),
            "periodSeconds": .integer(period),
            "failureThreshold": .integer(failures),
        ]
    }
}
