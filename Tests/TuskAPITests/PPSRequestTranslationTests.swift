import Foundation
import SwiftProtobuf
import Testing
import TuskCore
import TuskProto
@testable import TuskAPI
@testable import TuskPPS

/// `GetLogs` filters, `ListJob` history and pagination, `ListPipeline` history: request fields
/// turned into engine queries.
@Suite struct PPSRequestTranslationTests {
    let now = Timestamp(microseconds: 100_000 * 1_000_000)

    @Test func logsOfAPipelineSinceADuration() throws {
        var request = PpsV2_GetLogsRequest()
        request.pipeline.name = "edges"
        request.since = Google_Protobuf_Duration(seconds: 3600, nanos: 0)
        request.master = true
        request.follow = true
        request.tail = 10
        let query = try LogQueryTranslation.query(request, now: now)
        #expect(query.pipeline == (try PipelineID(name: "edges")))
        #expect(query.jobID == nil && query.datumID == nil)
        #expect(query.since == Timestamp(microseconds: now.microseconds - 3_600_000_000))
        #expect(query.includeMaster && query.follow && query.tail == 10)
    }

    @Test func logsOfAJobTakeThePipelineFromTheJob() throws {
        let id = CommitID.random()
        var request = PpsV2_GetLogsRequest()
        request.job.pipeline.name = "edges"
        request.job.id = id.value
        request.dataFilters = ["/a.txt", ""]
        let query = try LogQueryTranslation.query(request, now: now)
        #expect(query.pipeline?.name == "edges")
        #expect(query.jobID == id)
        #expect(query.dataFilters == ["/a.txt"])
        #expect(query.since == nil)
    }

    @Test func logsOfADatumCarryItsJob() throws {
        let id = CommitID.random()
        var request = PpsV2_GetLogsRequest()
        request.datum.job.pipeline.name = "edges"
        request.datum.job.id = id.value
        request.datum.id = "d1"
        let query = try LogQueryTranslation.query(request, now: now)
        #expect(query.pipeline?.name == "edges" && query.jobID == id && query.datumID == "d1")
    }

    @Test func aDatumIdAloneFiltersByDatum() throws {
        var request = PpsV2_GetLogsRequest()
        request.datum.id = "d1"
        let query = try LogQueryTranslation.query(request, now: now)
        #expect(query.pipeline == nil && query.jobID == nil && query.datumID == "d1")
    }

    @Test func conflictingPipelinesAreRefused() {
        var request = PpsV2_GetLogsRequest()
        request.pipeline.name = "edges"
        request.job.pipeline.name = "other"
        request.job.id = CommitID.random().value
        #expect(throws: TuskError.self) { try LogQueryTranslation.query(request, now: now) }
    }

    @Test func negativeTailIsRefused() {
        var request = PpsV2_GetLogsRequest()
        request.tail = -1
        #expect(throws: TuskError.self) { try LogQueryTranslation.query(request, now: now) }
    }

    static func job(version: Int, created: Int64) throws -> JobInfo {
        let key = JobKey(pipeline: try PipelineID(name: "edges"), id: CommitID.random())
        return JobInfo(key: key, pipelineVersion: version, outputCommit: CommitKey(repo: key.pipeline.outputRepo, id: key.id),
                       outputBranch: "master", state: .success, reason: "", counters: JobCounters(), restart: 0,
                       stats: ProcessStatistics(), createdAt: Timestamp(microseconds: created), startedAt: nil, finishedAt: nil)
    }

    @Test func jobHistoryZeroKeepsOnlyTheCurrentPipelineVersion() throws {
        let jobs = [try Self.job(version: 3, created: 30), try Self.job(version: 2, created: 20), try Self.job(version: 1, created: 10)]
        let versions = [try PipelineID(name: "edges"): 3]
        #expect(try JobListing.filterHistory(jobs, history: 0, currentVersions: versions).map(\.pipelineVersion) == [3])
        #expect(try JobListing.filterHistory(jobs, history: 1, currentVersions: versions).map(\.pipelineVersion) == [3, 2])
        #expect(try JobListing.filterHistory(jobs, history: -1, currentVersions: versions).count == 3)
        #expect(try JobListing.filterHistory(jobs, history: 0, currentVersions: [:]).count == 3)
        #expect(throws: TuskError.self) { try JobListing.filterHistory(jobs, history: -2, currentVersions: versions) }
    }

    @Test func jobPagesFollowTheMarkerInEitherOrder() throws {
        let jobs = [try Self.job(version: 1, created: 30), try Self.job(version: 1, created: 20), try Self.job(version: 1, created: 10)]
        let created: (JobInfo) -> Timestamp = { $0.createdAt }
        #expect(JobListing.page(jobs, created: created, marker: nil, reverse: false, number: 2).map(\.createdAt.microseconds) == [30, 20])
        #expect(JobListing.page(jobs, created: created, marker: Timestamp(microseconds: 30), reverse: false, number: 0).map(\.createdAt.microseconds) == [20, 10])
        #expect(JobListing.page(jobs, created: created, marker: Timestamp(microseconds: 10), reverse: true, number: 1).map(\.createdAt.microseconds) == [20])
    }

    @Test func pipelineHistoryKeepsTheNewestVersions() throws {
        let info = try PPSConversionTests.pipelineInfo()
        let history = [info, info, info]
        #expect(PPSService.versions(history, history: 0).count == 1)
        #expect(PPSService.versions(history, history: 1).count == 2)
        #expect(PPSService.versions(history, history: -1).count == 3)
        #expect(PPSService.page([1, 2, 3, 4, 5], size: 2, index: 1) == [3, 4])
        #expect(PPSService.page([1, 2, 3], size: 2, index: 5).isEmpty)
    }
}
