import Foundation
import Synchronization
import Testing
import TuskCore
import TuskMetadata
import TuskPFS
@testable import TuskPPS
import TuskStorage
import TuskTesting

/// A datum executor that runs no process: for every input file it writes `prefix + content`
/// to an output of the same name (or whatever `behaviour` decides), so the scheduler, planner,
/// skipping and merging are tested without namespaces.
final class ScriptedExecutor: DatumExecutor, @unchecked Sendable {
    let contents: ContentStore
    let behaviour: @Sendable (DatumWorkUnit) -> [(path: String, text: String)]?
    let runs = Mutex<[String]>([])
    let delay = Mutex<Duration>(.zero)

    init(contents: ContentStore, behaviour: @escaping @Sendable (DatumWorkUnit) -> [(path: String, text: String)]?) {
        self.contents = contents
        self.behaviour = behaviour
    }

    func run(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> DatumExecution {
        runs.withLock { $0.append(unit.inputs.map(\.matchedPath).joined(separator: ",")) }
        let pause = delay.withLock { $0 }
        if pause > .zero { try await Task.sleep(for: pause) }
        log(DatumLogLine(stream: .stdout, text: "processing \(unit.inputs.map(\.matchedPath))", timestamp: Timestamp(microseconds: 0)))
        guard let files = behaviour(unit) else {
            return DatumExecution(outcome: .failed(reason: "exit status 1"), exitCode: 1, stderrTail: "boom", outputs: [], stats: DatumStats())
        }
        var outputs: [DatumOutputFile] = []
        for file in files {
            var writer = FileWriter(store: contents)
            try await writer.write(Data(file.text.utf8))
            outputs.append(DatumOutputFile(path: try FilePath(validating: file.path), content: try await writer.finish()))
        }
        return DatumExecution(outcome: .succeeded, exitCode: 0, stderrTail: "", outputs: outputs, stats: DatumStats())
    }

    func runErrorCommand(_ unit: DatumWorkUnit, log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Bool { false }

    var runCount: Int { runs.withLock { $0.count } }
}

struct RuntimeHarness {
    let directory: TemporaryDirectory
    let fileSystem: FileSystem
    let pipelines: PipelineSystem
    let executor: ScriptedExecutor
    let scheduler: Task<Void, Never>
    let database: SQLiteDatabase

    /// With `remote`, the pipeline system queues datums for `DatumTaskWorker`s (which the test
    /// starts with `executor`) instead of running them itself.
    static func make(behaviour: @escaping @Sendable (DatumWorkUnit) -> [(path: String, text: String)]? = RuntimeHarness.copy,
                     remote: Bool = false, egress: (any EgressResolver)? = nil) async throws -> RuntimeHarness {
        let directory = try TemporaryDirectory(prefix: "tusk-pps")
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let objects = try LocalObjectStore(rootPath: directory.appending("objects"))
        let fileSystem = try await FileSystem.open(database: database, objects: objects)
        let executor = ScriptedExecutor(contents: ContentStore(objects: objects), behaviour: behaviour)
        let queued: (any DatumExecutor)? = remote
            ? QueuedDatumExecutor(database: database, leaseTimeout: .milliseconds(600), pollInterval: .milliseconds(20)) : nil
        let pipelines = PipelineSystem(fileSystem: fileSystem, database: database, executor: queued ?? executor, egressResolver: egress)
        let scheduler = Task { _ = try? await pipelines.run() }
        return RuntimeHarness(directory: directory, fileSystem: fileSystem, pipelines: pipelines, executor: executor, scheduler: scheduler, database: database)
    }

    /// Writes "copy:<path>" for every input file, at the same path.
    static let copy: @Sendable (DatumWorkUnit) -> [(path: String, text: String)]? = { unit in
        unit.inputs.flatMap { input in input.files.map { ($0.path, "copy:\($0.path)") } }
    }

    func put(_ repo: String, _ files: [String: String]) async throws -> CommitID {
        var operations: [FileOperation] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            operations.append(.delete(path: try FilePath(validating: path)))
            operations.append(.append(path: try FilePath(validating: path), data: Data(text.utf8)))
        }
        let id = try await fileSystem.modifyFiles(.branch(BranchID(trustedRepo: try RepoID(name: repo), name: "master")), FileOperationList(operations))
        pipelines.poke()
        return id
    }

    func waitForJob(_ pipeline: String, _ id: CommitID) async throws -> JobInfo {
        let key = JobKey(pipeline: try PipelineID(name: pipeline), id: id)
        return try await withThrowingTaskGroup(of: JobInfo.self) { group in
            group.addTask { try await pipelines.inspectJob(key, wait: true) }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                throw TuskError(.deadlineExceeded, "job \(key) did not finish in 20 s")
            }
            let result = try await group.next()
            group.cancelAll()
            return try #require(result)
        }
    }

    func read(_ repo: String, _ path: String) async throws -> String {
        let (_, stream) = try await fileSystem.openFile(.head(of: BranchID(trustedRepo: try RepoID(name: repo), name: "master")), pattern: path)
        var data = Data()
        for try await chunk in stream { data.append(chunk) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stops the scheduler, waits for it, and closes the database.
    func stop() async {
        scheduler.cancel()
        await scheduler.value
        try? await database.close()
        directory.remove()
    }

    /// Runs `body` with a fresh harness and always stops it afterwards.
    static func with(behaviour: @escaping @Sendable (DatumWorkUnit) -> [(path: String, text: String)]? = RuntimeHarness.copy,
                     remote: Bool = false, egress: (any EgressResolver)? = nil,
                     _ body: (RuntimeHarness) async throws -> Void) async throws {
        let harness = try await make(behaviour: behaviour, remote: remote, egress: egress)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }
}

func edgesSpec(_ name: String = "edges", input: String = "images", glob: String = "/*") -> String {
    """
    {"pipeline": {"name": "\(name)"}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "\(input)", "glob": "\(glob)"}}}
    """
}

@Suite(.serialized) struct PipelineRuntimeTests {
    @Test func creatingAPipelineOverExistingDataRunsAJob() async throws {
        try await RuntimeHarness.with { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        _ = try await harness.put("images", ["/a.png": "A"])
        let created = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        #expect(created.map(\.id.name) == ["edges"])
        let jobs = try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0)
        let first = try #require(jobs.first)
        let job = try await harness.waitForJob("edges", first.key.id)
        #expect(job.state == .success)
        #expect(try await harness.read("edges", "/a.png") == "copy:/a.png")
    }
    }

    @Test func anInputCommitProcessesOnlyTheNewDatum() async throws {
        try await RuntimeHarness.with { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        let first = try await harness.put("images", ["/a.png": "A", "/b.png": "B"])
        _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let initial = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        _ = try await harness.waitForJob("edges", initial.key.id)
        _ = first
        let second = try await harness.put("images", ["/c.png": "C"])
        let job = try await harness.waitForJob("edges", second)
        #expect(job.state == .success)
        #expect(job.counters.total == 3)
        #expect(job.counters.processed == 1)
        #expect(job.counters.skipped == 2)
        #expect(try await harness.read("edges", "/c.png") == "copy:/c.png")
        #expect(try await harness.read("edges", "/a.png") == "copy:/a.png")
        let datums = try await harness.pipelines.listDatums(job.key, states: [])
        #expect(datums.filter { $0.state == .skipped }.count == 2)
    }
    }

    @Test func twoDatumsWritingOnePathFailTheJobNamingBoth() async throws {
        try await RuntimeHarness.with(behaviour: { _ in [("/same.txt", "x")] }) { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        let id = try await harness.put("images", ["/a.png": "A", "/b.png": "B"])
        _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let initial = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        let job = try await harness.waitForJob("edges", initial.key.id)
        _ = id
        #expect(job.state == .failure)
        #expect(job.reason.contains("/same.txt"))
        let commit = try await harness.fileSystem.inspectCommit(.commit(job.outputCommit))
        #expect(commit.state == .finished)
        #expect(!commit.error.isEmpty)
    }
    }

    @Test func aFailingDatumIsRetriedThenFailsTheJobWithAReason() async throws {
        try await RuntimeHarness.with(behaviour: { _ in nil }) { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        _ = try await harness.put("images", ["/a.png": "A"])
        _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let initial = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        let job = try await harness.waitForJob("edges", initial.key.id)
        #expect(job.state == .failure)
        #expect(harness.executor.runCount == 3)
        #expect(job.counters.failed == 1)
        let datum = try #require(try await harness.pipelines.listDatums(job.key, states: [.failed]).first)
        #expect(datum.attempts == 3)
        #expect(datum.stderrTail == "boom")
    }
    }

    @Test func userLogLinesAreStoredAndFilteredByPipeline() async throws {
        try await RuntimeHarness.with { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        _ = try await harness.put("images", ["/a.png": "A"])
        _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let initial = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        _ = try await harness.waitForJob("edges", initial.key.id)
        var lines: [String] = []
        for try await entry in harness.pipelines.logs(LogQuery(pipeline: try PipelineID(name: "edges"))) { lines.append(entry.message) }
        #expect(lines.contains { $0.contains("/a.png") })
    }
    }

    @Test func aTwoStageDAGSharesOneCommitSet() async throws {
        try await RuntimeHarness.with { harness in
        try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        _ = try await harness.put("images", ["/a.png": "A"])
        _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        _ = try await harness.pipelines.createPipelines(text: edgesSpec("second", input: "edges"), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let id = try await harness.put("images", ["/b.png": "B"])
        let set = try await harness.fileSystem.commitSet(id, wait: true)
        #expect(Set(set.map(\.repo.name)) == ["images", "edges", "second"])
        #expect(try await harness.read("second", "/b.png") == "copy:/b.png")
        let jobs = try await harness.pipelines.jobSet(id, wait: true)
        #expect(jobs.count == 2)
        #expect(jobs.allSatisfy { $0.state == .success })
    }
    }
}
