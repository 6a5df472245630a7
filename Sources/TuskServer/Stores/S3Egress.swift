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
