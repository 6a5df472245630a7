import Foundation
import TuskCore
import TuskStorage

/// Where a Tusk object store lives in S3, parsed from the `--storage` URL
/// `s3://bucket[/prefix][?endpoint=http(s)://host:port&region=...&path_style=true|false&profile=...]`.
///
/// It exists so that one string in a flag or config file names the whole place (service,
/// bucket, key prefix, addressing) and so that each wrong part is refused with a message naming
/// that part. Objects live under `<prefix>/` in the bucket; the store's keys are relative to it.
public struct S3Location: Sendable, Equatable {
    /// The bucket name (3 to 63 lower-case letters, digits, `.` and `-`).
    public var bucket: String
    /// The key prefix inside the bucket: empty, or components ending in `/` (`tusk/prod/`).
    public var prefix: String
    /// The service: AWS's regional endpoint unless `endpoint=` was given.
    public var endpoint: S3Endpoint
    /// The signing region: `region=`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`.
    public var region: String
    /// `http://host/bucket/key` when true, `http://bucket.host/key` when false. Defaults to true
    /// for a custom endpoint (MinIO, Ceph, moto rarely have wildcard DNS) and false for AWS.
    public var pathStyle: Bool
    /// The shared credentials file profile chosen by `profile=`, if any.
    public var profile: String?

    /// The query options the URL accepts.
    public static let optionNames = ["endpoint", "region", "path_style", "profile"]

    public init(bucket: String, prefix: String = "", endpoint: S3Endpoint? = nil, region: String = "us-east-1", pathStyle: Bool? = nil, profile: String? = nil) {
        self.bucket = bucket
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        self.endpoint = endpoint ?? .aws(region: region)
        self.region = region
        self.pathStyle = pathStyle ?? (endpoint != nil)
        self.profile = profile
    }

    /// Parses a store URL; `environment` supplies the default region.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let example = "s3://bucket[/prefix][?endpoint=http://host:port&region=us-east-1&path_style=true&profile=name]"
        guard text.lowercased().hasPrefix("s3://") else {
            throw TuskError.invalid("S3 storage URL \"\(text)\" must start with s3:// (\(example))", location: text)
        }
        var rest = Substring(text.dropFirst(5))
        var queryText: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        let bucket: Substring
        var prefix: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            bucket = rest[..<slash]
            prefix = rest[rest.index(after: slash)...]
        } else {
            bucket = rest
        }
        try Self.validateBucket(String(bucket), url: text)
        while prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        var prefixText = ""
        if !prefix.isEmpty {
            guard let decoded = String(prefix).removingPercentEncoding else {
                throw TuskError.invalid("the prefix \"\(prefix)\" of S3 storage URL \"\(text)\" has a bad %-escape", location: "prefix")
            }
            do {
                prefixText = try ObjectKey(decoded).path + "/"
            } catch let error as TuskError {
                throw TuskError.invalid("the prefix \"\(decoded)\" of S3 storage URL \"\(text)\" is not a relative path of non-empty components: \(error.message)", location: "prefix")
            }
        }

        var options: [String: String] = [:]
        for pair in queryText.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard Self.optionNames.contains(name) else {
                throw TuskError.invalid("S3 storage URL \"\(text)\" has unknown option \"\(name)\"; the options are \(Self.optionNames.joined(separator: ", "))", location: name)
            }
            guard parts.count == 2, let value = String(parts[1]).removingPercentEncoding, !value.isEmpty else {
                throw TuskError.invalid("option \"\(name)\" of S3 storage URL \"\(text)\" needs a value (\(name)=...)", location: name)
            }
            guard options[name] == nil else {
                throw TuskError.invalid("option \"\(name)\" appears twice in S3 storage URL \"\(text)\"", location: name)
            }
            options[name] = value
        }

        let region = options["region"]
            ?? environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "us-east-1"
        guard !region.isEmpty, region.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw TuskError.invalid("S3 region \"\(region)\" should be lower-case letters, digits and dashes, such as us-east-1", location: "region")
        }
        let endpoint = try options["endpoint"].map { try S3Endpoint(parsing: $0) }
        var pathStyle: Bool?
        if let value = options["path_style"] {
            switch value.lowercased() {
            case "true", "1", "yes": pathStyle = true
            case "false", "0", "no": pathStyle = false
            default:
                throw TuskError.invalid("option path_style of S3 storage URL \"\(text)\" is \"\(value)\"; give true or false", location: "path_style")
            }
        }
        self.init(bucket: String(bucket), prefix: prefixText, endpoint: endpoint, region: region, pathStyle: pathStyle, profile: options["profile"])
    }

    /// The full key in the bucket of a store key.
    public func bucketKey(_ key: ObjectKey) -> String { prefix + key.path }

    /// `s3://bucket/prefix` (without options), for messages.
    public var displayName: String { "s3://\(bucket)/\(prefix)" }

    private static func validateBucket(_ bucket: String, url: String) throws {
        let bytes = Array(bucket.utf8)
        let allowed = bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        let edgesAreAlphanumeric = bytes.first.map { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") } == true
            && bytes.last.map { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") } == true
        guard (3...63).contains(bytes.count), allowed, edgesAreAlphanumeric, !bucket.contains("..") else {
            throw TuskError.invalid("the bucket \"\(bucket)\" of S3 storage URL \"\(url)\" is not a valid bucket name: use 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit", location: "bucket")
        }
    }
}
