import GRPCCore
import Testing
import TuskProto

@Suite struct SubscribeCommitTests {
    @Test(.timeLimit(.minutes(1)))
    func replaysExistingCommitsThenNewOnesAndEndsWhenTheClientLeaves() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a", "1")])
            var request = PfsV2_SubscribeCommitRequest()
            request.repo = Wire.repo("data")
            request.branch = "master"
            request.state = .finished
            let ids = try await api.pfs.subscribeCommit(request) { response in
                var ids: [String] = []
                for try await info in response.messages {
                    ids.append(info.commit.id)
                    if ids.count == 1 {
                        try await api.modify(master, [Wire.add("/b", "2")])
                    }
                    if ids.count == 2 { break }
                }
                return ids
            }
            #expect(ids.count == 2)
            #expect(Set(ids).count == 2)
        }
    }
}
