import TuskKubernetes

extension KubernetesManifests {
    /// The in-cluster database's Service (`<release>-postgres:5432`).
    static func postgresService(_ options: KubernetesDeploymentOptions) -> ManifestValue {
        let installation = options.installation
        return [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": installation.metadata(name: "\(installation.name)-postgres", component: "postgres"),
            "spec": [
                "type": "ClusterIP",
                "selector": selector(options, component: "postgres"),
                "ports": [["name": "postgres", "port": .integer(KubernetesDeploymentOptions.postgresPort), "targetPort": "postgres", "protocol": "TCP"]],
            ],
        ]
    }

    /// One PostgreSQL pod whose data lives on a volume claim (storage class and size from the
    /// options), so the metadata survives pod restarts.
    static func postgresStatefulSet(_ options: KubernetesDeploymentOptions, postgres: KubernetesDeploymentOptions.InClusterPostgres) -> ManifestValue {
        let installation = options.installation
        let name = "\(installation.name)-postgres"
        let container: ManifestValue = [
            "name": "postgres",
            "image": .string(postgres.image),
            "imagePullPolicy": "IfNotPresent",
            "ports": [["name": "postgres", "containerPort": .integer(KubernetesDeploymentOptions.postgresPort), "protocol": "TCP"]],
            "env": [
                ["name": "POSTGRES_USER", "value": .string(postgres.user)],
                ["name": "POSTGRES_DB", "value": .string(postgres.database)],
                ["name": "POSTGRES_PASSWORD", "valueFrom": ["secretKeyRef": ["name": .string(installation.postgresSecret), "key": .string(installation.postgresSecretKey)]]],
                ["name": "PGDATA", "value": "/var/lib/postgresql/data/pgdata"],
                // The C collation gives the byte-order text comparison Tusk's queries rely on.
                ["name": "POSTGRES_INITDB_ARGS", "value": "--locale=C --encoding=UTF8"],
            ],
            "readinessProbe": [
                "exec": ["command": ["pg_isready", "-U", .string(postgres.user), "-d", .string(postgres.database), "-h", "127.0.0.1"]],
                "initialDelaySeconds": 5,
                "periodSeconds": 10,
            ],
            "livenessProbe": [
                "exec": ["command": ["pg_isready", "-U", .string(postgres.user), "-d", .string(postgres.database), "-h", "127.0.0.1"]],
                "initialDelaySeconds": 30,
                "periodSeconds": 20,
                "failureThreshold": 6,
            ],
            "resources": postgres.resources.manifest,
            "volumeMounts": [["name": "data", "mountPath": "/var/lib/postgresql/data"]],
        ]
        let claim: ManifestValue = [
            "metadata": ["name": "data"],
            "spec": [
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": .optional(postgres.storageClass),
                "resources": ["requests": ["storage": .string(postgres.size)]],
            ],
        ]
        return [
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": installation.metadata(name: name, component: "postgres"),
            "spec": [
                "serviceName": .string(name),
                "replicas": 1,
                "selector": ["matchLabels": selector(options, component: "postgres")],
                "template": [
                    "metadata": ["labels": selector(options, component: "postgres")],
                    "spec": ManifestValue.map([
                        ManifestField(key: "imagePullSecrets", value: installation.pullSecrets),
                        ManifestField(key: "containers", value: [container]),
                    ]).appending(scheduling(options)),
                ],
                "volumeClaimTemplates": [claim],
            ],
        ]
    }
}
