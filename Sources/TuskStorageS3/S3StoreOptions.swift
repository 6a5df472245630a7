import TuskCore

/// Tuning of an `S3ObjectStore`: when to switch to multipart upload, how big parts are, how
/// requests are retried and timed out.
///
/// Defaults suit AWS; tests lower the multipart threshold and part size (down to S3's 5 MiB
/// minimum) and the retry delays so that the same code paths run quickly.
public struct S3StoreOptions: Sendable {
    /// S3's smallest allowed part, except for the last part of an upload.
    public static let minimumPartSize = 5 * 1024 * 1024
    /// S3's largest number of parts in one upload.
    public static let maximumPartCount = 10_000

    /// Objects larger than this many bytes are uploaded in parts (default 64 MiB).
    public var multipartThreshold: Int
    /// The size of each part but the last (default 16 MiB, at least 5 MiB). Raised for objects
    /// that would otherwise need more than 10,000 parts.
    public var partSize: Int
    /// Retries of failed requests.
    public var retry: S3RetryPolicy
    /// The limit on one request, from sending it to reading its whole response.
    public var requestTimeout: Duration
    /// Keys asked for per ListObjectsV2 page (S3 returns at most 1000).
    public var listPageSize: Int
    /// When set, every request goes to this address while the `Host` header and the signature
    /// still name the real (virtual-host or path-style) host. For reaching a service through a
    /// tunnel or a local address that lacks the DNS names virtual-host addressing needs, such
    /// as `bucket.localhost` in tests. Leave nil in production.
    public var connectTo: S3Endpoint?

    public init(multipartThreshold: Int = 64 * 1024 * 1024, partSize: Int = 16 * 1024 * 1024, retry: S3RetryPolicy = .standard,
                requestTimeout: Duration = .seconds(300), listPageSize: Int = 1000, connectTo: S3Endpoint? = nil) {
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.listPageSize = listPageSize
        self.connectTo = connectTo
    }

    /// Refuses values S3 would reject.
    func validate() throws {
        guard partSize >= Self.minimumPartSize else {
            throw TuskError.invalid("S3 part size \(partSize) is below S3's minimum of \(Self.minimumPartSize) bytes (5 MiB)", location: "partSize")
        }
        guard multipartThreshold >= 0 else {
            throw TuskError.invalid("S3 multipart threshold \(multipartThreshold) is negative", location: "multipartThreshold")
        }
        guard (1...1000).contains(listPageSize) else {
            throw TuskError.invalid("S3 list page size \(listPageSize) is outside 1...1000", location: "listPageSize")
        }
        guard requestTimeout > .zero else {
            throw TuskError.invalid("S3 request timeout must be positive", location: "requestTimeout")
        }
    }
}
