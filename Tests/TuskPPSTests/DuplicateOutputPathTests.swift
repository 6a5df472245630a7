import Foundation
import Testing
import TuskCore
import TuskPFS
@testable import TuskPPS

/// Two datums writing one output path fail the job, as in Pachyderm 2.x, with a reason that
/// names the path and both datums in words.
@Suite(.serialized) struct DuplicateOutputPathTests {
    @Test func twoDatumsWritingOnePathFailTheJobWithAReadableReason() async throws {
        try await RuntimeHarness.with(behaviour: { _ in [("/total", "1\n")] }) { harness in
            try await harness.fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            _ = try await harness.put("images", ["/a": "1", "/b": "2"])
            _ = try await harness.pipelines.createPipelines(text: edgesSpec(), defaultProject: .default, update: false, reprocess: false, dryRun: false)
            let first = try #require(try await harness.pipelines.listJobs(pipeline: try PipelineID(name: "edges"), projects: [], number: 0).first)
            let job = try await harness.waitForJob("edges", first.key.id)
            #expect(job.state == .failure)
            #expect(job.reason.contains("duplicate path output by different datums (/total from "))
            #expect(!job.reason.contains("OutputCollision"))
        }
    }
}
