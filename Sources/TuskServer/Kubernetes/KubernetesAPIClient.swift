import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TuskCore
import TuskKubernetes

/// The few calls of the Kubernetes REST API the daemon makes on Deployments of its namespace
/// (`/apis/apps/v1/namespaces/NS/deployments`): list by label, create, replace, scale by merge
/// patch, delete.
///
/// It exists so that the reconciler speaks in Deployments while authentication (a bearer token
/// read from its file on every call, the cluster CA) and error reporting live in one place. A
/// refusal becomes a `TuskError` carrying the HTTP status and the API's own `Status.message`,
/// with a code from `code(forStatus:)`, never from the text.
public struct KubernetesAPIClient: Sendable {
    let httpClient: HTTPClient
    let endpoint: KubernetesEndpoint
    let timeout: TimeAmount
    let tlsConfiguration: TLSConfiguration?

    public init(httpClient: HTTPClient, endpoint: KubernetesEndpoint, timeout: TimeAmount = .seconds(20)) {
        self.httpClient = httpClient
        self.endpoint = endpoint
        self.timeout = timeout
        if let caFile = endpoint.caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            self.tlsConfiguration = tls
        } else {
            self.tlsConfiguration = nil
        }
    }

    var deploymentsPath: String { "/apis/apps/v1/namespaces/\(endpoint.namespace)/deployments" }

    /// The Deployments matching a label selector (`key=value,key=value`).
    public func listDeployments(labelSelector: String) async throws -> [ObservedDeployment] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~/")
        let selector = labelSelector.addingPercentEncoding(withAllowedCharacters: unreserved) ?? labelSelector
        let body = try await send(.GET, deploymentsPath + "?labelSelector=" + selector, what: "list Deployments")
        return try ObservedDeployment.list(fromJSON: body)
    }

    public func createDeployment(_ manifest: ManifestValue) async throws {
        _ = try await send(.POST, deploymentsPath, body: manifest.json, what: "create Deployment \(manifest["metadata"]?["name"]?.string ?? "")")
    }

    /// Replaces a Deployment; with a `resourceVersion` the API refuses (409) when someone
    /// changed it since it was listed, and the next round retries from a fresh list.
    public func replaceDeployment(_ name: String, _ manifest: ManifestValue, resourceVersion: String?) async throws {
        var object = manifest
        if let resourceVersion {
            object = object.setting("metadata", (object["metadata"] ?? [:]).setting("resourceVersion", .string(resourceVersion)))
        }
        _ = try await send(.PUT, deploymentsPath + "/" + name, body: object.json, what: "replace Deployment \(name)")
    }

    public func scaleDeployment(_ name: String, replicas: Int) async throws {
        _ = try await send(.PATCH, deploymentsPath + "/" + name, body: ManagedWorkerDeployment.scalePatch(replicas: replicas).json,
                           contentType: "application/merge-patch+json", what: "scale Deployment \(name) to \(replicas)")
    }

    /// Deletes a Deployment and, in the background, its ReplicaSets and pods.
    public func deleteDeployment(_ name: String) async throws {
        let options: ManifestValue = ["kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background"]
        _ = try await send(.DELETE, deploymentsPath + "/" + name, body: options.json, what: "delete Deployment \(name)")
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json", what: String) async throws -> Data {
        var request = HTTPClientRequest(url: endpoint.apiURL + path)
        request.method = method
        request.tlsConfiguration = tlsConfiguration
        request.headers.add(name: "Accept", value: "application/json")
        if let token = try bearerToken() { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 32 * 1024 * 1024)
        } catch {
            throw TuskError(.unavailable, "cannot \(what): the Kubernetes API at \(endpoint.apiURL) did not answer: \(error)", location: path, cause: error)
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            let status = Int(response.status.code)
            throw TuskError(Self.code(forStatus: status), "cannot \(what): the Kubernetes API answered \(status) \(response.status.reasonPhrase): \(Self.statusMessage(data))", location: path)
        }
        return data
    }

    private func bearerToken() throws -> String? {
        guard let file = endpoint.tokenFile else { return nil }
        do {
            let token = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty ? nil : token
        } catch {
            throw TuskError(.failedPrecondition, "cannot read the Kubernetes token file \(file): \(error.localizedDescription)", location: file)
        }
    }

    /// The `message` of a Kubernetes `Status` object, else the body's first 300 characters.
    static func statusMessage(_ data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let message = object["message"] as? String {
            return message
        }
        let text = String(decoding: data.prefix(300), as: UTF8.self)
        return text.isEmpty ? "(no message)" : text
    }

    /// The error code of an HTTP status from the API.
    static func code(forStatus status: Int) -> TuskError.Code {
        switch status {
        case 400, 422: return .invalidArgument
        case 401, 403: return .permissionDenied
        case 404: return .notFound
        case 409: return .alreadyExists
        case 429, 500...: return .unavailable
        default: return .internal
        }
    }
}
