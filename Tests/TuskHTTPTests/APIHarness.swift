import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TuskCore
@testable import TuskHTTP
import TuskMetadata
import TuskPFS
import TuskPPS
import TuskStorage
import TuskTesting

/// Runs datums without processes: each input file becomes an output file of the same name
/// holding "copy:<path>", except files whose path contains "bad", which fail with a message.
final class CopyingExecutor: DatumExecutor {
    let contents: ContentStore

    init(contents: ContentStore) { self.contents = contents }

    func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution {
        let paths = unit.inputs.flatMap { $0.files.map(\.path) }
        log(DatumLogLine(stream: .stdout, text: "processing \(paths.joined(separator: ","))", timestamp: Timestamp(microseconds: 0)))
        if paths.contains(where: { $0.contains("bad") }) {
            log(DatumLogLine(stream: .stderr, text: "cannot process a bad file", timestamp: Timestamp(microseconds: 0)))
            return DatumExecution(outcome: .failed(reason: "exit status 3"), exitCode: 3, stderrTail: "cannot process a bad file", outputs: [], stats: DatumStats())
        }
        var outputs: [DatumOutputFile] = []
        for path in paths {
            var writer = FileWriter(store: contents)
            try await writer.write(Data("copy:\(path)".utf8))
            outputs.append(DatumOutputFile(path: try FilePath(validating: path), content: try await writer.finish()))
        }
        return DatumExecution(outcome: .succeeded, exitCode: 0, stderrTail: "", outputs: outputs, stats: DatumStats())
    }

    func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool { false }
}

/// A PFS + PPS engine on a temporary data directory, its scheduler running, and the HTTP
/// router over it, driven in-process by Hummingbird's test client.
struct APIHarness {
    let directory: TemporaryDirectory
    let database: SQLiteDatabase
    let fileSystem: FileSystem
    let pipelines: PipelineSystem
    let scheduler: Task<Void, Never>

    static func with(_ body: @Sendable (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-http")
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let objects = try LocalObjectStore(rootPath: directory.appending("objects"))
        let fileSystem = try await FileSystem.open(database: database, objects: objects)
        let pipelines = PipelineSystem(fileSystem: fileSystem, database: database, executor: CopyingExecutor(contents: ContentStore(objects: objects)))
        let scheduler = Task { _ = try? await pipelines.run() }
        let harness = APIHarness(directory: directory, database: database, fileSystem: fileSystem, pipelines: pipelines, scheduler: scheduler)
        let router = HTTPApplication.makeRouter(fileSystem: fileSystem, pipelines: pipelines, metrics: { Array("metric 1\n".utf8) })
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in try await body(harness, client) }
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func stop() async {
        scheduler.cancel()
        await scheduler.value
        try? await database.close()
        directory.remove()
    }
}

/// A response as the tests read it.
struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The body parsed as a JSON object (records the problem and returns [:] when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }

    func header(_ name: String) -> String? {
        guard let field = HTTPFields.Element.Name(name) else { return nil }
        return headers[field]
    }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws -> Reply {
        try await call(method, uri, headers: headers, bytes: body.map { Array($0.utf8) })
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], bytes: [UInt8]?) async throws -> Reply {
        try await execute(uri: uri, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) }) { response in
            Reply(status: response.status, headers: response.headers, bytes: Array(response.body.readableBytesView))
        }
    }

    /// Polls `uri` until `done` holds for its JSON object; fails after many tries.
    func waitFor(_ uri: String, what: String, _ done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        for _ in 0..<600 {
            let reply = try await call(.get, uri)
            if reply.status == .ok, done(reply.object) { return reply.object }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(what) never happened (\(uri))")
        throw CancellationError()
    }
}
