import Foundation
import Testing
@testable import TuskCLI
import TuskTesting

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
        #expect(HumanFormat.size(4096) == "4 KiB")
        #expect(HumanFormat.size(1_234_567) == "1.177 MiB")
        #expect(HumanFormat.size(1_048_575) == "1024 KiB")
        #expect(HumanFormat.size(10_250) == "10.01 KiB")
        #expect(HumanFormat.size(1_030_000) == "1006 KiB")
    }

    /// The integer formatting agrees with C's `%.Nf` (what pachctl-style output was first
    /// written with) over sizes spread across every unit and rounding boundary.
    @Test func humanSizesAgreeWithPrintfRounding() {
        func reference(_ bytes: Int64) -> String {
            let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
            if bytes < 1024 { return "\(bytes) B" }
            var value = Double(bytes)
            var unit = 0
            while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
            let decimals = value >= 1000 ? 0 : value >= 100 ? 1 : value >= 10 ? 2 : 3
            var text = String(format: "%.\(decimals)f", value)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return "\(text) \(units[unit])"
        }
        var generator = SeededBytes(seed: 42)
        var sizes: [Int64] = [1024, 1025, 1535, 1536, 10_239, 10_240, 102_399, 102_400, 1_048_575, 1_048_576]
        for _ in 0..<20_000 {
            let magnitude = Int64(generator.nextWord() % 50) + 10
            sizes.append(Int64(generator.nextWord() % UInt64(1 << magnitude)) + 1024)
        }
        for bytes in sizes {
            #expect(HumanFormat.size(bytes) == reference(bytes), "\(bytes) bytes")
        }
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
