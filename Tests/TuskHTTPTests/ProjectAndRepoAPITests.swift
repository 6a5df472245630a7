import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TuskHTTP

@Suite("Projects, repos, branches and commits over /api/v1")
struct ProjectAndRepoAPITests {
    @Test("projects are listed, created (201), inspected, and refused with JSON errors")
    func projects() async throws {
        try await APIHarness.with { _, client in
            let initial = try await client.call(.get, "/api/v1/projects")
            #expect(initial.status == .ok)
            #expect(initial.items.map { $0["name"] as? String } == ["default"])

            let created = try await client.call(.post, "/api/v1/projects", body: #"{"name":"vision","description":"images"}"#)
            #expect(created.status == .created)
            #expect(created.object["name"] as? String == "vision")
            #expect(created.object["description"] as? String == "images")
            #expect((created.object["created"] as? String)?.hasSuffix("Z") == true)

            let again = try await client.call(.post, "/api/v1/projects", body: #"{"name":"vision"}"#)
            #expect(again.status == .conflict)
            #expect(again.object["code"] as? String == "already_exists")
            #expect((again.object["error"] as? String)?.contains("vision") == true)

            let badName = try await client.call(.post, "/api/v1/projects", body: #"{"name":"no spaces"}"#)
            #expect(badName.status == .badRequest)
            #expect(badName.object["code"] as? String == "invalid_argument")

            let notJSON = try await client.call(.post, "/api/v1/projects", body: "name=x")
            #expect(notJSON.status == .badRequest)
            #expect((notJSON.object["error"] as? String)?.contains("JSON") == true)

            let missing = try await client.call(.get, "/api/v1/projects/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.object["code"] as? String == "not_found")

            let listed = try await client.call(.get, "/api/v1/projects")
            #expect(Set(listed.items.compactMap { $0["name"] as? String }) == ["default", "vision"])
        }
    }

    @Test("repos are created, listed and inspected; a missing one is a 404 in JSON")
    func repos() async throws {
        try await APIHarness.with { _, client in
            let created = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"images","description":"raw photos"}"#)
            #expect(created.status == .created)
            #expect(created.object["name"] as? String == "images")
            #expect(created.object["pipeline"] is NSNull)

            let list = try await client.call(.get, "/api/v1/projects/default/repos")
            #expect(list.items.map { $0["name"] as? String } == ["images"])
            #expect(list.items.first?["description"] as? String == "raw photos")

            let missing = try await client.call(.get, "/api/v1/projects/default/repos/nothing")
            #expect(missing.status == .notFound)
            #expect(missing.header("Content-Type")?.hasPrefix("application/json") == true)

            let noProject = try await client.call(.post, "/api/v1/projects/ghost/repos", body: #"{"name":"x"}"#)
            #expect(noProject.status == .notFound)
        }
    }

    @Test("commits are paged newest first with sizes, and filtered by branch")
    func commitsPaged() async throws {
        try await APIHarness.with { _, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"numbers"}"#)
            var ids: [String] = []
            for index in 1...5 {
                let put = try await client.call(.put, "/api/v1/projects/default/repos/numbers/refs/master/content?path=/n\(index).txt", body: String(repeating: "x", count: index))
                #expect(put.status == .created)
                ids.append(put.object["commit"] as? String ?? "")
            }
            _ = try await client.call(.put, "/api/v1/projects/default/repos/numbers/refs/side/content?path=/side.txt", body: "s")

            let first = try await client.call(.get, "/api/v1/projects/default/repos/numbers/commits?limit=2")
            #expect(first.object["total"] as? Int == 6)
            #expect(first.object["next_offset"] as? Int == 2)
            #expect(first.items.count == 2)

            let onMaster = try await client.call(.get, "/api/v1/projects/default/repos/numbers/commits?branch=master&limit=2&offset=0")
            #expect(onMaster.object["total"] as? Int == 5)
            #expect(onMaster.items.map { $0["id"] as? String } == [ids[4], ids[3]])
            #expect(onMaster.items.first?["size_bytes"] as? Int == 15)
            #expect(onMaster.items.first?["file_count"] as? Int == 5)
            #expect(onMaster.items.first?["state"] as? String == "finished")

            let last = try await client.call(.get, "/api/v1/projects/default/repos/numbers/commits?branch=master&offset=4")
            #expect(last.items.map { $0["id"] as? String } == [ids[0]])
            #expect(last.object["next_offset"] is NSNull)

            let badLimit = try await client.call(.get, "/api/v1/projects/default/repos/numbers/commits?limit=0")
            #expect(badLimit.status == .badRequest)

            let head = try await client.call(.get, "/api/v1/projects/default/repos/numbers/commits/master")
            #expect(head.object["id"] as? String == ids[4])
            #expect(head.object["parent"] as? String == ids[3])

            let branches = try await client.call(.get, "/api/v1/projects/default/repos/numbers/branches")
            #expect(Set(branches.items.compactMap { $0["name"] as? String }) == ["master", "side"])
        }
    }

    @Test("unknown API paths answer 404 with a JSON error, not HTML")
    func unknownRoute() async throws {
        try await APIHarness.with { _, client in
            let reply = try await client.call(.get, "/api/v1/nothing/here")
            #expect(reply.status == .notFound)
            #expect(reply.object["code"] as? String == "not_found")
            #expect((reply.object["error"] as? String)?.contains("/api/v1/nothing/here") == true)
        }
    }
}
