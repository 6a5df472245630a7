import Foundation
import GRPCCore
import Testing
import TuskClient
import TuskProto

/// `tusk_v1.Listing`: the packed listings carry exactly the entries, in exactly the order, that
/// `pfs_v2.API/ListFile` and `GlobFile` send one message at a time.
@Suite struct ListingServiceTests {
    /// The entries of a packed response as the client rebuilds them (which must be the messages
    /// `pfs_v2` sends), and how many packed messages carried them.
    static func unpacked(_ messages: [TuskV1_PackedFileInfos]) -> (files: [PfsV2_FileInfo], messages: Int) {
        for packed in messages {
            #expect(packed.paths.count == packed.directories.count && packed.paths.count == packed.sizeBytes.count && packed.paths.count == packed.hashes.count)
        }
        return (messages.flatMap(TuskConnection.unpack), messages.count)
    }

    static func glob(_ api: APIHarness, _ commit: PfsV2_Commit, _ pattern: String) async throws -> (packed: (files: [PfsV2_FileInfo], messages: Int), plain: [PfsV2_FileInfo]) {
        var request = PfsV2_GlobFileRequest()
        request.commit = commit
        request.pattern = pattern
        let packed = try await api.listing.globFilePacked(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        let plain = try await api.pfs.globFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        return (unpacked(packed), plain)
    }

    static func list(_ api: APIHarness, _ request: PfsV2_ListFileRequest) async throws -> (packed: [PfsV2_FileInfo], plain: [PfsV2_FileInfo]) {
        let packed = try await api.listing.listFilePacked(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        let plain = try await api.pfs.listFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } }
        return (unpacked(packed).files, plain)
    }

    @Test func aGlobOfManyFilesMatchesGlobFileEntryForEntryInSeveralMessages() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            var bodies: [PfsV2_ModifyFileRequest.OneOf_Body] = []
            for index in 0..<5000 { bodies.append(Wire.add("/d\(index % 7)/f\(index)", "content \(index % 13)")) }
            try await api.modify(master, bodies)
            let result = try await Self.glob(api, master, "/**")
            #expect(result.plain.count == 5007)
            #expect(result.packed.files == result.plain)
            #expect(result.packed.messages == 2)
            #expect(result.plain.allSatisfy { $0.hasCommitted })
            let none = try await Self.glob(api, master, "/nothing*")
            #expect(none.packed.messages == 0 && none.plain.isEmpty)
        }
    }

    @Test func aPagedReversedListMatchesListFile() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, (0..<40).map { Wire.add("/dir/f\(String(format: "%02d", $0))", "x") } + [Wire.add("/dir/sub/y", "y")])
            var request = PfsV2_ListFileRequest()
            request.file = Wire.file(master, "/dir")
            let all = try await Self.list(api, request)
            #expect(all.plain.count == 41 && all.packed == all.plain)
            request.reverse = true
            request.number = 5
            request.paginationMarker = Wire.file(master, "/dir/f30")
            let page = try await Self.list(api, request)
            #expect(page.plain.count == 5 && page.packed == page.plain)
        }
    }

    @Test func refusalsAreTheOnesOfThePlainCalls() async throws {
        try await APIHarness.run { api in
            var request = PfsV2_GlobFileRequest()
            request.commit = Wire.branchCommit("missing")
            request.pattern = "/*"
            let packed = await rpcError { _ = try await api.listing.globFilePacked(request) { try await $0.messages.reduce(into: []) { $0.append($1) } } }
            let plain = await rpcError { _ = try await api.pfs.globFile(request) { try await $0.messages.reduce(into: []) { $0.append($1) } } }
            #expect(packed?.code == .notFound)
            #expect(packed?.code == plain?.code && packed?.message == plain?.message)
        }
    }
}
