import Foundation
import Testing
import TuskClient
import TuskCore
import TuskTesting

/// Starts the real `tusk serve` binary and talks to it over its sockets.
@Suite(.serialized) struct DaemonIntegrationTests {
    @Test func healthAndMetricsAnswerOverHTTP() throws {
        let directory = try TemporaryDirectory(prefix: "tusk-daemon")
        defer { directory.remove() }
        let daemon = try TestDaemon(dataDirectory: directory.appending("data"))
        defer { daemon.stop() }
        let health = try daemon.httpGet("/healthz")
        #expect(health.status == 200)
        #expect(health.body.contains("ok"))
        let metrics = try daemon.httpGet("/metrics")
        #expect(metrics.status == 200)
    }

    @Test func finishedDataSurvivesSIGKILLAndRestart() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-daemon")
        defer { directory.remove() }
        let daemon = try TestDaemon(dataDirectory: directory.appending("data"))
        let repo = try ReferenceParser.repo("images")
        let connection = try TuskConnection(address: daemon.grpcAddress)
        try await connection.createRepo(repo, project: "default", description: "", update: false)
        let payload = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try await connection.putFile(
            commit: try ReferenceParser.commit("images@master"), path: "/blob.bin",
            from: FileChunksForTest(data: payload), append: false, project: "default")
        await connection.close()

        daemon.kill()
        try daemon.start()
        defer { daemon.stop() }

        let again = try TuskConnection(address: daemon.grpcAddress)
        let received = DataBox()
        try await again.getFile(try ReferenceParser.file("images@master:/blob.bin"), project: "default") { chunk in
            await received.append(chunk)
        }
        #expect(await received.data == payload)
        let grafted = try await again.listRepos(type: "user", projects: [])
        #expect(grafted.count == 1)
        await again.close()
    }

    @Test func secondDaemonOnABusyPortFailsWithAClearMessage() throws {
        let directory = try TemporaryDirectory(prefix: "tusk-daemon")
        defer { directory.remove() }
        let daemon = try TestDaemon(dataDirectory: directory.appending("data"))
        defer { daemon.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: daemon.binary)
        process.arguments = ["serve", "--data-dir", directory.appending("other"), "--port", "\(daemon.grpcPort)", "--http-port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!text.isEmpty)
    }
}

/// One chunk of bytes as the async sequence `putFile` streams.
struct FileChunksForTest: AsyncSequence, Sendable {
    typealias Element = Data
    let data: Data
    struct AsyncIterator: AsyncIteratorProtocol {
        var pending: Data?
        mutating func next() async -> Data? {
            defer { pending = nil }
            return pending
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pending: data) }
}

actor DataBox {
    private(set) var data = Data()
    func append(_ chunk: Data) { data.append(chunk) }
}
