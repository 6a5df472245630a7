import Testing
@testable import TuskStorageS3

@Suite struct S3XMLTests {
    @Test func listPagesGiveKeysTruncationAndTheToken() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix>
            <KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
            <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
            <Contents><Key>p/a&amp;b &lt;c&gt;</Key><Size>1</Size></Contents>
            <Contents><Key>p/&#233;&#x4E2D;</Key><Size>2</Size></Contents>
            </ListBucketResult>
            """
        let page = try S3ListPage(xml: xml)
        #expect(page.keys == ["p/a&b <c>", "p/é中"])
        #expect(page.isTruncated)
        #expect(page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        let last = try S3ListPage(xml: "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>")
        #expect(last == S3ListPage(keys: [], isTruncated: false, nextContinuationToken: nil))
        #expect(throws: S3ServiceError.self) { try S3ListPage(xml: "<html>proxy error</html>") }
    }

    @Test func errorDocumentsGiveCodeMessageAndRequestId() {
        let error = S3ServiceError(status: 503, body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>R1</RequestId></Error>")
        #expect(error == S3ServiceError(status: 503, code: "SlowDown", message: "Please reduce your request rate.", requestId: "R1"))
        #expect(error.description == "HTTP 503 SlowDown: Please reduce your request rate. (request id R1)")
        #expect(error.isRetryable)
        #expect(S3ServiceError(status: 400, code: "RequestTimeout").isRetryable)
        #expect(S3ServiceError(status: 429).isRetryable)
        #expect(!S3ServiceError(status: 403, code: "AccessDenied").isRetryable)
        #expect(!S3ServiceError(status: 404, code: "NoSuchKey").isRetryable)
    }

    @Test func escapingRoundTrips() {
        let text = "\"a\" & 'b' <c>"
        #expect(S3XML.unescape(Substring(S3XML.escape(text))) == text)
        #expect(S3XML.unescape("&unknown; & alone") == "&unknown; & alone")
    }

    @Test func theCompletionDocumentListsPartsInOrder() {
        let document = S3ObjectStore.completionDocument([(1, "\"e1\""), (2, "\"e2\"")])
        #expect(document.contains("<Part><PartNumber>1</PartNumber><ETag>&quot;e1&quot;</ETag></Part><Part><PartNumber>2</PartNumber>"))
    }

    @Test func retryDelaysGrowWithinTheirCaps() {
        let policy = S3RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        var generator = SystemRandomNumberGenerator()
        for attempt in 2...8 {
            let cap = min(Duration.milliseconds(100) * (1 << (attempt - 2)), .seconds(1))
            for _ in 0..<50 {
                let delay = policy.delay(beforeAttempt: attempt, using: &generator)
                #expect(delay >= .zero && delay <= cap)
            }
        }
        #expect(S3RetryPolicy(baseDelay: .zero).delay(beforeAttempt: 5, using: &generator) == .zero)
    }
}
