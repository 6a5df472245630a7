import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TuskHTTP

@Suite("Pipelines, the DAG, jobs, datums and logs over /api/v1")
struct PipelineAPITests {
    static let spec = #"{"pipeline":{"name":"copy"},"input":{"pfs":{"repo":"raw","glob":"/*"}},"transform":{"cmd":["cp","-r","/pfs/raw/.","/pfs/out/"]}}"#

    @Test("a pipeline created over HTTP runs; its job, datums and the DAG are reported")
    func pipelineJobAndDAG() async throws {
        try await APIHarness.with { _, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"raw"}"#)
            var form = Multipart(boundary: "p")
            form.add(name: "good1.txt", content: "1")
            form.add(name: "good2.txt", content: "2")
            form.add(name: "bad.txt", content: "3")
            let upload = try await client.call(.post, "/api/v1/projects/default/repos/raw/refs/master/upload", headers: [.contentType: form.contentType], bytes: form.body)
            #expect(upload.status == .created)

            let created = try await client.call(.post, "/api/v1/projects/default/pipelines", body: Self.spec)
            #expect(created.status == .created)
            #expect(created.items.first?["name"] as? String == "copy")

            // Creating the pipeline opens its first job (a new commit set) over the current input.
            let jobs = try await client.waitFor("/api/v1/projects/default/pipelines/copy/jobs", what: "the first job ending") { body in
                let items = body["items"] as? [[String: Any]] ?? []
                return items.contains { ["success", "failure"].contains($0["state"] as? String ?? "") }
            }
            let job = try #require((jobs["items"] as? [[String: Any]])?.first)
            let commit = try #require(job["id"] as? String)
            #expect(job["state"] as? String == "failure")
            let counts = job["datums"] as? [String: Any] ?? [:]
            #expect(counts["total"] as? Int == 3)
            #expect(counts["processed"] as? Int == 2)
            #expect(counts["failed"] as? Int == 1)
            #expect(job["duration_seconds"] is Double)

            let inspected = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)")
            #expect(inspected.object["state"] as? String == "failure")
            #expect(inspected.object["output_commit"] as? String == commit)

            let failed = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)/datums?state=failed")
            #expect(failed.object["total"] as? Int == 1)
            let datumCounts = failed.object["counts"] as? [String: Any] ?? [:]
            #expect(datumCounts["success"] as? Int == 2)
            #expect(datumCounts["failed"] as? Int == 1)
            let datum = try #require(failed.items.first)
            #expect(datum["state"] as? String == "failed")
            #expect(datum["exit_code"] as? Int == 3)
            let inputs = datum["inputs"] as? [[String: Any]] ?? []
            #expect(inputs.first?["path"] as? String == "/bad.txt")
            #expect(inputs.first?["repo"] as? String == "raw")

            let id = try #require(datum["id"] as? String)
            let one = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)/datums/\(id)")
            #expect(one.object["attempts"] as? Int ?? 0 >= 1)
            let logs = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)/datums/\(id)/logs")
            let messages = logs.items.compactMap { $0["message"] as? String }
            #expect(messages.contains { $0.contains("cannot process a bad file") })
            #expect(!messages.contains { $0.contains("good1") })

            let all = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)/datums?limit=2")
            #expect(all.object["total"] as? Int == 3)
            #expect(all.items.count == 2)

            let badState = try await client.call(.get, "/api/v1/projects/default/pipelines/copy/jobs/\(commit)/datums?state=exploded")
            #expect(badState.status == .badRequest)

            let pipeline = try await client.call(.get, "/api/v1/projects/default/pipelines/copy")
            #expect((pipeline.object["spec"] as? [String: Any])?["transform"] != nil)
            #expect(pipeline.object["last_job_state"] as? String == "failure")
            #expect((pipeline.object["inputs"] as? [[String: Any]])?.first?["repo"] as? String == "raw")

            let dag = try await client.call(.get, "/api/v1/projects/default/dag")
            let nodes = dag.object["nodes"] as? [[String: Any]] ?? []
            let depth = Dictionary(uniqueKeysWithValues: nodes.compactMap { node in (node["id"] as? String).map { ($0, node["depth"] as? Int ?? -1) } })
            #expect(depth == ["repo:default/raw": 0, "pipeline:default/copy": 1, "repo:default/copy": 2])
            let edges = (dag.object["edges"] as? [[String: String]] ?? []).map { "\($0["from"] ?? "")>\($0["to"] ?? "")" }
            #expect(Set(edges) == ["repo:default/raw>pipeline:default/copy", "pipeline:default/copy>repo:default/copy"])
            #expect(nodes.first { $0["id"] as? String == "repo:default/copy" }?["pipeline"] as? String == "copy")

            let repos = try await client.call(.get, "/api/v1/projects/default/repos")
            #expect(repos.items.first { $0["name"] as? String == "copy" }?["pipeline"] as? String == "copy")
        }
    }

    @Test("a bad spec is refused with the validator's words; a missing pipeline is a 404")
    func badSpec() async throws {
        try await APIHarness.with { _, client in
            let refused = try await client.call(.post, "/api/v1/projects/default/pipelines", body: #"{"pipeline":{"name":"x"}}"#)
            #expect(refused.status == .badRequest)
            #expect((refused.object["error"] as? String)?.isEmpty == false)
            let empty = try await client.call(.post, "/api/v1/projects/default/pipelines", body: " ")
            #expect(empty.status == .badRequest)
            let missing = try await client.call(.get, "/api/v1/projects/default/pipelines/none/jobs")
            #expect(missing.status == .notFound)
            let badJob = try await client.call(.get, "/api/v1/projects/default/pipelines/none/jobs/xyz")
            #expect(badJob.status == .badRequest)
        }
    }
}
