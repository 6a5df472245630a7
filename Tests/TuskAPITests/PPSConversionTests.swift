import Foundation
import Testing
import TuskCore
import TuskProto
@testable import TuskAPI
@testable import TuskPPS

/// The pure `pps_v2` conversions: pipeline, job, datum and log values → wire messages.
@Suite struct PPSConversionTests {
    static let specJSON = """
        {
          "pipeline": {"name": "edges"},
          "description": "detect edges",
          "input": {"pfs": {"repo": "images", "glob": "/*"}},
          "transform": {"image": "pachyderm/opencv:1.0", "cmd": ["python3", "/edges.py"], "env": {"MODE": "fast"}},
          "parallelism_spec": {"constant": 2},
          "datum_tries": 5,
          "datum_timeout": "600s",
          "egress": {"URL": "file:///tmp/out"}
        }
        """

    static func pipelineInfo(state: PipelineState = .running, lastJob: JobState? = .success) throws -> PipelineInfo {
        let spec = try PipelineSpecParser.parseOne(specJSON)
        return PipelineInfo(
            id: try PipelineID(name: "edges"), version: 3, spec: spec, effectiveSpecJSON: spec.canonicalJSON(),
            userSpecJSON: specJSON, salt: "abc123", state: state, reason: "", stopped: false, kind: .transform,
            lastJobState: lastJob, createdAt: Timestamp(microseconds: 1_700_000_000_000_000),
            updatedAt: Timestamp(microseconds: 1_700_000_100_000_000))
    }

    static func jobInfo() throws -> JobInfo {
        var counters = JobCounters()
        counters.total = 3
        counters.processed = 1
        counters.skipped = 2
        var stats = ProcessStatistics()
        stats.processSeconds = 1.5
        stats.downloadBytes = 2048
        let key = JobKey(pipeline: try PipelineID(name: "edges"), id: CommitID.random())
        return JobInfo(
            key: key, pipelineVersion: 3, outputCommit: CommitKey(repo: key.pipeline.outputRepo, id: key.id), outputBranch: "master",
            state: .failure, reason: "datum abc failed", counters: counters, restart: 1, stats: stats,
            createdAt: Timestamp(microseconds: 1_000_000), startedAt: Timestamp(microseconds: 2_000_000), finishedAt: nil)
    }

    @Test func pipelineInfoCarriesIdentityStateAndSpecJSON() throws {
        let message = PipelineConversion.pipelineInfo(try Self.pipelineInfo())
        #expect(message.pipeline.name == "edges")
        #expect(message.pipeline.project.name == "default")
        #expect(message.version == 3)
        #expect(message.state == .pipelineRunning)
        #expect(message.lastJobState == .jobSuccess)
        #expect(message.type == .transform)
        #expect(message.parallelism == 2)
        #expect(message.userSpecJson == Self.specJSON)
        #expect(message.effectiveSpecJson.contains("\"edges\""))
    }

    @Test func pipelineDetailsAreFilledFromTheSpec() throws {
        let details = PipelineConversion.pipelineInfo(try Self.pipelineInfo()).details
        #expect(details.transform.image == "pachyderm/opencv:1.0")
        #expect(details.transform.cmd == ["python3", "/edges.py"])
        #expect(details.transform.env == ["MODE": "fast"])
        #expect(details.input.pfs.repo == "images")
        #expect(details.input.pfs.glob == "/*")
        #expect(details.parallelismSpec.constant == 2)
        #expect(details.datumTries == 5)
        #expect(details.datumTimeout.seconds == 600)
        #expect(details.egress.url == "file:///tmp/out")
        #expect(details.outputBranch == "master")
        #expect(details.description_p == "detect edges")
        #expect(details.salt == "abc123")
        #expect(details.createdAt.seconds == 1_700_000_000)
    }

    @Test func pipelineWithoutAJobReportsUnknownLastJobState() throws {
        let message = PipelineConversion.pipelineInfo(try Self.pipelineInfo(state: .paused, lastJob: nil))
        #expect(message.state == .pipelinePaused)
        #expect(message.lastJobState == .unknown)
    }

    @Test func jobInfoCarriesCountersOutputCommitAndTimes() throws {
        let info = try Self.jobInfo()
        let message = JobConversion.jobInfo(info)
        #expect(message.job.pipeline.name == "edges")
        #expect(message.job.id == info.key.id.value)
        #expect(message.outputCommit.repo.name == "edges")
        #expect(message.outputCommit.id == info.key.id.value)
        #expect(message.outputCommit.branch.name == "master")
        #expect(message.dataProcessed == 1 && message.dataSkipped == 2 && message.dataTotal == 3)
        #expect(message.state == .jobFailure)
        #expect(message.reason == "datum abc failed")
        #expect(message.restart == 1)
        #expect(message.pipelineVersion == 3)
        #expect(message.stats.processTime.seconds == 1 && message.stats.processTime.nanos == 500_000_000)
        #expect(message.stats.downloadBytes == 2048)
        #expect(message.started.seconds == 2)
        #expect(!message.hasFinished)
        #expect(!message.hasDetails)
    }

    @Test func jobDetailsComeFromTheSpecWhenGiven() throws {
        let spec = try PipelineSpecParser.parseOne(Self.specJSON)
        let message = JobConversion.jobInfo(try Self.jobInfo(), spec: spec)
        #expect(message.details.transform.cmd == ["python3", "/edges.py"])
        #expect(message.details.input.pfs.repo == "images")
        #expect(message.details.datumTries == 5)
    }

    @Test func everyJobStateMapsToItsWireNumber() {
        for state in JobState.allCases {
            #expect(PPSStates.jobState(state).rawValue == state.protoNumber)
        }
        #expect(PPSStates.jobState(.success) == .jobSuccess)
        #expect(PPSStates.jobState(.unrunnable) == .jobUnrunnable)
        #expect(PPSStates.jobState(.egressing) == .jobEgressing)
    }

    @Test func pipelineAndDatumStatesMapByWireNumber() throws {
        for state in PipelineState.allCases {
            #expect(PPSStates.pipelineState(state).rawValue == state.rawValue)
        }
        for state in DatumState.allCases {
            #expect(PPSStates.datumState(state).rawValue == state.rawValue)
            #expect(try PPSStates.datumState(PPSStates.datumState(state)) == state)
        }
        #expect(PPSStates.datumState(DatumState.skipped) == PpsV2_DatumState.skipped)
        #expect(throws: TuskError.self) { try PPSStates.datumState(PpsV2_DatumState.unknown) }
        #expect(PPSStates.pipelineType(.service) == .service)
    }

    @Test func datumInfoReportsInputsWithCommitPathAndHashBytes() throws {
        let job = JobKey(pipeline: try PipelineID(name: "edges"), id: CommitID.random())
        let input = DatumInputRecord(name: "images", repo: "images", branch: "master", commit: "0123456789abcdef0123456789abcdef",
                                     path: "/liberty.png", isDirectory: false, hash: "00ff10")
        let datum = DatumInfo(job: job, id: "d1", hash: "h", state: .skipped, attempts: 1, exitCode: 0, reason: "", stderrTail: "",
                              inputs: [input], stats: ProcessStatistics(), startedAt: nil, finishedAt: nil)
        let message = DatumConversion.datumInfo(datum)
        #expect(message.datum.id == "d1")
        #expect(message.datum.job.id == job.id.value)
        #expect(message.datum.job.pipeline.name == "edges")
        #expect(message.state == PpsV2_DatumState.skipped)
        #expect(message.data.count == 1)
        #expect(message.data[0].file.path == "/liberty.png")
        #expect(message.data[0].file.commit.repo.name == "images")
        #expect(message.data[0].file.commit.id == "0123456789abcdef0123456789abcdef")
        #expect(message.data[0].file.commit.branch.name == "master")
        #expect(message.data[0].hash == Data([0x00, 0xff, 0x10]))
        #expect(message.pfsState.commit.repo.type == "meta")
    }

    @Test func logEntryBecomesALogMessageWithInputFiles() throws {
        let input = DatumInputRecord(name: "images", repo: "images", branch: "master", commit: "c", path: "/a.txt", isDirectory: false, hash: "abcd")
        let entry = LogEntry(sequence: 7, pipeline: try PipelineID(name: "edges"), jobID: "j", datumID: "d", worker: "w1", isUser: true,
                             isMaster: false, timestamp: Timestamp(microseconds: 3_500_000), message: "hello", data: [input])
        let message = DatumConversion.logMessage(entry)
        #expect(message.pipelineName == "edges")
        #expect(message.projectName == "default")
        #expect(message.jobID == "j" && message.datumID == "d" && message.workerID == "w1")
        #expect(message.user && !message.master)
        #expect(message.ts.seconds == 3 && message.ts.nanos == 500_000_000)
        #expect(message.message == "hello")
        #expect(message.data.map(\.path) == ["/a.txt"])
        #expect(message.data.first?.hash == Data([0xab, 0xcd]))
    }

    @Test func pipelineWithoutProjectMeansDefault() throws {
        var pipeline = PpsV2_Pipeline()
        pipeline.name = "edges"
        #expect(try pipeline.pipelineID().project == .default)
        pipeline.name = ""
        #expect(throws: TuskError.self) { try pipeline.pipelineID() }
    }

    @Test func jobIdsMustBeGlobalCommitIds() throws {
        var job = PpsV2_Job()
        job.pipeline.name = "edges"
        job.id = "not-an-id"
        #expect(throws: TuskError.self) { try job.jobKey() }
        let id = CommitID.random()
        job.id = id.value
        #expect(try job.jobKey() == JobKey(pipeline: try PipelineID(name: "edges"), id: id))
    }
}
