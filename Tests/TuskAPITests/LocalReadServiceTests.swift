import Foundation
import GRPCCore
import Testing
import TuskProto

/// `tusk_v1.LocalRead/LocateFile` over an in-process server.
@Suite struct LocalReadServiceTests {
    static func locate(_ api: APIHarness, _ commit: PfsV2_Commit, _ path: String) async throws -> TuskV1_LocateFileResponse {
        var request = TuskV1_LocateFileRequest()
        request.file = Wire.file(commit, path)
        return try await api.localRead.locateFile(request)
    }

    @Test func aFileIsLocatedOnItsResolvedCommitWithEveryChunkInOrder() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            let text = String(repeating: "0123456789", count: 700_000)
            try await api.modify(master, [Wire.add("/big", text)])
            let response = try await Self.locate(api, master, "/big")
            #expect(response.sizeBytes == 7_000_000)
            #expect(response.chunks.map(\.sizeBytes).reduce(0, +) == 7_000_000)
            #expect(response.chunks.count > 1)
            #expect(response.file.commit.id.count == 32)
            #expect(response.file.commit.repo.name == "data")
            var joined = Data()
            for chunk in response.chunks {
                #expect(chunk.path.hasPrefix("/"))
                #expect(chunk.sha256.count == 32)
                joined.append(try Data(contentsOf: URL(fileURLWithPath: chunk.path)))
            }
            #expect(joined == Data(text.utf8))
        }
    }

    @Test func directoriesAndMissingFilesAreRefusedLikeGetFile() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/dir/a", "1")])
            let directory = await rpcError { _ = try await Self.locate(api, master, "/dir") }
            #expect(directory?.code == .invalidArgument)
            #expect(directory?.message.contains("Use GetFileTAR instead") == true)
            let missing = await rpcError { _ = try await Self.locate(api, master, "/nope") }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func aStoreWithoutLocalFilesAnswersFailedPrecondition() async throws {
        try await APIHarness.run(inMemory: true) { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a", "hello")])
            let error = await rpcError { _ = try await Self.locate(api, master, "/a") }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message.contains("not a local directory") == true)
        }
    }
}
