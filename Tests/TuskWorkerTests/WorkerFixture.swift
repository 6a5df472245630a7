import Foundation
import Logging
import Synchronization
import Testing
import TuskCore
import TuskStorage
import TuskTesting
@testable import TuskWorker

/// A local object store, a scratch root and a runner wired to a launcher binary, in one
/// temporary directory per test.
struct WorkerFixture {
    let directory: TemporaryDirectory
    let objectsRoot: String
    let scratchRoot: String
    let contents: ContentStore
    let runner: DatumRunner

    init(keepsScratch: Bool = false) throws {
        directory = try TemporaryDirectory(prefix: "tusk-worker")
        objectsRoot = directory.appending("objects")
        scratchRoot = directory.appending("scratch")
        contents = ContentStore(objects: try LocalObjectStore(rootPath: objectsRoot))
        runner = DatumRunner(
            contents: contents, objectsRoot: objectsRoot, scratchRoot: scratchRoot,
            launcher: try TestLauncher.shared.get(), keepsScratch: keepsScratch, logger: Logger(label: "tusk.worker.test")
        )
    }

    /// Stores `text` and describes it as the input file at `path`.
    func inputFile(_ path: String, _ text: String) async throws -> DatumInputFile {
        var writer = FileWriter(store: contents)
        try await writer.write(Data(text.utf8))
        let content = try await writer.finish()
        return DatumInputFile(path: path, size: content.size, chunks: content.chunks.map { DatumChunk(hash: $0.hash, size: $0.size) })
    }

    /// An input named `name` matching `matchedPath`, holding `files`.
    func input(_ name: String = "in", matchedPath: String = "/", files: [DatumInputFile], joinOn: String? = nil) -> DatumInput {
        DatumInput(name: name, repo: name, branch: "master", commitID: "c0ffee" + name, matchedPath: matchedPath, joinOn: joinOn, files: files)
    }

    func unit(_ command: [String], inputs: [DatumInput] = [], datum: String = "d1", configure: (inout TransformSpec) -> Void = { _ in }, timeout: Duration? = nil) -> DatumWorkUnit {
        var transform = TransformSpec(cmd: command)
        configure(&transform)
        return DatumWorkUnit(jobID: "job1", datumID: datum, pipeline: "edges", project: "default", outputCommitID: "job1", inputs: inputs, transform: transform, timeout: timeout)
    }

    /// Runs a shell script as the transform.
    func runShell(_ script: String, inputs: [DatumInput] = [], log: @escaping @Sendable (DatumLogLine) -> Void = { _ in }) async throws -> DatumRunResult {
        try await runner.run(unit(["sh", "-c", script], inputs: inputs), log: log)
    }

    func text(of content: FileContent) async throws -> String {
        String(decoding: try await FileReader(store: contents).readAll(content), as: UTF8.self)
    }

    func chunkCount() async throws -> Int {
        try await contents.objects.list(prefix: ContentStore.namespace + "/").count
    }
}

/// Collects log lines delivered from the runner's reader threads.
final class LogRecorder: Sendable {
    private let lines = Mutex<[DatumLogLine]>([])

    var deliver: @Sendable (DatumLogLine) -> Void {
        { line in self.lines.withLock { $0.append(line) } }
    }

    var recorded: [DatumLogLine] { lines.withLock { $0 } }
}

extension DatumOutcome {
    var failureReason: String? {
        if case .failed(let reason) = self { return reason }
        return nil
    }
}

/// Whether a process with `pid` still exists (zombies included).
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
}
