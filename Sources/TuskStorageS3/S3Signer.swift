import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// AWS Signature Version 4 for S3 requests, as a pure value: no clock, no I/O.
///
/// It exists apart from the HTTP code so the exact bytes that AWS checks (canonical request,
/// string to sign, signing key, `Authorization` header) can be tested against AWS's published
/// examples, and so the store signs every attempt of a request the same way. The caller gives
/// the time; the payload is always identified by its real SHA-256 (the store never sends
/// `UNSIGNED-PAYLOAD`), so S3 rejects a body corrupted on the way.
public struct S3Signer: Sendable {
    /// The SHA-256 of an empty payload, for requests without a body.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The algorithm name in the string to sign and the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"

    public let credentials: S3Credentials
    public let region: String
    public let service: String

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// One request to sign. The path is already encoded (see `S3URIEncoding.encodePath`) and is
    /// sent exactly as given; query names and values are raw and encoded here.
    public struct Request: Sendable {
        public var method: String
        public var encodedPath: String
        public var query: [(name: String, value: String)]
        /// Headers to send and sign, including `host`; names in any case.
        public var headers: [(name: String, value: String)]
        /// The lowercase hex SHA-256 of the body.
        public var payloadSHA256: String

        public init(method: String, encodedPath: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)], payloadSHA256: String) {
            self.method = method
            self.encodedPath = encodedPath
            self.query = query
            self.headers = headers
            self.payloadSHA256 = payloadSHA256
        }
    }

    /// A signed request: the intermediate texts (for tests and diagnostics) and the headers to send.
    public struct Signed: Sendable {
        public let canonicalRequest: String
        public let stringToSign: String
        public let signature: String
        public let authorization: String
        /// The request's headers plus `x-amz-date`, `x-amz-content-sha256`,
        /// `x-amz-security-token` (with temporary credentials) and `Authorization`.
        public let headers: [(name: String, value: String)]
    }

    /// Signs `request` as made at `date`.
    public func sign(_ request: Request, at date: Date) -> Signed {
        let (dateTime, day) = Self.timestamps(date)
        var headers = request.headers.filter { name, _ in
            let lower = name.lowercased()
            return lower != "x-amz-date" && lower != "x-amz-content-sha256" && lower != "x-amz-security-token" && lower != "authorization"
        }
        headers.append(("x-amz-date", dateTime))
        headers.append(("x-amz-content-sha256", request.payloadSHA256))
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }

        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonicalRequest = [
            request.method,
            request.encodedPath.isEmpty ? "/" : request.encodedPath,
            S3URIEncoding.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            request.payloadSHA256,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [Self.algorithm, dateTime, scope, Self.sha256Hex(Data(canonicalRequest.utf8))].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(day: day)))
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope),SignedHeaders=\(signedHeaders),Signature=\(signature)"
        headers.append(("Authorization", authorization))
        return Signed(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature, authorization: authorization, headers: headers)
    }

    /// The key for one day's signatures: HMAC chain of `AWS4<secret>`, the day, region,
    /// service and `aws4_request`.
    public func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Lower-case names sorted, values trimmed with inner runs of spaces collapsed, repeated
    /// names joined by commas; returns the header block (each line ending in a newline) and the
    /// `;`-separated list of signed names.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            merged[name.lowercased(), default: []].append(normalizeValue(value))
        }
        let names = merged.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in names {
            block += "\(name):\(merged[name, default: []].joined(separator: ","))\n"
        }
        return (block, names.joined(separator: ";"))
    }

    private static func normalizeValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd` in UTC.
    public static func timestamps(_ date: Date) -> (dateTime: String, day: String) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let day = pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2)
        return (day + "T" + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z", day)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var output = [UInt8]()
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
