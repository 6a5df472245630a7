import AsyncHTTPClient
import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskStorageS3

/// Retries against a server that fails on purpose (see `FlakyS3Server`).
@Suite struct S3RetryTests {
    static func store(_ server: FlakyS3Server) throws -> S3ObjectStore {
        try S3ObjectStore.open(
            url: "s3://flaky-bucket?endpoint=\(server.endpoint)", credentials: S3Credentials(accessKeyId: "test", secretAccessKey: "test"),
            httpClient: HTTPClient.shared,
            options: S3StoreOptions(retry: S3RetryPolicy(maxAttempts: 3, baseDelay: .zero), requestTimeout: .seconds(30)),
            environment: [:])
    }

    @Test func slowDownIsRetriedUntilItSucceeds() async throws {
        let server = try FlakyS3Server()
        defer { server.stop() }
        let store = try Self.store(server)
        #expect(try await store.get(try ObjectKey("slow-get")) == Data("recovered".utf8))
        #expect(try await server.requests(to: "/flaky-bucket/slow-get") == 3)
        try await store.put(try ObjectKey("dir/slow-put"), Data(repeating: 1, count: 1000))
        #expect(try await server.requests(to: "/flaky-bucket/dir/slow-put") == 3)
    }

    @Test func requestTimeoutAndDroppedConnectionsAreRetried() async throws {
        let server = try FlakyS3Server()
        defer { server.stop() }
        let store = try Self.store(server)
        #expect(try await store.get(try ObjectKey("timeout-1")) == Data("recovered".utf8))
        #expect(try await server.requests(to: "/flaky-bucket/timeout-1") == 2)
        #expect(try await store.get(try ObjectKey("drop-1")) == Data("recovered".utf8))
        #expect(try await server.requests(to: "/flaky-bucket/drop-1") == 2)
    }

    @Test func aPermanentDenialIsNotRetriedAndNamesTheS3Code() async throws {
        let server = try FlakyS3Server()
        defer { server.stop() }
        let store = try Self.store(server)
        do {
            _ = try await store.get(try ObjectKey("secret/denied"))
            Issue.record("a 403 was taken for success")
        } catch let error as TuskError {
            #expect(error.code == .permissionDenied)
            #expect(error.message.contains("AccessDenied"), "\(error.message)")
            #expect(error.message.contains("GetObject") && error.message.contains("secret/denied"), "\(error.message)")
            #expect((error.cause as? S3ServiceError)?.status == 403)
        }
        #expect(try await server.requests(to: "/flaky-bucket/secret/denied") == 1)
    }

    @Test func attemptsAreBoundedAndTheLastErrorSaysSo() async throws {
        let server = try FlakyS3Server()
        defer { server.stop() }
        let store = try Self.store(server)
        do {
            try await store.put(try ObjectKey("always-busy"), Data("x".utf8))
            Issue.record("an always-failing put succeeded")
        } catch let error as TuskError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("PutObject") && error.message.contains("always-busy"), "\(error.message)")
            #expect(error.message.contains("after 3 attempts") && error.message.contains("HTTP 503 SlowDown"), "\(error.message)")
        }
        #expect(try await server.requests(to: "/flaky-bucket/always-busy") == 3)
    }

    @Test func anUnreachableEndpointFailsAfterBoundedAttempts() async throws {
        // A port nothing listens on: the flaky server's, after it stopped.
        let server = try FlakyS3Server()
        let endpoint = server.endpoint
        server.stop()
        // By default async-http-client retries connecting until its connect timeout (90 s);
        // a server configures a short one, as here, so that S3 retries stay bounded in time.
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(2)
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let store = try S3ObjectStore.open(
            url: "s3://flaky-bucket?endpoint=\(endpoint)", credentials: S3Credentials(accessKeyId: "test", secretAccessKey: "test"),
            httpClient: client, options: S3StoreOptions(retry: S3RetryPolicy(maxAttempts: 2, baseDelay: .zero)), environment: [:])
        let outcome: Result<Bool, any Error>
        do { outcome = .success(try await store.exists(try ObjectKey("k"))) } catch { outcome = .failure(error) }
        try await client.shutdown()
        guard case .failure(let failure) = outcome, let error = failure as? TuskError else {
            Issue.record("a request to a closed port gave \(outcome)")
            return
        }
        #expect(error.code == .unavailable)
        #expect(error.message.contains("HeadObject") && error.message.contains("after 2 attempts"), "\(error.message)")
    }
}
