import Foundation
import NIOCore
import TuskCore

extension S3ObjectStore {
    /// Creates the location's bucket unless it already exists and is reachable with these
    /// credentials. For `tusk serve` on a fresh MinIO or moto, and for tests that each make
    /// their own bucket. Outside `us-east-1` the bucket is created in the location's region.
    public func createBucketIfMissing() async throws {
        let head = S3Client.Call(operation: "HeadBucket", key: nil, method: .HEAD)
        let exists = try await client.send(head, passing: [404]) { $0.status != .notFound }
        if exists { return }
        var call = S3Client.Call(operation: "CreateBucket", key: nil, method: .PUT)
        if location.region != "us-east-1" {
            let document = Data("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(S3XML.escape(location.region))</LocationConstraint></CreateBucketConfiguration>".utf8)
            call.headers = [("content-type", "application/xml")]
            call.body = document
            call.payloadSHA256 = S3Signer.sha256Hex(document)
        }
        try await client.send(call, passing: [409]) { response in
            guard response.status == .conflict else { return }
            let error = await S3Client.serviceError(response)
            // Created meanwhile by this account (another server starting at once): fine.
            if error.code == "BucketAlreadyOwnedByYou" { return }
            throw TuskError(.alreadyExists, "S3 bucket \"\(location.bucket)\" at \(location.endpoint) cannot be created: \(error); bucket names are global, choose another", location: location.bucket, cause: error)
        }
    }
}
