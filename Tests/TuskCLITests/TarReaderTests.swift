import Foundation
import Testing
@testable import TuskCLI

@Suite struct TarReaderTests {
    func header(_ name: String, size: Int, type: Character) -> Data {
        var block = [UInt8](repeating: 0, count: 512)
        for (index, byte) in name.utf8.enumerated() { block[index] = byte }
        let sizeText = String(size, radix: 8)
        let padded = String(repeating: "0", count: 11 - sizeText.count) + sizeText
        for (index, byte) in padded.utf8.enumerated() { block[124 + index] = byte }
        block[156] = type.asciiValue ?? 0
        return Data(block)
    }

    func archive() -> Data {
        var data = header("/dir/", size: 0, type: "5")
        data += header("/dir/a.txt", size: 5, type: "0")
        data += Data("hello".utf8) + Data(count: 507)
        data += Data(count: 1024)
        return data
    }

    @Test func readsDirectoriesAndFilesInOneFeed() throws {
        var reader = TarReader()
        let events = try reader.feed(archive())
        #expect(events == [.directory("/dir/"), .file("/dir/a.txt", size: 5), .content(Data("hello".utf8)), .fileEnd])
    }

    @Test func readsTheSameEventsFedByteByByte() throws {
        var reader = TarReader()
        var content = Data()
        var names: [String] = []
        for byte in archive() {
            for event in try reader.feed(Data([byte])) {
                switch event {
                case .file(let name, _): names.append(name)
                case .content(let bytes): content += bytes
                default: break
                }
            }
        }
        #expect(names == ["/dir/a.txt"])
        #expect(content == Data("hello".utf8))
    }

    @Test func getFileStripsTheRequestedPrefix() {
        #expect(GetFileCommand.strippedPrefix("/dir") == "/dir")
        #expect(GetFileCommand.strippedPrefix("/dir/*.txt") == "/dir")
        #expect(GetFileCommand.strippedPrefix("/*") == "/")
    }
}
