/// One page of a ListObjectsV2 answer: the keys, and whether and how to ask for the next page.
struct S3ListPage: Sendable, Equatable {
    /// Full keys in the bucket, in the order S3 sent them (UTF-8 byte order).
    var keys: [String]
    var isTruncated: Bool
    var nextContinuationToken: String?

    init(keys: [String], isTruncated: Bool, nextContinuationToken: String?) {
        self.keys = keys
        self.isTruncated = isTruncated
        self.nextContinuationToken = nextContinuationToken
    }

    /// Reads a `ListBucketResult` document.
    init(xml: String) throws {
        guard xml.contains("<ListBucketResult") else {
            throw S3ServiceError(status: 200, code: "MalformedResponse", message: "the answer to ListObjectsV2 is not a ListBucketResult document: \(xml.prefix(200))")
        }
        keys = S3XML.texts(of: "Key", in: xml)
        isTruncated = S3XML.text(of: "IsTruncated", in: xml) == "true"
        nextContinuationToken = S3XML.text(of: "NextContinuationToken", in: xml).flatMap { $0.isEmpty ? nil : $0 }
    }
}
