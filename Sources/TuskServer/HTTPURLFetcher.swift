import AsyncHTTPClient
import Foundation
import NIOCore
import TuskCore
import TuskPFS

/// Fetches `put file` URLs over http(s) with async-http-client, streaming the body.
struct HTTPURLFetcher: URLFetcher {
    let client: HTTPClient

    func fetch(_ url: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw TuskError(.unimplemented, "cannot fetch \(url): only http:// and https:// URLs are supported by this server", location: url)
        }
        let request = HTTPClientRequest(url: url)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(300))
        } catch {
            throw TuskError(.unavailable, "cannot fetch \(url): \(error)", location: url)
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            throw TuskError(.failedPrecondition, "fetching \(url) answered HTTP \(response.status.code)", location: url)
        }
        let body = response.body
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await buffer in body { continuation.yield(Array(buffer.readableBytesView)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: TuskError(.unavailable, "reading \(url) failed: \(error)", location: url))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
