import Foundation
import Testing
@testable import TuskCLI

@Suite struct OutputFormattingTests {
    @Test func tableAlignsColumnsWithTwoSpacesAndUppercaseHeaders() {
        var table = Table(headers: ["name", "type", "size"])
        table.append(["/a.txt", "file", "3 B"])
        table.append(["/longer-name/", "dir", "1.5 KiB"])
        #expect(table.rendered() == """
        NAME           TYPE  SIZE
        /a.txt         file  3 B
        /longer-name/  dir   1.5 KiB

        """)
    }

    @Test func humanSizesUseBinaryUnits() {
        #expect(HumanFormat.size(0) == "0 B")
        #expect(HumanFormat.size(1023) == "1023 B")
        #expect(HumanFormat.size(1536) == "1.5 KiB")
        #expect(HumanFormat.size(1_258_291) == "1.2 MiB")
        #expect(HumanFormat.size(5 * 1024 * 1024 * 1024) == "5 GiB")
    }

    @Test func relativeTimesReadLikePachctl() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(HumanFormat.relativeTime(now.addingTimeInterval(-3), now: now) == "3 seconds ago")
        #expect(HumanFormat.relativeTime(now.addingTimeInterval(-90), now: now) == "About a minute ago")
        #expect(HumanFormat.relativeTime(now.addingTimeInterval(-7200 * 3), now: now) == "6 hours ago")
        #expect(HumanFormat.relativeTime(now.addingTimeInterval(-86400 * 3), now: now) == "3 days ago")
    }

    @Test func byteCountsAcceptUnits() {
        #expect(ByteCountParser.parse("100") == 100)
        #expect(ByteCountParser.parse("4KB") == 4096)
        #expect(ByteCountParser.parse("2MiB") == 2 * 1024 * 1024)
        #expect(ByteCountParser.parse("x") == nil)
    }

    @Test func progressBarShowsDoneTotalAndRate() {
        let line = ProgressBar.render(label: "put", done: 512, total: 1024, elapsed: 1)
        #expect(line.contains("[===============>"))
        #expect(line.contains("512 B / 1 KiB"))
    }

    @Test func unreachableServerGivesAClearMessage() async {
        let captured = CapturedConsole()
        let status = await CLI.run(arguments: ["list", "repo", "--address", "localhost:1"], environment: ["PACH_CONFIG": "/nonexistent/config.json"], console: captured.console)
        #expect(status == 1)
        #expect(captured.errors == "tusk: cannot reach tusk serve at localhost:1 — is it running? set --address or PACHD_ADDRESS\n")
    }
}
