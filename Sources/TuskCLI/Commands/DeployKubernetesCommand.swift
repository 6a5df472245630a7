import Foundation
import TuskCore
import TuskKubernetes

/// `tusk deploy kubernetes`: prints the manifests of a Tusk installation (daemon, workers,
/// database, access, ingress) as a YAML stream for `kubectl apply -f -`, or as a JSON `List`.
/// Nothing is sent to a cluster; the same objects come from the Helm chart's default values.
struct DeployKubernetesCommand: Command {
    let words = ["deploy", "kubernetes"]
    let summary = "Print Kubernetes manifests for a Tusk installation."
    let usesProject = false
    let details = """
    The output is a multi-document YAML stream (or, with -o json, one v1 List) equivalent to
    the Helm chart in deploy/helm/tusk with the same settings. Apply it with
      tusk deploy kubernetes --storage 's3://my-bucket/tusk?region=eu-west-1' | kubectl apply -f -
    Credentials for the generated Secret are read from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
    and PGPASSWORD in the environment, or --secret names an existing Secret holding those keys.
    --pipeline-spec FILE adds the worker Deployment of a pipeline (transform.image with the tusk
    binary copied in by an init container; standby pipelines get 0 replicas).
    --kubernetes-workers makes the daemon create, scale and delete those Deployments itself.
    """
    let flags: [FlagSpecification] = [
        .value("name", "NAME", help: "release name, the prefix of every object (default tusk)"),
        .value("namespace", "NAMESPACE", help: "namespace of every object (default default)"),
        .value("image", "IMAGE", help: "the Tusk image, REPOSITORY[:TAG] (default \(TuskInstallation.defaultImage))"),
        .value("image-pull-policy", "POLICY", help: "Always, IfNotPresent (default) or Never"),
        .repeated("image-pull-secret", "SECRET", help: "a registry secret for pulling images"),
        .value("binary-path", "PATH", help: "where tusk is inside the image (default /usr/local/bin/tusk)"),
        .value("postgres", "in-cluster|external", help: "run PostgreSQL in the cluster (default) or use --metadata"),
        .value("metadata", "URL", help: "external database, postgres://USER@HOST:PORT/DATABASE (password from PGPASSWORD)"),
        .value("storage", "URL", help: "object storage, s3://BUCKET[/PREFIX][?endpoint=URL&region=R] (default \(KubernetesDeploymentOptions.defaultStorageURL))"),
        .value("storage-class", "CLASS", help: "storage class of the in-cluster database's volume (default: the cluster's)"),
        .value("postgres-size", "SIZE", help: "size of the in-cluster database's volume (default 10Gi)"),
        .value("secret", "SECRET", help: "an existing Secret with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, PGPASSWORD (none is generated)"),
        .value("service-type", "TYPE", help: "ClusterIP (default), NodePort or LoadBalancer"),
        .value("ingress-host", "HOST", help: "render an Ingress for the console and HTTP API on HOST"),
        .value("ingress-class", "CLASS", help: "the Ingress's ingressClassName"),
        .value("ingress-tls-secret", "SECRET", help: "a TLS secret for the Ingress host"),
        .value("workers", "N", help: "replicas of the tusk worker Deployment (default 1)"),
        .value("daemon-cpu", "QUANTITY", help: "CPU request of the daemon, such as 500m"),
        .value("daemon-memory", "QUANTITY", help: "memory request and limit of the daemon, such as 2Gi"),
        .value("worker-cpu", "QUANTITY", help: "CPU request of each worker"),
        .value("worker-memory", "QUANTITY", help: "memory request and limit of each worker"),
        .repeated("node-selector", "KEY=VALUE", help: "schedule pods only on nodes with this label"),
        .repeated("toleration", "KEY[=VALUE][:EFFECT]", help: "let pods run on nodes with this taint"),
        .boolean("no-rbac", help: "do not render the ServiceAccount, Role and RoleBinding"),
        .boolean("kubernetes-workers", help: "the daemon keeps one worker Deployment per pipeline itself (tusk serve --kubernetes-workers)"),
        .repeated("pipeline-spec", "FILE", help: "also render the worker Deployment of the pipelines in FILE (JSON or YAML)"),
    ]

    func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let format = arguments.string("output") ?? "yaml"
        guard ["yaml", "json"].contains(format) else {
            throw TuskError.invalid("-o \"\(format)\" is not a manifest format; give yaml (default) or json", location: "--output")
        }
        let options = try KubernetesDeploymentOptions.parse(arguments, environment: invocation.environment)
        var documents = KubernetesManifests.documents(options)
        for path in arguments.strings("pipeline-spec") {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw TuskError.invalid("--pipeline-spec \(path) cannot be read: \(error.localizedDescription)", location: path)
            }
            for spec in try PipelineWorkerSpec.parse(text, source: path) {
                documents.append(PipelineWorkerManifest.deployment(spec, installation: options.installation))
            }
        }
        invocation.console.write(format == "json" ? ManifestValue.jsonList(documents) : ManifestValue.yamlStream(documents))
    }
}
