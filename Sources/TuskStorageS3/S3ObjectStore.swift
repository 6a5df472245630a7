import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TuskCore
import TuskStorage

/// An `ObjectStore` in an S3 bucket (AWS S3 or a compatible service such as MinIO or Ceph),
/// so that a Tusk cluster's chunks and tree nodes can live in durable shared storage.
///
/// Store key `k` is the S3 object `<prefix>k` of the location's bucket. Objects above
/// `options.multipartThreshold` are uploaded in parts, one part in memory at a time. Every
/// request is signed with SigV4 over the real SHA-256 of its body, so S3 refuses a body
/// damaged on the way. Failed requests that a repeat can fix are retried with jittered
/// exponential backoff. `sync()` does nothing: S3 makes an object durable before it answers a
/// PUT (or a multipart completion) with success.
public final class S3ObjectStore: ObjectStore {
    /// The bucket, prefix and service.
    public let location: S3Location
    public let options: S3StoreOptions
    let client: S3Client

    /// A store at `location` signing with `credentials`. `httpClient` is owned by the caller,
    /// who shuts it down after the store's last use.
    public init(location: S3Location, credentials: S3Credentials, httpClient: HTTPClient,
                options: S3StoreOptions = S3StoreOptions(), logger: Logger = Logger(label: "tusk.storage.s3")) throws {
        try options.validate()
        self.location = location
        self.options = options
        self.client = S3Client(
            httpClient: httpClient, location: location,
            signer: S3Signer(credentials: credentials, region: location.region),
            options: options, logger: logger)
    }

    /// Opens the store a storage URL names (see `S3Location`), with `credentials` if given,
    /// else credentials from the environment or the shared credentials file. This is the
    /// factory the server calls for `--storage s3://...`; it sends no request (call
    /// `createBucketIfMissing()` to create the bucket).
    public static func open(url: String, credentials: S3Credentials?, httpClient: HTTPClient,
                            options: S3StoreOptions = S3StoreOptions(),
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "tusk.storage.s3")) throws -> S3ObjectStore {
        let location = try S3Location(parsing: url, environment: environment)
        let resolved = try S3Credentials.resolve(explicit: credentials, profile: location.profile, environment: environment)
        return try S3ObjectStore(location: location, credentials: resolved, httpClient: httpClient, options: options, logger: logger)
    }

    public func put(_ key: ObjectKey, _ data: Data) async throws {
        if data.count > options.multipartThreshold {
            try await putInParts(key, data)
            return
        }
        let call = S3Client.Call(
            operation: "PutObject", key: location.bucketKey(key), method: .PUT,
            body: data, payloadSHA256: S3Signer.sha256Hex(data))
        try await client.send(call) { _ in }
    }

    public func get(_ key: ObjectKey) async throws -> Data {
        let call = S3Client.Call(operation: "GetObject", key: location.bucketKey(key), method: .GET)
        return try await client.send(call, passing: [404]) { response in
            if response.status == .notFound {
                let error = await S3Client.serviceError(response)
                if error.code == "NoSuchBucket" { throw client.failure(call, error, attempts: 1) }
                throw TuskError.missingObject(key)
            }
            let expected = response.headers.first(name: "content-length").flatMap(Int.init)
            var data = Data()
            data.reserveCapacity(min(expected ?? 0, 1 << 30))
            for try await chunk in response.body {
                chunk.withUnsafeReadableBytes { data.append($0.assumingMemoryBound(to: UInt8.self)) }
            }
            if let expected, expected != data.count {
                throw S3ServiceError(status: 200, code: "IncompleteBody", message: "read \(data.count) of \(expected) bytes")
            }
            return data
        }
    }

    public func exists(_ key: ObjectKey) async throws -> Bool {
        let call = S3Client.Call(operation: "HeadObject", key: location.bucketKey(key), method: .HEAD)
        return try await client.send(call, passing: [404]) { response in
            response.status != .notFound
        }
    }

    public func delete(_ key: ObjectKey) async throws {
        let call = S3Client.Call(operation: "DeleteObject", key: location.bucketKey(key), method: .DELETE)
        try await client.send(call, passing: [404]) { _ in }
    }

    public func list(prefix: String) async throws -> [ObjectKey] {
        var keys: [ObjectKey] = []
        var continuation: String?
        repeat {
            var query: [(name: String, value: String)] = [
                ("list-type", "2"), ("prefix", location.prefix + prefix), ("max-keys", String(options.listPageSize)),
            ]
            if let continuation { query.append(("continuation-token", continuation)) }
            let call = S3Client.Call(operation: "ListObjectsV2", key: nil, method: .GET, query: query)
            let page = try await client.send(call) { try await S3ListPage(xml: S3Client.text($0)) }
            for bucketKey in page.keys where bucketKey.hasPrefix(location.prefix) {
                // Keys that are not valid store keys (a console's "folder/" marker) are not Tusk objects.
                if let key = try? ObjectKey(String(bucketKey.dropFirst(location.prefix.count))) { keys.append(key) }
            }
            if page.isTruncated && page.nextContinuationToken == nil {
                throw TuskError(.internal, "S3 ListObjectsV2 of prefix \"\(location.prefix + prefix)\" in bucket \"\(location.bucket)\" returned a truncated page without a continuation token", location: location.prefix + prefix)
            }
            continuation = page.isTruncated ? page.nextContinuationToken : nil
        } while continuation != nil
        return keys.sorted()
    }

    /// Nothing to do: S3 answers a PUT or a multipart completion only once the object is
    /// stored durably, so every `put` that returned is already durable.
    public func sync() async throws {}
}
