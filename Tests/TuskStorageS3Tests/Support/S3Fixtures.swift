import AsyncHTTPClient
import Foundation
import TuskStorage
import TuskStorageS3
import TuskTesting

/// Stores on the process's S3 test server (moto, or `TUSK_TEST_S3_ENDPOINT`).
enum S3Fixtures {
    static var server: S3TestServer {
        get throws { try S3TestServer.shared() }
    }

    static func credentials() throws -> S3Credentials {
        let server = try server
        return S3Credentials(accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey)
    }

    /// Options for tests: S3's smallest parts, and retries without waiting.
    static func options(multipartThreshold: Int = 64 << 20, listPageSize: Int = 1000) -> S3StoreOptions {
        S3StoreOptions(multipartThreshold: multipartThreshold, partSize: S3StoreOptions.minimumPartSize,
                       retry: S3RetryPolicy(maxAttempts: 3, baseDelay: .zero), requestTimeout: .seconds(60), listPageSize: listPageSize)
    }

    /// A path-style store in `bucket` (created if missing) under `prefix`.
    static func pathStyleStore(bucket: String, prefix: String = "", options: S3StoreOptions = options()) async throws -> S3ObjectStore {
        let server = try server
        let url = "s3://\(bucket)\(prefix.isEmpty ? "" : "/" + prefix)?endpoint=\(server.endpoint)"
        let store = try S3ObjectStore.open(url: url, credentials: try credentials(), httpClient: HTTPClient.shared, options: options, environment: [:])
        try await store.createBucketIfMissing()
        return store
    }

    /// A virtual-host store in `bucket`: the Host header is `bucket.localhost:PORT` (which moto
    /// reads as virtual-host addressing) while connections go to 127.0.0.1:PORT, because
    /// `*.localhost` does not resolve on every machine.
    static func virtualHostStore(bucket: String, options base: S3StoreOptions = options()) async throws -> S3ObjectStore {
        let server = try server
        var options = base
        options.connectTo = try S3Endpoint(parsing: server.endpoint)
        let url = "s3://\(bucket)?endpoint=http://localhost:\(server.port)&path_style=false"
        let store = try S3ObjectStore.open(url: url, credentials: try credentials(), httpClient: HTTPClient.shared, options: options, environment: [:])
        try await store.createBucketIfMissing()
        return store
    }
}
