import AsyncHTTPClient
import Foundation
import TuskCore
import TuskPPS
import TuskStorage
import TuskStorageS3

/// Pipeline egress to `s3://bucket/prefix?...` URLs through the same S3 client as the object
/// store (same signing, retries, credentials and options in the URL): each output file becomes
/// the object `<prefix>/<path in the commit>`, streamed part by part.
struct S3EgressResolver: EgressResolver {
    let credentials: S3CredentialFlags
    let httpClient: HTTPClient

    func destination(for url: String) async throws -> (any EgressDestination)? {
        guard url.hasPrefix("s3://") else { return nil }
        let store = try StoreFactory.openS3(url, credentials: credentials, httpClient: httpClient)
        return S3EgressDestination(store: store)
    }
}

struct S3EgressDestination: EgressDestination {
    let store: S3ObjectStore

    func write(path: String, size: Int64, content: AsyncThrowingStream<Data, any Error>) async throws {
        let key = try ObjectKey(String(path.drop(while: { $0 == "/" })))
        try await store.upload(key, size: size, content: content)
    }
}

/// The daemon's and the worker's one HTTP client (S3, `put file` URLs): connections that
/// cannot be made fail after 10 s instead of async-http-client's default of retrying for 90 s
/// inside each of the S3 store's own attempts.
func makeHTTPClient() -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}
