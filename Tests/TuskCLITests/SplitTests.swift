import Testing
import TuskCore
@testable import TuskCLI

@Suite struct SplitTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    func text(_ file: SplitFile) -> String { String(decoding: file.content, as: UTF8.self) }
    /// The bytes a reader of `path/*` gets: the header, the records in name order, the footer.
    func joined(_ files: [SplitFile]) -> [UInt8] {
        let header = files.filter { $0.name == SplitFileGrouper.headerName }
        let footer = files.filter { $0.name == SplitFileGrouper.footerName }
        let records = files.filter { !SplitDirectory.isReserved($0.name) }.sorted { $0.name < $1.name }
        return (header + records + footer).flatMap(\.content)
    }

    @Test func lineSplitGivesOneRecordPerFileByDefault() throws {
        let files = try SplitFileGrouper.split(bytes("a\nb\nc"), format: .line)
        #expect(files.map(\.name) == ["0000000000000000", "0000000000000001", "0000000000000002"])
        #expect(files.map(text) == ["a\n", "b\n", "c"])
    }

    @Test func lineSplitHeaderRecordsGoToTheHeaderFileOnce() throws {
        let input = bytes("id,name\n4,alice\n7,bob\n")
        let files = try SplitFileGrouper.split(input, format: .line, headerRecords: 1)
        #expect(files.first?.name == SplitFileGrouper.headerName)
        #expect(files.first.map(text) == "id,name\n")
        #expect(files.count == 3)
        #expect(joined(files) == input)
    }

    @Test func targetDatumsGroupsRecords() throws {
        let files = try SplitFileGrouper.split(bytes("1\n2\n3\n4\n5\n"), format: .line, targetDatums: 2)
        #expect(files.map(text) == ["1\n2\n", "3\n4\n", "5\n"])
    }

    @Test func targetBytesGroupsRecordsAndGivesBigRecordsTheirOwnFile() throws {
        let files = try SplitFileGrouper.split(bytes("aa\nbb\ncccccccc\nd\n"), format: .line, targetBytes: 6)
        #expect(files.map(text) == ["aa\nbb\n", "cccccccc\n", "d\n"])
    }

    @Test func jsonSplitCutsTopLevelValuesIncludingNestedStringsWithBraces() throws {
        let input = bytes(" {\"a\": \"}{\\\"\", \"b\": [1, {\"c\": 2}]}\n[1,2] \"s\\\"x\" 42 true\nnull")
        let files = try SplitFileGrouper.split(input, format: .json)
        #expect(files.map(text) == [" {\"a\": \"}{\\\"\", \"b\": [1, {\"c\": 2}]}\n", "[1,2] ", "\"s\\\"x\" ", "42 ", "true\n", "null"])
        #expect(joined(files) == input)
    }

    @Test func jsonSplitRefusesAnUnclosedValue() {
        #expect(throws: TuskError.self) { try SplitFileGrouper.split(Array("{\"a\": 1".utf8), format: .json) }
    }

    @Test func sqlSplitSeparatesHeaderRowsAndFooter() throws {
        let dump = """
        SET statement_timeout = 0;
        CREATE TABLE public.users (id integer, name text);
        COPY public.users (id, name) FROM stdin;
        1\twile E Coyote
        2\troad runner
        3\tacme
        \\.
        -- PostgreSQL database dump complete

        """
        let files = try SplitFileGrouper.split(bytes(dump), format: .sql, targetDatums: 2)
        #expect(files.map(\.name) == [SplitDirectory.headerName, "0000000000000000", "0000000000000001", SplitDirectory.footerName])
        #expect(text(files[0]).hasSuffix("FROM stdin;\n"))
        #expect(text(files[1]) == "1\twile E Coyote\n2\troad runner\n")
        #expect(text(files[2]) == "3\tacme\n")
        #expect(text(files[3]) == "\\.\n-- PostgreSQL database dump complete\n")
        #expect(joined(files) == bytes(dump))
    }

    @Test func sqlSplitRefusesADumpWithoutCopy() {
        #expect(throws: TuskError.self) { try SplitFileGrouper.split(Array("SELECT 1;\n".utf8), format: .sql) }
    }

    @Test func streamingInTinyPiecesGivesTheSameFilesAsOneFeed() throws {
        let input = bytes("{\"x\": [1, 2]}\n{\"y\": \"a b\"}\n3\n")
        let whole = try SplitFileGrouper.split(input, format: .json, targetDatums: 1)
        var splitter = SplitFormat.json.makeSplitter()
        var grouper = SplitFileGrouper(targetDatums: 1)
        var files: [SplitFile] = []
        for byte in input { for piece in try splitter.feed([byte]) { files += grouper.add(piece) } }
        for piece in try splitter.finish() { files += grouper.add(piece) }
        files += grouper.finish()
        #expect(files == whole)
    }

    @Test func exactRoundTripForEveryFormatAndTarget() throws {
        let line = bytes("h1\nh2\n" + (1...50).map { "row \($0),\(String(repeating: "x", count: $0 % 7))\n" }.joined() + "last-without-newline")
        for datums in [0, 1, 3, 50] {
            for target in [0, 10, 100] {
                let files = try SplitFileGrouper.split(line, format: .line, targetDatums: datums, targetBytes: target, headerRecords: 2)
                #expect(joined(files) == line)
                #expect(files.filter { $0.name == SplitFileGrouper.headerName }.count == 1)
            }
        }
    }

    @Test func appendingContinuesNumbering() {
        var grouper = SplitFileGrouper(firstIndex: 0x1f)
        let files = grouper.add(.record(Array("a\n".utf8))) + grouper.finish()
        #expect(files.map(\.name) == ["000000000000001f"])
    }
}
