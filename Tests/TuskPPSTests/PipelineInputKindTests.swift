import Foundation
import Testing
import TuskCore
import TuskPFS
@testable import TuskPPS

/// Every input kind run end to end through the scheduler (with the scripted executor): the
/// datums a job gets, and what reaches the executor for each.
@Suite(.serialized) struct PipelineInputKindTests {
    /// Names each datum's inputs as "name:path" joined with "+", written to one output per datum.
    static let describeInputs: @Sendable (DatumWorkUnit) -> [(path: String, text: String)]? = { unit in
        let label = unit.inputs.map { "\($0.name):\($0.matchedPath)" }.joined(separator: "+")
        return [("/" + unit.datumID, label)]
    }

    func run(_ spec: String, setup: (RuntimeHarness) async throws -> Void, _ check: @escaping ([String], JobInfo) -> Void) async throws {
        try await RuntimeHarness.with(behaviour: Self.describeInputs) { harness in
            try await setup(harness)
            let created = try await harness.pipelines.createPipelines(text: spec, defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let id = try #require(created.first).id
            let job = try #require(try await harness.pipelines.listJobs(pipeline: id, projects: [], number: 0).first)
            let finished = try await harness.waitForJob(id.name, job.key.id)
            #expect(finished.state == .success)
            var labels: [String] = []
            for file in try await harness.fileSystem.listFiles(.head(of: BranchID(trustedRepo: id.outputRepo, name: "master")), path: .root) {
                labels.append(try await harness.read(id.name, file.path.string))
            }
            check(labels.sorted(), finished)
        }
    }

    func repos(_ harness: RuntimeHarness, _ contents: [String: [String: String]]) async throws {
        for (repo, files) in contents.sorted(by: { $0.key < $1.key }) {
            try await harness.fileSystem.createRepo(try RepoID(name: repo), description: "", update: false)
            _ = try await harness.put(repo, files)
        }
    }

    @Test func crossPairsEveryDatumOfOneInputWithEveryDatumOfTheOther() async throws {
        let spec = """
        {"pipeline": {"name": "pairs"}, "transform": {"cmd": ["x"]},
         "input": {"cross": [{"pfs": {"repo": "left", "glob": "/*"}}, {"pfs": {"repo": "right", "glob": "/*"}}]}}
        """
        try await run(spec, setup: { try await repos($0, ["left": ["/a": "1", "/b": "2"], "right": ["/x": "3", "/y": "4"]]) }) { labels, job in
            #expect(job.counters.total == 4)
            #expect(labels == ["left:/a+right:/x", "left:/a+right:/y", "left:/b+right:/x", "left:/b+right:/y"])
        }
    }

    @Test func unionConcatenatesTheDatumsOfItsInputs() async throws {
        let spec = """
        {"pipeline": {"name": "both"}, "transform": {"cmd": ["x"]},
         "input": {"union": [{"pfs": {"repo": "left", "glob": "/*"}}, {"pfs": {"repo": "right", "glob": "/*"}}]}}
        """
        try await run(spec, setup: { try await repos($0, ["left": ["/a": "1"], "right": ["/x": "3", "/y": "4"]]) }) { labels, job in
            #expect(job.counters.total == 3)
            #expect(labels == ["left:/a", "right:/x", "right:/y"])
        }
    }

    @Test func joinMatchesFilesByTheirCapturedKey() async throws {
        let spec = """
        {"pipeline": {"name": "joined"}, "transform": {"cmd": ["x"]},
         "input": {"join": [{"pfs": {"repo": "sobel", "glob": "/(*).txt", "join_on": "$1"}},
                            {"pfs": {"repo": "fft", "glob": "/(*).txt", "join_on": "$1"}}]}}
        """
        try await run(spec, setup: {
            try await repos($0, ["sobel": ["/cat.txt": "1", "/dog.txt": "2"], "fft": ["/cat.txt": "3", "/owl.txt": "4"]])
        }) { labels, job in
            #expect(job.counters.total == 1)
            #expect(labels == ["sobel:/cat.txt+fft:/cat.txt"])
        }
    }

    @Test func groupGathersEveryFileWithTheSameKeyIntoOneDatum() async throws {
        let spec = """
        {"pipeline": {"name": "monthly"}, "transform": {"cmd": ["x"]},
         "input": {"group": [{"pfs": {"repo": "sales", "glob": "/(*)-(*)-*.csv", "group_by": "$1-$2"}}]}}
        """
        try await run(spec, setup: {
            try await repos($0, ["sales": ["/2024-01-01.csv": "1", "/2024-01-02.csv": "2", "/2024-02-01.csv": "3"]])
        }) { labels, job in
            #expect(job.counters.total == 2)
            #expect(labels == ["sales:/2024-01-01.csv+sales:/2024-01-02.csv", "sales:/2024-02-01.csv"])
        }
    }

    @Test func aThreeStageDAGRunsEveryStageForOneCommit() async throws {
        try await RuntimeHarness.with { harness in
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a.png": "A"])
            for (name, input) in [("edges", "images"), ("second", "edges"), ("third", "second")] {
                _ = try await harness.pipelines.createPipelines(text: edgesSpec(name, input: input), defaultProject: .default, update: false, reprocess: false, dryRun: false)
            }
            let id = try await harness.put("images", ["/b.png": "B"])
            _ = try await harness.fileSystem.commitSet(id, wait: true)
            #expect(try await harness.read("third", "/b.png") == "copy:/b.png")
            let jobs = try await harness.pipelines.jobSet(id, wait: true)
            #expect(Set(jobs.map(\.key.pipeline.name)) == ["edges", "second", "third"])
            #expect(jobs.allSatisfy { $0.counters.processed == 1 && $0.counters.skipped == 1 })
        }
    }
}
