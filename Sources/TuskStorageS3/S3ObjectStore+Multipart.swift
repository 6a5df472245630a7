import Foundation
import NIOCore
import TuskCore
import TuskStorage

extension S3ObjectStore {
    /// Uploads `data` as a multipart upload: create, upload parts one after another (each a
    /// slice of `data`, streamed in 4 MiB send buffers), complete. Any failure aborts the
    /// upload so S3 does not keep (and bill) its parts.
    func putInParts(_ key: ObjectKey, _ data: Data) async throws {
        let bucketKey = location.bucketKey(key)
        let uploadId = try await client.send(
            S3Client.Call(operation: "CreateMultipartUpload", key: bucketKey, method: .POST, query: [("uploads", "")])
        ) { response -> String in
            let xml = try await S3Client.text(response)
            guard let uploadId = S3XML.text(of: "UploadId", in: xml), !uploadId.isEmpty else {
                throw S3ServiceError(status: 200, code: "MalformedResponse", message: "the answer to CreateMultipartUpload has no UploadId")
            }
            return uploadId
        }
        do {
            let partSize = Self.partSize(objectSize: data.count, preferred: options.partSize)
            var parts: [(number: Int, etag: String)] = []
            var offset = data.startIndex
            while offset < data.endIndex {
                let end = data.index(offset, offsetBy: partSize, limitedBy: data.endIndex) ?? data.endIndex
                let part = data[offset..<end]
                let number = parts.count + 1
                let call = S3Client.Call(
                    operation: "UploadPart", key: bucketKey, method: .PUT,
                    query: [("partNumber", String(number)), ("uploadId", uploadId)],
                    body: part, payloadSHA256: S3Signer.sha256Hex(part))
                let etag = try await client.send(call) { response -> String in
                    guard let etag = response.headers.first(name: "etag"), !etag.isEmpty else {
                        throw S3ServiceError(status: Int(response.status.code), code: "MalformedResponse", message: "the answer to UploadPart \(number) has no ETag")
                    }
                    return etag
                }
                parts.append((number, etag))
                offset = end
            }
            let document = Data(Self.completionDocument(parts).utf8)
            let call = S3Client.Call(
                operation: "CompleteMultipartUpload", key: bucketKey, method: .POST, query: [("uploadId", uploadId)],
                headers: [("content-type", "application/xml")],
                body: document, payloadSHA256: S3Signer.sha256Hex(document))
            do {
                try await client.send(call) { response in
                    // S3 may answer 200 and report a failure in the body.
                    let xml = try await S3Client.text(response)
                    if xml.contains("<Error>") { throw S3ServiceError(status: 200, body: xml) }
                }
            } catch let error as TuskError where (error.cause as? S3ServiceError)?.code == "NoSuchUpload" {
                // A retried completion whose first attempt succeeded but whose answer was lost:
                // the upload is gone because the object exists (its key names its content).
                if try await exists(key) { return }
                throw error
            }
        } catch {
            await abortUpload(bucketKey: bucketKey, uploadId: uploadId)
            throw error
        }
    }

    /// Best effort: a failed abort leaves parts that a bucket lifecycle rule can expire. Runs
    /// detached so that it is still sent when the upload failed because its task was cancelled.
    private func abortUpload(bucketKey: String, uploadId: String) async {
        let client = self.client
        let call = S3Client.Call(operation: "AbortMultipartUpload", key: bucketKey, method: .DELETE, query: [("uploadId", uploadId)])
        await Task.detached {
            do {
                try await client.send(call, passing: [404]) { _ in }
            } catch {
                client.logger.warning("could not abort S3 multipart upload \(uploadId) of \"\(bucketKey)\": \(error)")
            }
        }.value
    }

    /// `preferred`, raised when the object would otherwise need more than 10,000 parts.
    static func partSize(objectSize: Int, preferred: Int) -> Int {
        let needed = (objectSize + S3StoreOptions.maximumPartCount - 1) / S3StoreOptions.maximumPartCount
        return max(preferred, needed, S3StoreOptions.minimumPartSize)
    }

    /// The `CompleteMultipartUpload` document listing the parts and their ETags.
    static func completionDocument(_ parts: [(number: Int, etag: String)]) -> String {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XML.escape(part.etag))</ETag></Part>"
        }
        return xml + "</CompleteMultipartUpload>"
    }
}
