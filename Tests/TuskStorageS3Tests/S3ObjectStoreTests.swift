import AsyncHTTPClient
import Foundation
import Testing
import TuskCore
import TuskStorage
@testable import TuskStorageS3
import TuskTesting

/// The S3 store against a real S3-compatible server (moto unless `TUSK_TEST_S3_ENDPOINT`).
@Suite struct S3ObjectStoreTests {
    @Test func pathStylePassesTheConformanceSuite() async throws {
        let bucket = S3TestServer.uniqueBucketName()
        var count = 0
        try await ObjectStoreConformance().run {
            count += 1
            // One bucket, a fresh prefix per check: the prefix must isolate stores.
            return try await S3Fixtures.pathStyleStore(bucket: bucket, prefix: "check-\(count)/nested")
        }
    }

    @Test func virtualHostPassesTheConformanceSuite() async throws {
        try await ObjectStoreConformance().run {
            try await S3Fixtures.virtualHostStore(bucket: S3TestServer.uniqueBucketName("tusk-vhost"))
        }
    }

    @Test func virtualHostAndPathStyleNameTheSameObjects() async throws {
        let bucket = S3TestServer.uniqueBucketName("tusk-vhost")
        let virtual = try await S3Fixtures.virtualHostStore(bucket: bucket)
        try await virtual.put(try ObjectKey("seen/by/both"), Data("same".utf8))
        let path = try await S3Fixtures.pathStyleStore(bucket: bucket)
        #expect(try await path.get(try ObjectKey("seen/by/both")) == Data("same".utf8))
        #expect(try await path.list(prefix: "").map(\.path) == ["seen/by/both"])
    }

    @Test func multipartUploadsPassTheConformanceSuite() async throws {
        // The suite's 9 MiB object crosses a 5 MiB threshold: two parts.
        let bucket = S3TestServer.uniqueBucketName()
        var count = 0
        try await ObjectStoreConformance().run {
            count += 1
            return try await S3Fixtures.pathStyleStore(bucket: bucket, prefix: "multipart-\(count)", options: S3Fixtures.options(multipartThreshold: 5 << 20))
        }
    }

    @Test func aTwelveMebibyteObjectGoesUpInThreePartsAndIsOneObject() async throws {
        let store = try await S3Fixtures.pathStyleStore(bucket: S3TestServer.uniqueBucketName(), prefix: "big", options: S3Fixtures.options(multipartThreshold: 5 << 20))
        var generator = SeededBytes(seed: 7)
        let data = generator.next(count: 12 << 20)
        let key = try ObjectKey("chunks/12/twelve")
        try await store.put(key, data)
        #expect(try await store.get(key) == data)
        #expect(try await store.list(prefix: "").map(\.path) == ["chunks/12/twelve"])
        // S3 gives a multipart object the ETag "<md5 of part md5s>-<part count>".
        let head = S3Client.Call(operation: "HeadObject", key: store.location.bucketKey(key), method: .HEAD)
        let etag = try await store.client.send(head) { $0.headers.first(name: "etag") }
        #expect(etag?.hasSuffix("-3\"") == true, "ETag \(etag ?? "none")")
        // No upload is left open.
        let uploads = S3Client.Call(operation: "ListMultipartUploads", key: nil, method: .GET, query: [("uploads", "")])
        let listing = try await store.client.send(uploads) { try await S3Client.text($0) }
        #expect(!listing.contains("<UploadId>"), "\(listing)")
    }

    @Test func aStreamedUploadGoesUpPartByPartOrInOnePut() async throws {
        let store = try await S3Fixtures.pathStyleStore(bucket: S3TestServer.uniqueBucketName(), prefix: "egress", options: S3Fixtures.options(multipartThreshold: 5 << 20))
        var generator = SeededBytes(seed: 11)
        for size in [0, 3 << 20, (11 << 20) + 17] {
            let data = generator.next(count: size)
            // Uneven pieces, as a file's chunks arrive.
            let stream = AsyncThrowingStream<Data, any Error> { continuation in
                var offset = 0
                var piece = 777_777
                while offset < data.count {
                    let end = min(data.count, offset + piece)
                    continuation.yield(data.subdata(in: offset..<end))
                    offset = end
                    piece = piece * 3 % 2_000_003 + 1
                }
                continuation.finish()
            }
            let key = try ObjectKey("out/file-\(size)")
            try await store.upload(key, size: Int64(size), content: stream)
            #expect(try await store.get(key) == data, "size \(size)")
        }
        let short = AsyncThrowingStream<Data, any Error> { continuation in
            continuation.yield(Data(count: 10))
            continuation.finish()
        }
        await #expect(throws: TuskError.self) { try await store.upload(try ObjectKey("out/short"), size: 11, content: short) }
        #expect(try await store.exists(try ObjectKey("out/short")) == false)
    }

    @Test func listingFollowsContinuationTokens() async throws {
        let store = try await S3Fixtures.pathStyleStore(bucket: S3TestServer.uniqueBucketName(), options: S3Fixtures.options(listPageSize: 2))
        let paths = (0..<7).map { "page/\($0)" } + ["pages", "other/x"]
        for path in paths { try await store.put(try ObjectKey(path), Data(path.utf8)) }
        #expect(try await store.list(prefix: "page/").map(\.path) == (0..<7).map { "page/\($0)" })
        #expect(try await store.list(prefix: "").count == 9)
    }

    @Test func keysWithReservedCharactersRoundTrip() async throws {
        let store = try await S3Fixtures.pathStyleStore(bucket: S3TestServer.uniqueBucketName(), prefix: "odd prefix+")
        let paths = ["a b/c+d", "dollar$/x=y&z", "ключ/é", "tilde~/under_score.dot-dash", "percent%25/q?hash#"]
        for path in paths { try await store.put(try ObjectKey(path), Data(path.utf8)) }
        for path in paths { #expect(try await store.get(try ObjectKey(path)) == Data(path.utf8), "\(path)") }
        #expect(try await store.list(prefix: "").map(\.path) == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func aMissingBucketIsNamedNotMistakenForAMissingObject() async throws {
        let server = try S3Fixtures.server
        let bucket = S3TestServer.uniqueBucketName("tusk-absent")
        let store = try S3ObjectStore.open(url: "s3://\(bucket)?endpoint=\(server.endpoint)", credentials: try S3Fixtures.credentials(), httpClient: HTTPClient.shared, options: S3Fixtures.options(), environment: [:])
        do {
            _ = try await store.get(try ObjectKey("some/key"))
            Issue.record("a get from a missing bucket succeeded")
        } catch let error as TuskError {
            #expect((error.cause as? S3ServiceError)?.code == "NoSuchBucket", "\(error)")
            #expect(error.message.contains(bucket) && error.message.contains("GetObject"))
        }
    }

    @Test func creatingAnExistingBucketIsFine() async throws {
        let bucket = S3TestServer.uniqueBucketName()
        let store = try await S3Fixtures.pathStyleStore(bucket: bucket)
        try await store.createBucketIfMissing()
        try await store.put(try ObjectKey("x"), Data([1]))
        try await store.createBucketIfMissing()
        #expect(try await store.exists(try ObjectKey("x")))
    }
}

/// Signatures checked by a server: moto with IAM authentication recomputes each one.
@Suite struct S3SignatureVerificationTests {
    @Test func aServerThatChecksSignaturesAcceptsOursAndRefusesAWrongSecret() async throws {
        let server = try AuthenticatingMotoServer()
        defer { server.stop() }
        let url = "s3://tusk-signed?endpoint=\(server.endpoint)"
        let store = try S3ObjectStore.open(url: url, credentials: server.credentials, httpClient: HTTPClient.shared, options: S3Fixtures.options(), environment: [:])
        try await store.createBucketIfMissing()
        let key = try ObjectKey("chunks/ab/abcdef0123")
        let data = Data("signed bytes".utf8)
        try await store.put(key, data)
        #expect(try await store.get(key) == data)
        #expect(try await store.exists(key))
        #expect(try await store.list(prefix: "").map(\.path) == [key.path])
        try await store.delete(key)
        #expect(!(try await store.exists(key)))

        let wrong = S3Credentials(accessKeyId: server.credentials.accessKeyId, secretAccessKey: "not-the-secret")
        let impostor = try S3ObjectStore.open(url: url, credentials: wrong, httpClient: HTTPClient.shared, options: S3Fixtures.options(), environment: [:])
        do {
            try await impostor.put(key, data)
            Issue.record("a request with a wrong secret was accepted")
        } catch let error as TuskError {
            #expect(error.code == .permissionDenied)
            #expect((error.cause as? S3ServiceError)?.code == "SignatureDoesNotMatch", "\(error)")
            #expect(error.message.contains("SignatureDoesNotMatch") && !error.message.contains("attempts"), "\(error.message)")
        }
    }
}
