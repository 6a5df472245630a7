import Foundation
import TuskCore
import TuskKubernetes

extension KubernetesDeploymentOptions {
    /// The options of `tusk deploy kubernetes`, from its flags and (for the generated Secret)
    /// the credentials in the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `PGPASSWORD`. Every inconsistent or malformed flag is a `TuskError` naming it.
    public static func parse(_ arguments: ParsedArguments, environment: [String: String]) throws -> KubernetesDeploymentOptions {
        let name = arguments.string("name") ?? "tusk"
        try KubernetesNames.validate(name, as: "--name")
        let namespace = arguments.string("namespace") ?? "default"
        try KubernetesNames.validate(namespace, as: "--namespace")

        let placement = try postgresPlacement(arguments)
        var postgres = InClusterPostgres()
        if let storageClass = arguments.string("storage-class") { postgres.storageClass = storageClass }
        if let size = arguments.string("postgres-size") { postgres.size = try quantity(size, flag: "--postgres-size") }
        let metadataURL: String
        switch placement {
        case .inCluster:
            metadataURL = inClusterMetadataURL(release: name, postgres: postgres)
        case .external:
            for flag in ["storage-class", "postgres-size"] where arguments.has(flag) {
                throw TuskError.invalid("--\(flag) only applies to the in-cluster PostgreSQL; with --postgres external the database is yours", location: "--\(flag)")
            }
            guard let url = arguments.string("metadata") else {
                throw TuskError.invalid("--postgres external needs --metadata postgres://USER@HOST:PORT/DATABASE (the password goes in PGPASSWORD)", location: "--metadata")
            }
            metadataURL = try checkedMetadataURL(url)
        }
        let storageURL = try checkedStorageURL(arguments.string("storage") ?? defaultStorageURL)

        let existingSecret = arguments.string("secret")
        if let existingSecret { try KubernetesNames.validate(existingSecret, as: "--secret") }
        let image = arguments.string("image") ?? TuskInstallation.defaultImage
        guard !image.isEmpty, !image.contains(where: \.isWhitespace) else {
            throw TuskError.invalid("--image \"\(image)\" is not an image reference; give REPOSITORY[:TAG], such as registry.example.com/tusk:2.12.0", location: "--image")
        }
        let pullPolicy = arguments.string("image-pull-policy") ?? "IfNotPresent"
        guard ["Always", "IfNotPresent", "Never"].contains(pullPolicy) else {
            throw TuskError.invalid("--image-pull-policy \"\(pullPolicy)\" is not one of Always, IfNotPresent, Never", location: "--image-pull-policy")
        }
        let pullSecrets = arguments.strings("image-pull-secret")
        for secret in pullSecrets { try KubernetesNames.validate(secret, as: "--image-pull-secret") }
        let installation = TuskInstallation(
            name: name, namespace: namespace, image: image, imagePullPolicy: pullPolicy,
            binaryPath: arguments.string("binary-path") ?? "/usr/local/bin/tusk",
            metadataURL: metadataURL, storageURL: storageURL,
            storageSecret: existingSecret, postgresSecret: existingSecret, imagePullSecrets: pullSecrets)

        let serviceTypeText = arguments.string("service-type") ?? ServiceType.clusterIP.rawValue
        guard let serviceType = ServiceType.allCases.first(where: { $0.rawValue.lowercased() == serviceTypeText.lowercased() }) else {
            throw TuskError.invalid("--service-type \"\(serviceTypeText)\" is not one of ClusterIP, NodePort, LoadBalancer", location: "--service-type")
        }
        var options = KubernetesDeploymentOptions(
            installation: installation,
            postgres: placement == .external ? .external : .inCluster(postgres),
            credentials: Credentials(accessKeyID: nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
                                     secretAccessKey: nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]),
                                     postgresPassword: nonEmpty(environment["PGPASSWORD"])),
            serviceType: serviceType,
            ingress: try ingress(arguments),
            // With per-pipeline worker Deployments, the generic pool would claim datums in the
            // Tusk image instead of the pipeline's own: none unless asked for.
            workerReplicas: try arguments.integer("workers") ?? (arguments.has("kubernetes-workers") ? 0 : 1),
            daemonResources: try resources(arguments, prefix: "daemon"),
            workerResources: try resources(arguments, prefix: "worker"),
            nodeSelector: try nodeSelector(arguments),
            tolerations: try arguments.strings("toleration").map(toleration),
            createRBAC: !arguments.has("no-rbac"))
        options.kubernetesWorkers = arguments.has("kubernetes-workers")
        if existingSecret != nil { options.credentials = Credentials() }
        return options
    }

    private enum Placement { case inCluster, external }

    private static func postgresPlacement(_ arguments: ParsedArguments) throws -> Placement {
        switch arguments.string("postgres") {
        case nil: return arguments.has("metadata") ? .external : .inCluster
        case "in-cluster":
            if arguments.has("metadata") {
                throw TuskError.invalid("--metadata names an external database but --postgres in-cluster asks for one in the cluster; give one or the other", location: "--metadata")
            }
            return .inCluster
        case "external": return .external
        case let other?:
            throw TuskError.invalid("--postgres \"\(other)\" is not in-cluster or external", location: "--postgres")
        }
    }

    /// A `postgres://` URL with a host and a database, and no password in it (manifests are not
    /// secret; the password belongs in the Secret as `PGPASSWORD`).
    static func checkedMetadataURL(_ text: String) throws -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw TuskError.invalid("--metadata \"\(text)\" is not a PostgreSQL URL; give postgres://USER@HOST:PORT/DATABASE?sslmode=require", location: "--metadata")
        }
        if url.password != nil {
            throw TuskError.invalid("--metadata contains a password, which would be written into the manifests in the clear; remove it from the URL and set PGPASSWORD (or --secret) instead", location: "--metadata")
        }
        if url.path.isEmpty || url.path == "/" {
            throw TuskError.invalid("--metadata \"\(text)\" names no database; add /DATABASE after the host", location: "--metadata")
        }
        return text
    }

    /// An `s3://bucket[/prefix][?endpoint=...&region=...]` URL with a bucket.
    static func checkedStorageURL(_ text: String) throws -> String {
        guard let url = URLComponents(string: text), url.scheme == "s3", let bucket = url.host, !bucket.isEmpty else {
            throw TuskError.invalid("--storage \"\(text)\" is not an S3 URL; give s3://BUCKET[/PREFIX][?endpoint=https://HOST:PORT&region=REGION]", location: "--storage")
        }
        return text
    }

    private static func ingress(_ arguments: ParsedArguments) throws -> Ingress? {
        guard let host = arguments.string("ingress-host") else {
            for flag in ["ingress-class", "ingress-tls-secret"] where arguments.has(flag) {
                throw TuskError.invalid("--\(flag) needs --ingress-host: an Ingress is only rendered for a host", location: "--\(flag)")
            }
            return nil
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard host.count <= 253, labels.allSatisfy({ KubernetesNames.isValidLabel($0) || (labels.first == $0 && $0 == "*") }) else {
            throw TuskError.invalid("--ingress-host \"\(host)\" is not a DNS name; give a lowercase host such as tusk.example.com", location: "--ingress-host")
        }
        let tlsSecret = arguments.string("ingress-tls-secret") ?? ""
        if !tlsSecret.isEmpty { try KubernetesNames.validate(tlsSecret, as: "--ingress-tls-secret") }
        return Ingress(host: host, className: arguments.string("ingress-class") ?? "", tlsSecret: tlsSecret)
    }

    private static func resources(_ arguments: ParsedArguments, prefix: String) throws -> ContainerResources {
        var resources = ContainerResources()
        if let cpu = arguments.string("\(prefix)-cpu") { resources.requests["cpu"] = try quantity(cpu, flag: "--\(prefix)-cpu") }
        if let memory = arguments.string("\(prefix)-memory") {
            let checked = try quantity(memory, flag: "--\(prefix)-memory")
            resources.requests["memory"] = checked
            resources.limits["memory"] = checked
        }
        return resources
    }

    private static func nodeSelector(_ arguments: ParsedArguments) throws -> [String: String] {
        var selector: [String: String] = [:]
        for pair in arguments.strings("node-selector") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw TuskError.invalid("--node-selector \"\(pair)\" is not KEY=VALUE, such as kubernetes.io/arch=amd64", location: "--node-selector")
            }
            selector[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return selector
    }

    /// A toleration written like a taint: `KEY[=VALUE][:EFFECT]` (`Equal` with a value, else
    /// `Exists`; no effect tolerates every effect).
    static func toleration(_ text: String) throws -> ManifestValue {
        var rest = Substring(text)
        var effect: String?
        if let colon = rest.lastIndex(of: ":") {
            effect = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
        guard let key = parts.first, !key.isEmpty, effect.map(effects.contains) ?? true else {
            throw TuskError.invalid("--toleration \"\(text)\" is not KEY[=VALUE][:EFFECT] with EFFECT one of \(effects.joined(separator: ", ")), such as nvidia.com/gpu:NoSchedule", location: "--toleration")
        }
        let value = parts.count > 1 ? parts[1] : nil
        return [
            "key": .string(key),
            "operator": value == nil ? "Exists" : "Equal",
            "value": .optional(value),
            "effect": .optional(effect),
        ]
    }

    /// A Kubernetes quantity such as `500m`, `2`, `1.5Gi`, `10G`.
    static func quantity(_ text: String, flag: String) throws -> String {
        let pattern = /^([0-9]+(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/
        guard (try? pattern.wholeMatch(in: text)) != nil else {
            throw TuskError.invalid("\(flag) \"\(text)\" is not a Kubernetes quantity; give a number with an optional unit, such as 500m, 2, 512Mi or 10Gi", location: flag)
        }
        return text
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
