import Foundation
import TuskCore
import TuskKubernetes

/// Where the Kubernetes API is and how to authenticate to it, resolved once at start: the
/// flags when given, else the pod's service account (`KUBERNETES_SERVICE_HOST`/`_PORT`, the
/// token, CA and namespace files under /var/run/secrets/kubernetes.io/serviceaccount).
///
/// The token is a file name, not its contents: projected service account tokens are rotated
/// while the daemon runs, so every request reads the file again.
public struct KubernetesEndpoint: Sendable, Equatable {
    /// `https://host:port`, without a trailing slash.
    public var apiURL: String
    public var tokenFile: String?
    /// A PEM bundle the API server's certificate is checked against; nil: the system roots.
    public var caFile: String?
    public var namespace: String

    public init(apiURL: String, tokenFile: String? = nil, caFile: String? = nil, namespace: String) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.tokenFile = tokenFile
        self.caFile = caFile
        self.namespace = namespace
    }
}

extension KubernetesWorkerFlags {
    /// The endpoint from the flags, falling back to the in-cluster service account.
    func endpoint(environment: [String: String], fileExists: (String) -> Bool = FileManager.default.fileExists(atPath:)) throws -> KubernetesEndpoint {
        let directory = Self.serviceAccountDirectory
        let url: String
        if let apiURL {
            url = apiURL
        } else if let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty {
            let port = environment["KUBERNETES_SERVICE_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "443"
            url = "https://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        } else {
            throw TuskError.precondition("--kubernetes-workers needs the Kubernetes API: run the daemon in a pod (KUBERNETES_SERVICE_HOST is not set) or give --kubernetes-api URL", location: "--kubernetes-api")
        }
        let defaultToken = directory + "/token"
        let defaultCA = directory + "/ca.crt"
        let namespace = try namespace ?? Self.inClusterNamespace(directory + "/namespace", fileExists: fileExists)
            ?? environment["TUSK_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        try KubernetesNames.validate(namespace, as: "--kubernetes-namespace")
        return KubernetesEndpoint(
            apiURL: url,
            tokenFile: tokenFile ?? (fileExists(defaultToken) ? defaultToken : nil),
            caFile: caFile ?? (url.hasPrefix("https:") && fileExists(defaultCA) ? defaultCA : nil),
            namespace: namespace)
    }

    private static func inClusterNamespace(_ path: String, fileExists: (String) -> Bool) throws -> String? {
        guard fileExists(path) else { return nil }
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// What worker pods are built from: this daemon's stores (the metadata URL without any
    /// password: pods read `PGPASSWORD` from the secret), the worker image and the secrets.
    func installation(namespace: String, metadata: MetadataLocation, storage: ObjectStoreLocation,
                      environment: [String: String]) throws -> TuskInstallation {
        guard let image = workerImage ?? environment["TUSK_IMAGE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw TuskError.precondition("--kubernetes-workers needs the Tusk image to copy `tusk` from: give --worker-image REPOSITORY:TAG (or set TUSK_IMAGE)", location: "--worker-image")
        }
        return TuskInstallation(
            name: release, namespace: namespace, image: image, imagePullPolicy: workerImagePullPolicy, binaryPath: workerBinaryPath,
            metadataURL: Self.withoutPassword(metadata), storageURL: storage.description, storageSecret: storageSecret,
            postgresSecret: postgresSecret, postgresSecretKey: postgresSecretKey,
            imagePullSecrets: imagePullSecrets)
    }

    static func withoutPassword(_ metadata: MetadataLocation) -> String {
        switch metadata {
        case .sqlite(let path): return path
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = nil
            return components.string ?? url
        }
    }

    /// Whether the daemon's metadata URL carries a password that worker pods will not get.
    static func hasPassword(_ metadata: MetadataLocation) -> Bool {
        guard case .postgres(let url) = metadata else { return false }
        return URLComponents(string: url)?.password != nil
    }
}
