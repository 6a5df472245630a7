import GRPCCore
import Testing
import TuskProto

@Suite struct ModifyFileTests {
    @Test func firstMessageThatIsNotSetCommitIsRefused() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let error = await rpcError { try await api.send([Wire.add("/a.txt", "x")]) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("set_commit") == true)
        }
    }

    @Test func aSecondSetCommitAndAnEmptyBodyAreRefused() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            let twice = await rpcError { try await api.send([.setCommit(master), Wire.add("/a", "1"), .setCommit(master)]) }
            #expect(twice?.code == .invalidArgument)
            let empty = await rpcError { try await api.send([.setCommit(master), nil]) }
            #expect(empty?.code == .invalidArgument)
            // Nothing of a refused stream is committed.
            #expect(await rpcError { _ = try await api.read(master, "/a") }?.code == .notFound)
        }
    }

    @Test func twoAddsToOnePathAppend() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a.txt", "hello "), Wire.add("/a.txt", "world")])
            #expect(try await api.read(master, "/a.txt") == "hello world")
            try await api.modify(master, [Wire.add("/a.txt", "!")])
            #expect(try await api.read(master, "/a.txt") == "hello world!")
        }
    }

    @Test func deleteThenAddOverwrites() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a.txt", "old content")])
            try await api.modify(master, [Wire.delete("/a.txt"), Wire.add("/a.txt", ""), Wire.add("/a.txt", "new")])
            #expect(try await api.read(master, "/a.txt") == "new")
        }
    }

    @Test func deleteWithATrailingSlashRemovesTheDirectory() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/dir/a", "1"), Wire.add("/dir/b", "2"), Wire.add("/keep", "3")])
            try await api.modify(master, [Wire.delete("/dir/")])
            #expect(try await api.listFile(master, "/").map(\.file.path) == ["/keep"])
        }
    }

    @Test func copyPlacesTheSourceAtTheDestination() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/src/a.txt", "alpha"), Wire.add("/src/sub/b.txt", "beta")])
            try await api.modify(master, [Wire.copy(from: master, "/src", to: "/dst")])
            #expect(try await api.read(master, "/dst/a.txt") == "alpha")
            #expect(try await api.read(master, "/dst/sub/b.txt") == "beta")
            #expect(try await api.read(master, "/src/a.txt") == "alpha")
        }
    }

    @Test func writesIntoAnOpenCommitBecomeVisibleWhenItFinishes() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            var start = PfsV2_StartCommitRequest()
            start.branch.repo = Wire.repo("data")
            start.branch.name = "master"
            let commit = try await api.pfs.startCommit(start)
            #expect(commit.id.count == 32)
            try await api.modify(commit, [Wire.add("/a", "1")])
            var finish = PfsV2_FinishCommitRequest()
            finish.commit = commit
            _ = try await api.pfs.finishCommit(finish)
            #expect(try await api.read(Wire.branchCommit("data"), "/a") == "1")
            // A finished commit cannot be written.
            let late = await rpcError { try await api.modify(commit, [Wire.add("/b", "2")]) }
            #expect(late?.code == .failedPrecondition)
        }
    }
}
