import Foundation
import Testing
@testable import TuskPFS

/// The GetFileTAR stream: header layout checked byte by byte, and whole archives read back by
/// Python's `tarfile` and GNU `tar`.
struct TarWriterTests {
    let writer = TarWriter()

    /// An entry of the archive under test, as the caller of `TarWriter` would stream it.
    enum Entry {
        case directory(String)
        case file(String, [UInt8])
    }

    private func archive(_ entries: [Entry]) -> Data {
        var data = Data()
        for entry in entries {
            switch entry {
            case .directory(let path):
                data.append(writer.header(forDirectory: path))
            case .file(let path, let content):
                data.append(writer.header(forFile: path, size: Int64(content.count)))
                data.append(contentsOf: content)
                data.append(writer.padding(afterFileOfSize: Int64(content.count)))
            }
        }
        data.append(writer.trailer())
        return data
    }

    private func field(_ block: Data, _ offset: Int, _ length: Int) -> String {
        let bytes = block[block.startIndex + offset ..< block.startIndex + offset + length]
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private func withArchiveFile<Result>(_ data: Data, _ body: (String) throws -> Result) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-tar-\(UUID().uuidString).tar")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    static let longPath = "/" + (1...5).map { String(repeating: Character(String($0)), count: 28) }.joined(separator: "/") + "/file.txt"
    static let veryLongPath = "/" + String(repeating: "d", count: 200) + "/" + String(repeating: "f", count: 120) + ".bin"

    var sampleEntries: [Entry] {
        [
            .directory("/"),
            .directory("/dir"),
            .file("/dir/a.txt", Array("hello\n".utf8)),
            .file("/dir/empty", []),
            .file("/dir/block", [UInt8](repeating: 0x41, count: 512)),
            .file("/dir/odd", [UInt8](repeating: 0x42, count: 513)),
            .file(Self.longPath, Array("long\n".utf8)),
            .file(Self.veryLongPath, Array("very long\n".utf8)),
            .file("/ünïcode.txt", Array("u\n".utf8)),
        ]
    }

    @Test func headerFieldsFollowUSTAR() {
        let block = writer.header(forFile: "/dir/a.txt", size: 6)
        #expect(block.count == 512)
        #expect(field(block, 0, 100) == "/dir/a.txt")
        #expect(field(block, 100, 8) == "0000000")
        #expect(field(block, 108, 8) == "0000000")
        #expect(field(block, 116, 8) == "0000000")
        #expect(field(block, 124, 12) == "00000000006")
        #expect(field(block, 136, 12) == "00000000000")
        #expect(block[156] == UInt8(ascii: "0"))
        #expect(Array(block[257..<263]) == Array("ustar\0".utf8))
        #expect(Array(block[263..<265]) == Array("00".utf8))
        #expect(field(block, 265, 32) == "")
        #expect(field(block, 297, 32) == "")
    }

    @Test func checksumIsTheByteSumWithTheFieldAsSpaces() throws {
        var block = [UInt8](writer.header(forFile: "/x", size: 1))
        let stored = try #require(Int(field(Data(block), 148, 7), radix: 8))
        #expect(block[155] == UInt8(ascii: " "))
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        #expect(stored == block.reduce(0) { $0 + Int($1) })
    }

    @Test func directoryHeaderHasTrailingSlashTypeFiveAndSizeZero() {
        for path in ["/dir", "/dir/", "dir"] {
            let block = writer.header(forDirectory: path)
            #expect(block.count == 512)
            #expect(field(block, 0, 100) == "/dir/")
            #expect(block[156] == UInt8(ascii: "5"))
            #expect(field(block, 124, 12) == "00000000000")
        }
        #expect(field(writer.header(forDirectory: "/"), 0, 100) == "/")
    }

    @Test func relativeFileNamesGetALeadingSlash() {
        #expect(field(writer.header(forFile: "a.txt", size: 0), 0, 100) == "/a.txt")
    }

    @Test func paddingFillsToWholeBlocks() {
        #expect(writer.padding(afterFileOfSize: 0).count == 0)
        #expect(writer.padding(afterFileOfSize: 1).count == 511)
        #expect(writer.padding(afterFileOfSize: 512).count == 0)
        #expect(writer.padding(afterFileOfSize: 1000).count == 24)
        #expect(writer.padding(afterFileOfSize: 7).allSatisfy { $0 == 0 })
    }

    @Test func trailerIsTwoZeroBlocks() {
        let trailer = writer.trailer()
        #expect(trailer.count == 1024)
        #expect(trailer.allSatisfy { $0 == 0 })
    }

    @Test func nameOfUpTo255BytesUsesTheUSTARPrefix() {
        #expect(Self.longPath.utf8.count == 154)
        let block = writer.header(forFile: Self.longPath, size: 5)
        #expect(block.count == 512)
        #expect(field(block, 0, 100) == "file.txt")
        #expect(field(block, 345, 155) == String(Self.longPath.dropLast("/file.txt".count)))
    }

    @Test func longerOrNonASCIINameUsesAPAXPathRecord() {
        let header = writer.header(forFile: Self.veryLongPath, size: 10)
        #expect(header.count == 512 * 3)
        #expect(header[156] == UInt8(ascii: "x"))
        let recordLength = Int(field(header, 124, 12), radix: 8) ?? 0
        let record = String(decoding: header[512 ..< 512 + recordLength], as: UTF8.self)
        #expect(record == "\(recordLength) path=\(Self.veryLongPath)\n")
        #expect(header[1024 + 156] == UInt8(ascii: "0"))
        #expect(writer.header(forFile: "/ünï", size: 0).count == 512 * 3)
    }

    @Test func sizeBeyondEightGibibytesUsesAPAXSizeRecord() {
        let size: Int64 = 10 * 1024 * 1024 * 1024
        let header = writer.header(forFile: "/big", size: size)
        #expect(header.count == 512 * 3)
        let recordLength = Int(field(header, 124, 12), radix: 8) ?? 0
        #expect(String(decoding: header[512 ..< 512 + recordLength], as: UTF8.self) == "\(recordLength) size=\(size)\n")
    }

    @Test func paxRecordLengthCountsItsOwnDigits() {
        for valueLength in 80...110 {
            let body = TarWriter.paxBody([("path", String(repeating: "a", count: valueLength))])
            let text = String(decoding: body, as: UTF8.self)
            let declared = Int(text.prefix { $0 != " " })
            #expect(declared == body.count, "value of \(valueLength) bytes")
        }
    }

    @Test func pythonTarfileReadsNamesTypesSizesAndContents() throws {
        let script = """
        import sys, tarfile, json
        out = []
        with tarfile.open(sys.argv[1]) as archive:
            for member in archive:
                data = archive.extractfile(member).read().decode() if member.isfile() else None
                out.append([member.name, member.type.decode(), member.size, member.mode, member.uid,
                            member.gid, member.mtime, member.uname, member.gname, data])
        print(json.dumps(out))
        """
        let output = try withArchiveFile(archive(sampleEntries)) { path in
            try run(["python3", "-c", script, path])
        }
        #expect(output.status == 0)
        let members = try #require(try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [[Any]])
        let names = members.compactMap { $0[0] as? String }
        // tarfile drops the trailing "/" of directory names, leaving the root's name empty.
        #expect(names == ["", "/dir", "/dir/a.txt", "/dir/empty", "/dir/block", "/dir/odd", Self.longPath, Self.veryLongPath, "/ünïcode.txt"])
        #expect(members.compactMap { $0[1] as? String } == ["5", "5", "0", "0", "0", "0", "0", "0", "0"])
        #expect(members.compactMap { $0[2] as? Int } == [0, 0, 6, 0, 512, 513, 5, 10, 2])
        for member in members {
            #expect(member[3] as? Int == 0)
            #expect(member[4] as? Int == 0)
            #expect(member[5] as? Int == 0)
            #expect(member[6] as? Int == 0)
            #expect(member[7] as? String == "")
            #expect(member[8] as? String == "")
        }
        #expect(members[2][9] as? String == "hello\n")
        #expect(members[3][9] as? String == "")
        #expect(members[4][9] as? String == String(repeating: "A", count: 512))
        #expect(members[5][9] as? String == String(repeating: "B", count: 513))
        #expect(members[6][9] as? String == "long\n")
        #expect(members[7][9] as? String == "very long\n")
        #expect(members[8][9] as? String == "u\n")
    }

    @Test func gnuTarListsTheArchive() throws {
        let (listing, verbose) = try withArchiveFile(archive(sampleEntries)) { path in
            (try run(["tar", "-tf", path]), try run(["tar", "-tvf", path]))
        }
        #expect(listing.status == 0)
        #expect(verbose.status == 0)
        let names = listing.output.split(separator: "\n").map(String.init)
        // GNU tar strips the leading "/" when listing.
        #expect(names == ["/", "dir/", "dir/a.txt", "dir/empty", "dir/block", "dir/odd",
                          String(Self.longPath.dropFirst()), String(Self.veryLongPath.dropFirst()), "ünïcode.txt"]
                || names == ["/", "/dir/", "/dir/a.txt", "/dir/empty", "/dir/block", "/dir/odd",
                             Self.longPath, Self.veryLongPath, "/ünïcode.txt"], "\(names)")
        let lines = verbose.output.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines[1].hasPrefix("d"))
        #expect(lines[2].hasPrefix("-"))
        #expect(lines[2].contains(" 6 1970-01-01 00:00 "))
        #expect(lines[5].contains(" 513 1970-01-01 00:00 "))
    }
}
