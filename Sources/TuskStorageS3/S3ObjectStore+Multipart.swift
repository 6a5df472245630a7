import Foundation
import NIOCore
import TuskCore
import TuskStorage

extension S3ObjectStore {
    /// Uploads `data` as a multipart upload: create, upload parts one after another (each a
    /// slice of `data`, streamed in 4 MiB send buffers), complete. Any failure aborts the
    /// upload so S3 does not keep (and bill) its parts.
    func putInParts(_ key: ObjectKey, _ data: Data) async throws {
        let partSize = Self.partSize(objectSize: data.count, preferred: options.partSize)
        var offset = data.startIndex
        try await uploadParts(key) {
            guard offset < data.endIndex else { return nil }
            let end = data.index(offset, offsetBy: partSize, limitedBy: data.endIndex) ?? data.endIndex
            defer { offset = end }
            return data[offset..<end]
        }
    }

    /// Streams `content`, exactly `size` bytes, to `key`: one PUT when it fits under the
    /// multipart threshold, else a multipart upload holding one part in memory at a time. For
    /// files of any size whose bytes arrive as a stream (pipeline egress), where `put` would
    /// need them all in memory.
    public func upload(_ key: ObjectKey, size: Int64, content: AsyncThrowingStream<Data, any Error>) async throws {
        var iterator = content.makeAsyncIterator()
        var pending = Data()
        var finished = false
        func fill(upTo limit: Int) async throws -> Data {
            while pending.count < limit, !finished {
                if let chunk = try await iterator.next() { pending.append(chunk) } else { finished = true }
            }
            let taken = pending.prefix(limit)
            pending = Data(pending.dropFirst(taken.count))
            return Data(taken)
        }
        if size <= Int64(options.multipartThreshold) {
            let data = try await fill(upTo: Int(size) + 1)
            guard Int64(data.count) == size else {
                throw TuskError.invalid("upload of \(key.path) promised \(size) bytes but the content had \(data.count)", location: key.path)
            }
            try await put(key, data)
            return
        }
        let partSize = Self.partSize(objectSize: Int(size), preferred: options.partSize)
        var sent: Int64 = 0
        try await uploadParts(key) {
            let part = try await fill(upTo: partSize)
            sent += Int64(part.count)
            if part.isEmpty || sent > size {
                guard sent == size else {
                    throw TuskError.invalid("upload of \(key.path) promised \(size) bytes but the content had \(sent)", location: key.path)
                }
                return nil
            }
            return part
        }
    }

    /// A multipart upload of the parts `nextPart` returns in order (nil after the last).
    private func uploadParts(_ key: ObjectKey, nextPart: () async throws -> Data?) async throws {
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
            var parts: [(number: Int, etag: String)] = []
            while let part = try await nextPart() {
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
