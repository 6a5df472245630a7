import Foundation
import Hummingbird
import NIOCore
import Testing

/// A Kubernetes API server reduced to what the worker pools call on Deployments: list with a
/// label selector, create, replace (checking `resourceVersion`), merge-patch and delete, kept
/// in memory. It records every request and can be told to refuse the next matching one.
///
/// Runs on a free port inside the test; objects are kept as JSON.
actor FakeKubernetesAPI {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var labelSelector: String?
        var authorization: String?
        var contentType: String?
        var body: String
    }

    private(set) var requests: [Recorded] = []
    private var deployments: [String: Data] = [:]
    private var nextVersion = 1
    private var refusals: [(method: String, status: Int, message: String)] = []
    private var waiters: [(method: String, continuation: CheckedContinuation<Void, Never>)] = []

    // MARK: Test controls and checks

    /// Makes the next request with `method` fail with `status` and a Kubernetes `Status` body.
    func refuseNext(_ method: String, status: Int, message: String) {
        refusals.append((method, status, message))
    }

    /// Stores a Deployment as if someone else had created it.
    func add(_ json: String) throws {
        let object = try Self.object(Data(json.utf8))
        let name = try #require(Self.name(object))
        deployments[name] = try store(object)
    }

    func clearRequests() { requests = [] }

    /// Returns once a request with `method` has been received (at once if one already was).
    func received(_ method: String) async {
        if requests.contains(where: { $0.method == method }) { return }
        await withCheckedContinuation { continuation in waiters.append((method, continuation)) }
    }

    var names: [String] { deployments.keys.sorted() }

    func deployment(_ name: String) -> Data? { deployments[name] }

    // MARK: Serving

    /// Starts serving; returns the base URL and the task to cancel when done.
    func start() async throws -> (url: String, task: Task<Void, any Error>) {
        let router = Router()
        let base = "apis/apps/v1/namespaces/{namespace}/deployments"
        router.get(RouterPath(base)) { request, _ in try await self.handle(request, name: nil) }
        router.post(RouterPath(base)) { request, _ in try await self.handle(request, name: nil) }
        for method in [HTTPRequest.Method.put, .patch, .delete, .get] {
            router.on(RouterPath(base + "/{name}"), method: method) { request, context in
                try await self.handle(request, name: context.parameters.get("name"))
            }
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await application.run() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        return ("http://127.0.0.1:\(port)", task)
    }

    private func handle(_ request: Request, name: String?) async throws -> Response {
        let body = try await request.body.collect(upTo: 4 << 20)
        let method = request.method.rawValue
        requests.append(Recorded(
            method: method, path: request.uri.path, labelSelector: request.uri.queryParameters.get("labelSelector"),
            authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: String(buffer: body)))
        for waiter in waiters where waiter.method == method { waiter.continuation.resume() }
        waiters.removeAll { $0.method == method }
        if let index = refusals.firstIndex(where: { $0.method == method }) {
            let refusal = refusals.remove(at: index)
            return Self.status(refusal.status, reason: "InternalError", message: refusal.message)
        }
        switch (method, name) {
        case ("GET", nil):
            let selector = Self.selector(request.uri.queryParameters.get("labelSelector"))
            var items: [Any] = []
            for key in deployments.keys.sorted() {
                let object = try Self.object(deployments[key] ?? Data())
                let labels = ((object["metadata"] as? [String: Any])?["labels"] as? [String: String]) ?? [:]
                if selector.allSatisfy({ labels[$0.key] == $0.value }) { items.append(object) }
            }
            return try Self.json(200, ["kind": "DeploymentList", "apiVersion": "apps/v1", "items": items])
        case ("POST", nil):
            let object = try Self.object(Data(body.readableBytesView))
            guard let name = Self.name(object) else { return Self.status(422, reason: "Invalid", message: "metadata.name: Required value") }
            if deployments[name] != nil {
                return Self.status(409, reason: "AlreadyExists", message: "deployments.apps \"\(name)\" already exists")
            }
            deployments[name] = try store(object)
            return try Self.json(201, try Self.object(deployments[name] ?? Data()))
        case ("PUT", let name?):
            guard let current = deployments[name] else { return Self.notFound(name) }
            let object = try Self.object(Data(body.readableBytesView))
            let sent = (object["metadata"] as? [String: Any])?["resourceVersion"] as? String
            let stored = (try Self.object(current)["metadata"] as? [String: Any])?["resourceVersion"] as? String
            if let sent, sent != stored {
                return Self.status(409, reason: "Conflict", message: "Operation cannot be fulfilled on deployments.apps \"\(name)\": the object has been modified")
            }
            deployments[name] = try store(object)
            return try Self.json(200, try Self.object(deployments[name] ?? Data()))
        case ("PATCH", let name?):
            guard let current = deployments[name] else { return Self.notFound(name) }
            let merged = Self.merge(try Self.object(current), patch: try Self.object(Data(body.readableBytesView)))
            deployments[name] = try store(merged)
            return try Self.json(200, merged)
        case ("DELETE", let name?):
            guard deployments.removeValue(forKey: name) != nil else { return Self.notFound(name) }
            return try Self.json(200, ["kind": "Status", "status": "Success"])
        case ("GET", let name?):
            guard let current = deployments[name] else { return Self.notFound(name) }
            return try Self.json(200, try Self.object(current))
        default:
            return Self.status(405, reason: "MethodNotAllowed", message: "\(method) is not served here")
        }
    }

    private func store(_ object: [String: Any]) throws -> Data {
        var object = object
        var metadata = object["metadata"] as? [String: Any] ?? [:]
        metadata["resourceVersion"] = String(nextVersion)
        nextVersion += 1
        object["metadata"] = metadata
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    // MARK: JSON helpers

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func name(_ object: [String: Any]) -> String? {
        (object["metadata"] as? [String: Any])?["name"] as? String
    }

    static func selector(_ text: String?) -> [String: String] {
        var pairs: [String: String] = [:]
        for term in (text ?? "").split(separator: ",") {
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { pairs[parts[0]] = parts[1] }
        }
        return pairs
    }

    /// RFC 7386 JSON merge patch.
    static func merge(_ target: [String: Any], patch: [String: Any]) -> [String: Any] {
        var result = target
        for (key, value) in patch {
            if value is NSNull {
                result.removeValue(forKey: key)
            } else if let inner = value as? [String: Any] {
                result[key] = merge(result[key] as? [String: Any] ?? [:], patch: inner)
            } else {
                result[key] = value
            }
        }
        return result
    }

    static func json(_ status: Int, _ object: [String: Any]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func status(_ code: Int, reason: String, message: String) -> Response {
        let object: [String: Any] = ["kind": "Status", "apiVersion": "v1", "status": "Failure", "message": message, "reason": reason, "code": code]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: .init(code: code), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func notFound(_ name: String) -> Response {
        status(404, reason: "NotFound", message: "deployments.apps \"\(name)\" not found")
    }
}

/// The fields of a stored Deployment the tests look at.
struct StoredDeployment {
    let object: [String: Any]

    init(_ data: Data) throws { object = try FakeKubernetesAPI.object(data) }

    var metadata: [String: Any] { object["metadata"] as? [String: Any] ?? [:] }
    var labels: [String: String] { metadata["labels"] as? [String: String] ?? [:] }
    var annotations: [String: String] { metadata["annotations"] as? [String: String] ?? [:] }
    var replicas: Int? { ((object["spec"] as? [String: Any])?["replicas"] as? NSNumber)?.intValue }
    var podSpec: [String: Any] {
        (((object["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]) ?? [:]
    }
    var userContainer: [String: Any] { (podSpec["containers"] as? [[String: Any]])?.first ?? [:] }
    var image: String? { userContainer["image"] as? String }
    var arguments: [String] { userContainer["args"] as? [String] ?? [] }
    var limits: [String: String] { ((userContainer["resources"] as? [String: Any])?["limits"] as? [String: String]) ?? [:] }
}
