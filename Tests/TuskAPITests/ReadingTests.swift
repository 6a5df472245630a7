import Foundation
import GRPCCore
import Testing
import TuskProto

@Suite struct ReadingTests {
    @Test func getFileOnADirectoryPointsToGetFileTAR() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/dir/a", "1")])
            let error = await rpcError { _ = try await api.getFile(master, "/dir") }
            #expect(error?.message.contains("Use GetFileTAR instead") == true)
            let several = await rpcError { _ = try await api.getFile(master, "/dir/*") }
            #expect(several == nil)
        }
    }

    @Test func getFileHonoursOffsetAndCutsLargeFilesIntoBoundedMessages() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            let big = String(repeating: "0123456789", count: 500_000)
            try await api.modify(master, [Wire.add("/big", big)])
            let sizes = try await api.pfs.getFile(Wire.getFile(master, "/big")) { response in
                var sizes: [Int] = []
                for try await message in response.messages { sizes.append(message.value.count) }
                return sizes
            }
            #expect(sizes.reduce(0, +) == 5_000_000)
            #expect(sizes.allSatisfy { $0 <= 2 * 1024 * 1024 })
            #expect(sizes.count >= 3)
            let tail = try await api.getFile(master, "/big", offset: 4_999_995)
            #expect(String(decoding: tail, as: UTF8.self) == "56789")
        }
    }

    @Test func getFileOfAMissingPathIsNotFound() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a", "1")])
            #expect(await rpcError { _ = try await api.getFile(master, "/nope") }?.code == .notFound)
        }
    }

    @Test func getFileTARListsAbsoluteNamesWithDirectoriesFirstAndEndsWithTheTrailer() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/dir/b.txt", "bee"), Wire.add("/dir/a.txt", "ay"), Wire.add("/top.txt", "top")])
            let archive = try await api.getFileTAR(master, "/")
            let entries = TarReader.entries(archive)
            #expect(entries.map(\.name) == ["/dir/", "/dir/a.txt", "/dir/b.txt", "/top.txt"])
            #expect(entries.map(\.type) == ["5", "0", "0", "0"])
            #expect(entries.map(\.content) == ["", "ay", "bee", "top"])
            #expect(archive.count % 512 == 0)
            #expect(archive.suffix(1024).allSatisfy { $0 == 0 })
        }
    }

    @Test func listFileOnAMissingPathIsNotFound() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a", "1")])
            #expect(await rpcError { _ = try await api.listFile(master, "/missing") }?.code == .notFound)
        }
    }

    @Test func listFileShowsImmediateChildrenWithDirectoryForm() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/dir/a", "1"), Wire.add("/b", "22")])
            let infos = try await api.listFile(master, "/")
            #expect(infos.map(\.file.path) == ["/b", "/dir/"])
            #expect(infos.map(\.fileType) == [.file, .dir])
            #expect(infos.map(\.sizeBytes) == [2, 1])
            #expect(infos.allSatisfy { $0.hash.count == 32 })
        }
    }

    @Test func ancestryExpressionsInCommitIdsReadOlderCommits() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            let master = Wire.branchCommit("data")
            try await api.modify(master, [Wire.add("/a", "1")])
            try await api.modify(master, [Wire.delete("/a"), Wire.add("/a", "2")])
            #expect(try await api.read(Wire.idCommit("data", "master^1"), "/a") == "1")
            #expect(try await api.read(Wire.idCommit("data", "master"), "/a") == "2")
        }
    }
}

/// Just enough of a USTAR reader to check GetFileTAR's layout.
enum TarReader {
    struct Entry: Equatable {
        var name: String
        var type: String
        var content: String
    }

    static func entries(_ archive: Data) -> [Entry] {
        let bytes = [UInt8](archive)
        var entries: [Entry] = []
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = Array(bytes[offset..<offset + 512])
            if header.allSatisfy({ $0 == 0 }) { break }
            let name = field(header, 0, 100)
            let prefix = field(header, 345, 155)
            let size = Int(field(header, 124, 12).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0
            let type = String(UnicodeScalar(header[156]))
            let start = offset + 512
            let content = String(decoding: bytes[start..<min(bytes.count, start + size)], as: UTF8.self)
            entries.append(Entry(name: prefix.isEmpty ? name : prefix + "/" + name, type: type, content: content))
            offset = start + (size + 511) / 512 * 512
        }
        return entries
    }

    private static func field(_ header: [UInt8], _ start: Int, _ length: Int) -> String {
        let slice = header[start..<start + length].prefix { $0 != 0 }
        return String(decoding: slice, as: UTF8.self)
    }
}
