import AsyncHTTPClient

/// Runs `body` with the daemon's or the worker's one HTTP client (S3, `put file` URLs) and shuts
/// the client down afterwards, whether `body` returned or threw. Connections that cannot be made
/// fail after 10 s instead of async-http-client's default of retrying for 90 s inside each of the
/// S3 store's own attempts.
func withServerHTTPClient(_ body: (HTTPClient) async throws -> Void) async throws {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    do {
        try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
}
