import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TuskCore

/// Sends one S3 operation: addresses it (path-style or virtual-host), signs every attempt,
/// retries what a retry can fix, and turns the final failure into a `TuskError` that names
/// the operation, the key, the HTTP status and S3's error code and message.
struct S3Client: Sendable {
    let httpClient: HTTPClient
    let location: S3Location
    let signer: S3Signer
    let options: S3StoreOptions
    let logger: Logger

    /// One S3 request as the store describes it.
    struct Call: Sendable {
        /// The S3 action name, for messages: `PutObject`, `ListObjectsV2`, ...
        var operation: String
        /// The full key in the bucket, or nil for a bucket-level request.
        var key: String?
        var method: HTTPMethod
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        /// The body, or a slice of the caller's `Data`: async-http-client copies it into send
        /// buffers 4 MiB at a time, so no whole copy of it is ever made.
        var body: Data? = nil
        var payloadSHA256: String = S3Signer.emptyPayloadSHA256
    }

    /// The URL to send to, the `Host` header and the encoded path of a request.
    func address(key: String?, query: [(name: String, value: String)]) -> (url: String, host: String, encodedPath: String) {
        let encodedKey = key.map(S3URIEncoding.encodePath)
        let host: String
        let path: String
        let origin: String
        if location.pathStyle {
            host = location.endpoint.hostHeader()
            path = "/" + location.bucket + (encodedKey.map { "/" + $0 } ?? "")
            origin = location.endpoint.origin()
        } else {
            host = location.endpoint.hostHeader(subdomain: location.bucket)
            path = "/" + (encodedKey ?? "")
            origin = location.endpoint.origin(subdomain: location.bucket)
        }
        let queryText = S3URIEncoding.canonicalQuery(query)
        let url = (options.connectTo?.origin() ?? origin) + path + (queryText.isEmpty ? "" : "?" + queryText)
        return (url, host, path)
    }

    /// Sends `call` until it succeeds or fails for good. Responses with a 2xx status, or a
    /// status in `passing`, go to `handle`; an `S3ServiceError` thrown by `handle` (an error
    /// inside a 200 response) is retried like one from the status line.
    func send<Result: Sendable>(_ call: Call, passing: Set<Int> = [], handle: (HTTPClientResponse) async throws -> Result) async throws -> Result {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                let request = try makeRequest(call)
                let response = try await httpClient.execute(request, timeout: Self.timeAmount(options.requestTimeout), logger: logger)
                let status = Int(response.status.code)
                if (200..<300).contains(status) || passing.contains(status) {
                    return try await handle(response)
                }
                throw await Self.serviceError(response)
            } catch let error as S3ServiceError {
                guard error.isRetryable, attempt < options.retry.maxAttempts else {
                    throw failure(call, error, attempts: attempt)
                }
                logger.debug("S3 \(call.operation) attempt \(attempt) failed, retrying", metadata: ["key": "\(call.key ?? "")", "error": "\(error)"])
            } catch let error as TuskError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError {
                    throw TuskError(.cancelled, "S3 \(call.operation) \(subject(call)) was cancelled", location: call.key, cause: error)
                }
                guard attempt < options.retry.maxAttempts else {
                    throw TuskError(.unavailable, "S3 \(call.operation) \(subject(call)) at \(location.endpoint) failed\(Self.attemptsText(attempt)): cannot reach the service (\(error)); check the endpoint and the network", location: call.key, cause: error)
                }
                logger.debug("S3 \(call.operation) attempt \(attempt) could not connect, retrying", metadata: ["key": "\(call.key ?? "")", "error": "\(error)"])
            }
            attempt += 1
            try await Task.sleep(for: options.retry.delay(beforeAttempt: attempt, using: &generator))
        }
    }

    /// The final error for an S3 failure of `call`.
    func failure(_ call: Call, _ error: S3ServiceError, attempts: Int) -> TuskError {
        var hint = ""
        switch (error.status, error.code) {
        case (_, "NoSuchBucket"): hint = "; create the bucket or correct the storage URL"
        case (401, _), (403, _): hint = "; check the access key, the secret, the region and the bucket policy"
        case (_, "SignatureDoesNotMatch"): hint = "; check the secret key and the region"
        default: break
        }
        return TuskError(error.tuskCode, "S3 \(call.operation) \(subject(call)) at \(location.endpoint) failed\(Self.attemptsText(attempts)): \(error)\(hint)", location: call.key, cause: error)
    }

    private func subject(_ call: Call) -> String {
        if let key = call.key { return "of \"\(key)\" in bucket \"\(location.bucket)\"" }
        return "on bucket \"\(location.bucket)\""
    }

    private static func attemptsText(_ attempts: Int) -> String {
        attempts > 1 ? " after \(attempts) attempts" : ""
    }

    private func makeRequest(_ call: Call) throws -> HTTPClientRequest {
        let (url, host, encodedPath) = address(key: call.key, query: call.query)
        var headers = call.headers
        headers.append(("host", host))
        let signed = signer.sign(
            S3Signer.Request(method: call.method.rawValue, encodedPath: encodedPath, query: call.query, headers: headers, payloadSHA256: call.payloadSHA256),
            at: Date())
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        for (name, value) in signed.headers { request.headers.add(name: name, value: value) }
        if let body = call.body {
            request.body = .bytes(body)
        } else if call.method == .PUT || call.method == .POST {
            request.body = .bytes(Data())
        }
        return request
    }

    /// Reads an error response's body (at most 1 MiB) into an `S3ServiceError`.
    static func serviceError(_ response: HTTPClientResponse) async -> S3ServiceError {
        let status = Int(response.status.code)
        guard let body = try? await response.body.collect(upTo: 1 << 20) else {
            return S3ServiceError(status: status, message: response.status.reasonPhrase)
        }
        let error = S3ServiceError(status: status, body: String(buffer: body))
        if error.code == nil && error.message == nil {
            return S3ServiceError(status: status, message: response.status.reasonPhrase)
        }
        return error
    }

    /// The whole body of a small response as text.
    static func text(_ response: HTTPClientResponse, limit: Int = 64 << 20) async throws -> String {
        String(buffer: try await response.body.collect(upTo: limit))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
