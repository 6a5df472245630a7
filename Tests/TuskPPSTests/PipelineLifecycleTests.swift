import Synchronization
import Foundation
import Testing
import TuskCore
import TuskMetadata
import TuskPFS
@testable import TuskPPS
import TuskStorage
import TuskTesting

@Suite(.serialized) struct PipelineLifecycleTests {
    @Test func stoppingAPipelineKillsItsRunningJobAndStartingRunsTheNext() async throws {
        try await RuntimeHarness.with { harness in
            harness.executor.delay.withLock { $0 = .seconds(30) }
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A"])
            _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let pipeline = try PipelineID(name: "edges")
            let job = try #require(try await harness.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0).first)
            while harness.executor.runCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
            try await harness.pipelines.stopPipeline(pipeline)
            let killed = try await harness.waitForJob("edges", job.key.id)
            #expect(killed.state == .killed)
            #expect(try await harness.pipelines.inspectPipeline(pipeline).state == .paused)
            harness.executor.delay.withLock { $0 = .zero }
            let next = try await harness.put("images", ["/b.png": "B"])
            try await harness.pipelines.startPipeline(pipeline)
            #expect(try await harness.waitForJob("edges", next).state == .success)
        }
    }

    @Test func aJobInterruptedByARestartResumesAndSucceeds() async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-pps-restart")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let objects = try LocalObjectStore(rootPath: directory.appending("objects"))
        let fileSystem = try await FileSystem.open(database: database, objects: objects)
        let executor = ScriptedExecutor(contents: ContentStore(objects: objects), behaviour: RuntimeHarness.copy)
        try await fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
        try await fileSystem.modifyFiles(.branch(BranchID(trustedRepo: try RepoID(name: "images"), name: "master")),
                                         FileOperationList([.append(path: try FilePath(validating: "/a.png"), data: Data("A".utf8))]))
        // First "daemon": creates the pipeline but its scheduler never runs (as if it crashed first).
        let first = PipelineSystem(fileSystem: fileSystem, database: database, executor: executor)
        _ = try await first.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
        let job = try #require(try await first.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
        try await database.write { transaction in
            try await transaction.execute("UPDATE jobs SET state = ? WHERE id = ?", [.text(JobState.running.rawValue), .text(job.key.id.value)])
        }
        // Second "daemon" over the same store resumes it.
        let second = PipelineSystem(fileSystem: fileSystem, database: database, executor: executor)
        let scheduler = Task { _ = try? await second.run() }
        let finished = try await second.inspectJob(job.key, wait: true)
        scheduler.cancel()
        await scheduler.value
        #expect(finished.state == .success)
        #expect(finished.restart == 1)
        try? await database.close()
    }

    @Test func runCronWritesATickAndStartsAJob() async throws {
        try await RuntimeHarness.with { harness in
            let spec = """
            {"pipeline": {"name": "ticker"}, "transform": {"cmd": ["copy"]}, "input": {"cron": {"name": "tick", "spec": "@every 1h"}}}
            """
            _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let before = try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "ticker"), projects: [], number: 0).count
            try await harness.pipelines.runCron(try PipelineID(name: "ticker"))
            let ticks = try await harness.fileSystem.listFiles(.head(of: BranchID(trustedRepo: try RepoID(name: "ticker_tick"), name: "master")), path: .root)
            #expect(ticks.count == 1)
            // Named by the tick time in whole seconds, as Pachyderm names ticks (RFC 3339, no fraction).
            let name = try #require(ticks.first).displayPath
            #expect(name.wholeMatch(of: /\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "tick named \(name)")
            let jobs = try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "ticker"), projects: [], number: 0)
            #expect(jobs.count == before + 1)
            let latest = try await harness.waitForJob("ticker", try #require(jobs.first).key.id)
            #expect(latest.state == .success)
            #expect(latest.counters.total == 1)

            // Two more runs within a second are two more ticks, each a file of its own.
            try await harness.pipelines.runCron(try PipelineID(name: "ticker"))
            try await harness.pipelines.runCron(try PipelineID(name: "ticker"))
            let three = try await harness.fileSystem.listFiles(.head(of: BranchID(trustedRepo: try RepoID(name: "ticker_tick"), name: "master")), path: .root)
            #expect(Set(three.map(\.path.string)).count == 3)
        }
    }

    @Test func egressCopiesTheOutputToADirectoryBeforeSuccess() async throws {
        try await RuntimeHarness.with { harness in
            let target = harness.directory.appending("egress")
            let spec = """
            {"pipeline": {"name": "edges"}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "egress": {"URL": "file://\(target)"}}
            """
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A"])
            _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let job = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
            #expect(try await harness.waitForJob("edges", job.key.id).state == .success)
            #expect(try String(contentsOfFile: target + "/a.png", encoding: .utf8) == "copy:/a.png")
        }
    }

    @Test func egressToAnotherSchemeGoesThroughTheResolver() async throws {
        let resolver = RecordingEgress()
        try await RuntimeHarness.with(egress: resolver) { harness in
            let spec = """
            {"pipeline": {"name": "edges"}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "egress": {"object_storage": {"url": "memory://bucket/out"}}}
            """
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A", "/b/c.png": "C"])
            _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let job = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
            #expect(try await harness.waitForJob("edges", job.key.id).state == .success)
            #expect(resolver.files == ["memory://bucket/out/a.png": "copy:/a.png", "memory://bucket/out/b/c.png": "copy:/b/c.png"])
        }
    }

    @Test func egressToAnUnknownSchemeFailsTheJobSayingWhich() async throws {
        try await RuntimeHarness.with { harness in
            let spec = """
            {"pipeline": {"name": "edges"}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "egress": {"URL": "gopher://elsewhere/out"}}
            """
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A"])
            _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let job = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
            let finished = try await harness.waitForJob("edges", job.key.id)
            #expect(finished.state == .failure)
            #expect(finished.reason.contains("gopher://elsewhere/out"))
        }
    }

    @Test func anInvalidSpecIsRefusedNamingTheFieldAndCreatesNothing() async throws {
        try await RuntimeHarness.with { harness in
            let spec = """
            {"pipeline": {"name": "bad"}, "transform": {"cmd": ["copy"]}, "input": {"pfs": {"repo": "images", "glb": "/*"}}}
            """
            do {
                _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
                Issue.record("an unknown field must be refused")
            } catch let error as TuskError {
                #expect(error.code == .invalidArgument)
                #expect(error.message.contains("glb"))
            }
            #expect(try await harness.pipelines.listPipelines(projects: []).isEmpty)
        }
    }

    @Test func updatingWithReprocessProcessesEveryDatumAgain() async throws {
        try await RuntimeHarness.with { harness in
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A", "/b.png": "B"])
            _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let pipeline = try PipelineID(name: "edges")
            let first = try #require(try await harness.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0).first)
            _ = try await harness.waitForJob("edges", first.key.id)
            _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: true, reprocess: false, dryRun: false)
            let kept = try #require(try await harness.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0).first)
            let keptJob = try await harness.waitForJob("edges", kept.key.id)
            #expect(keptJob.counters.skipped == 2)
            _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: true, reprocess: true, dryRun: false)
            let redone = try #require(try await harness.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0).first)
            let redoneJob = try await harness.waitForJob("edges", redone.key.id)
            #expect(redoneJob.counters.processed == 2)
            #expect(try await harness.pipelines.inspectPipeline(pipeline).version == 3)
        }
    }
}

@Suite(.serialized) struct CronScheduleRuntimeTests {
    @Test func aOneSecondCronScheduleTicksByItself() async throws {
        try await RuntimeHarness.with { harness in
            let spec = """
            {"pipeline": {"name": "clock"}, "transform": {"cmd": ["copy"]}, "input": {"cron": {"name": "tick", "spec": "@every 1s", "overwrite": true}}}
            """
            _ = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let pipeline = try PipelineID(name: "clock")
            let start = ContinuousClock.now
            var succeeded = 0
            while succeeded < 2 && ContinuousClock.now - start < .seconds(15) {
                try await Task.sleep(for: .milliseconds(200))
                succeeded = try await harness.pipelines.listJobs(pipeline: pipeline, projects: [], number: 0)
                    .filter { $0.state == .success && $0.counters.total == 1 }.count
            }
            #expect(succeeded >= 2)
            let ticks = try await harness.fileSystem.listFiles(.head(of: BranchID(trustedRepo: try RepoID(name: "clock_tick"), name: "master")), path: .root)
            #expect(ticks.count == 1)
        }
    }
}

/// An egress resolver for `memory://` URLs that keeps what it was sent, by full URL.
final class RecordingEgress: EgressResolver, EgressDestination, @unchecked Sendable {
    private let stored = Mutex<[String: String]>([:])
    private let prefix = Mutex<String>("")

    var files: [String: String] { stored.withLock { $0 } }

    func destination(for url: String) async throws -> (any EgressDestination)? {
        guard url.hasPrefix("memory://") else { return nil }
        prefix.withLock { $0 = url }
        return self
    }

    func write(path: String, size: Int64, content: AsyncThrowingStream<Data, any Error>) async throws {
        var data = Data()
        for try await chunk in content { data.append(chunk) }
        #expect(Int64(data.count) == size)
        let key = prefix.withLock { $0 } + path
        stored.withLock { $0[key] = String(decoding: data, as: UTF8.self) }
    }
}
