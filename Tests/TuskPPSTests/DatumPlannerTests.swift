import Testing
import TuskCore
@testable import TuskPPS

/// A distinct content hash per label, for hand-made matches.
func contentHash(_ label: String) -> ContentHash {
    var bytes = [UInt8](repeating: 0, count: 32)
    for (index, byte) in label.utf8.enumerated() { bytes[index % 32] ^= byte &+ UInt8(truncatingIfNeeded: index) }
    bytes[31] = UInt8(truncatingIfNeeded: label.utf8.count)
    return ContentHash(bytes: bytes) ?? ContentHash(words: (0, 0, 0, 0))
}

func file(_ path: String, _ content: String? = nil) -> InputMatch {
    InputMatch(path: path, hash: contentHash(content ?? path))
}

func pfs(_ repo: String, _ glob: String, joinOn: String = "", groupBy: String = "", outer: Bool = false) -> PipelineInput {
    var input = PFSInput(repo: repo, glob: glob)
    input.joinOn = joinOn
    input.groupBy = groupBy
    input.outerJoin = outer
    input.project = "default"
    return PipelineInput(pfs: input)
}

@Suite struct DatumPlannerTests {
    private func paths(_ datums: [Datum]) -> [[String]] {
        datums.map { $0.inputs.map { "\($0.name):\($0.path)" } }
    }

    @Test func pfsGivesOneDatumPerMatchInPathOrder() throws {
        let datums = try DatumPlanner.plan(input: pfs("images", "/*"), matches: [
            "images": [file("/b.png"), file("/a.png"), InputMatch(path: "/dir/", isDirectory: true, hash: contentHash("d"),
                                                                    files: [InputFile(path: "/dir/x", hash: contentHash("x"))])],
        ], salt: "s")
        #expect(paths(datums) == [["images:/a.png"], ["images:/b.png"], ["images:/dir"]])
        #expect(datums[2].inputs[0].isDirectory)
        #expect(datums[2].inputs[0].files.map(\.path) == ["/dir/x"])
        #expect(datums[0].inputs[0].files == [InputFile(path: "/a.png", hash: contentHash("/a.png"))])
    }

    @Test func emptyInputAndCrossWithEmptySideGiveNoDatums() throws {
        #expect(try DatumPlanner.plan(input: pfs("a", "/*"), matches: ["a": []], salt: "").isEmpty)
        let cross = PipelineInput(cross: [pfs("a", "/*"), pfs("b", "/*")])
        #expect(try DatumPlanner.plan(input: cross, matches: ["a": [file("/1")], "b": []], salt: "").isEmpty)
    }

    @Test func crossOfThreeVariesFirstInputSlowest() throws {
        let cross = PipelineInput(cross: [pfs("a", "/*"), pfs("b", "/*"), pfs("c", "/*")])
        let datums = try DatumPlanner.plan(input: cross, matches: [
            "a": [file("/a1"), file("/a2")], "b": [file("/b1"), file("/b2")], "c": [file("/c1")],
        ], salt: "")
        #expect(paths(datums) == [
            ["a:/a1", "b:/b1", "c:/c1"], ["a:/a1", "b:/b2", "c:/c1"],
            ["a:/a2", "b:/b1", "c:/c1"], ["a:/a2", "b:/b2", "c:/c1"],
        ])
        #expect(Set(datums.map(\.id)).count == 4)
    }

    @Test func unionConcatenatesChildren() throws {
        let union = PipelineInput(union: [pfs("a", "/*"), pfs("b", "/*")])
        let datums = try DatumPlanner.plan(input: union, matches: ["a": [file("/2"), file("/1")], "b": [file("/3")]], salt: "")
        #expect(paths(datums) == [["a:/1"], ["a:/2"], ["b:/3"]])
    }

    @Test func innerJoinMatchesKeysFromNestedCaptureGroups() throws {
        // Group 1 is the whole "(user-(*))", group 2 the inner id.
        let join = PipelineInput(join: [pfs("purchases", "/(user-(*))/*.txt", joinOn: "$2"),
                                        pfs("users", "/(*).json", joinOn: "$1")])
        let datums = try DatumPlanner.plan(input: join, matches: [
            "purchases": [file("/user-1/p.txt"), file("/user-2/p.txt"), file("/user-1/q.txt")],
            "users": [file("/1.json"), file("/3.json")],
        ], salt: "")
        #expect(paths(datums) == [["purchases:/user-1/p.txt", "users:/1.json"], ["purchases:/user-1/q.txt", "users:/1.json"]])
        #expect(datums.allSatisfy { $0.inputs.allSatisfy { $0.joinOn == "1" } })
    }

    @Test func outerJoinKeepsUnmatchedKeysOfOuterInputsOnly() throws {
        let join = PipelineInput(join: [pfs("a", "/(*).txt", joinOn: "$1", outer: true), pfs("b", "/(*).csv", joinOn: "$1")])
        let datums = try DatumPlanner.plan(input: join, matches: [
            "a": [file("/1.txt"), file("/2.txt")], "b": [file("/2.csv"), file("/3.csv")],
        ], salt: "")
        #expect(paths(datums) == [["a:/1.txt"], ["a:/2.txt", "b:/2.csv"]])
    }

    @Test func groupByMonthGivesOneDatumPerKeyWithAllMatches() throws {
        let group = PipelineInput(group: [pfs("sales", "/(*)-(*)-*.csv", groupBy: "$1-$2"),
                                          pfs("returns", "/(*)-(*).txt", groupBy: "$1-$2")])
        let datums = try DatumPlanner.plan(input: group, matches: [
            "sales": [file("/2024-01-02.csv"), file("/2024-02-01.csv"), file("/2024-01-01.csv")],
            "returns": [file("/2024-01.txt")],
        ], salt: "")
        #expect(paths(datums) == [
            ["sales:/2024-01-01.csv", "sales:/2024-01-02.csv", "returns:/2024-01.txt"],
            ["sales:/2024-02-01.csv"],
        ])
        #expect(datums[0].inputs.allSatisfy { $0.groupBy == "2024-01" })
    }

    @Test func cronInputReadsItsRepoMasterBranch() throws {
        let cron = PipelineInput(cron: CronInput(name: "tick", spec: "@daily", repo: "p_tick"))
        let datums = try DatumPlanner.plan(input: cron, matches: ["tick": [file("/2024-05-01T00:00:00Z", "")]], salt: "")
        #expect(datums.count == 1)
        #expect(datums[0].inputs[0].repo == "p_tick")
        #expect(datums[0].inputs[0].branch == "master")
        #expect(datums[0].inputs[0].isCron)
    }

    @Test func idDependsOnLocationAndHashOnContentAndSalt() throws {
        let input = pfs("a", "/*")
        let first = try DatumPlanner.plan(input: input, matches: ["a": [file("/x", "one")]], salt: "s1")[0]
        let changed = try DatumPlanner.plan(input: input, matches: ["a": [file("/x", "two")]], salt: "s1")[0]
        let resalted = try DatumPlanner.plan(input: input, matches: ["a": [file("/x", "one")]], salt: "s2")[0]
        #expect(first.id == changed.id)
        #expect(first.hash != changed.hash)
        #expect(first.hash != resalted.hash)
        #expect(first.id.count == 64)
        var reference = PFSInput(repo: "a", glob: "/*")
        reference.reference = true
        let referenced = try DatumPlanner.plan(input: PipelineInput(pfs: reference), matches: ["a": [file("/x", "one")]], salt: "s1")[0]
        let referencedChanged = try DatumPlanner.plan(input: PipelineInput(pfs: reference), matches: ["a": [file("/x", "two")]], salt: "s1")[0]
        #expect(referenced.hash == referencedChanged.hash)
    }

    @Test func idUsesLengthPrefixedFieldsSoBoundariesMatter() {
        let one = DatumInput(name: "ab", repo: "c", path: "/x", hash: contentHash("h"))
        let two = DatumInput(name: "a", repo: "bc", path: "/x", hash: contentHash("h"))
        #expect(DatumIdentity.id(of: [one]) != DatumIdentity.id(of: [two]))
    }

    @Test func missingMatchListOrNonMatchingPathIsACallerError() {
        #expect(throws: TuskError.self) { try DatumPlanner.plan(input: pfs("a", "/*"), matches: [:], salt: "") }
        #expect(throws: TuskError.self) { try DatumPlanner.plan(input: pfs("a", "/*.txt"), matches: ["a": [file("/x.png")]], salt: "") }
    }
}

@Suite struct DatumDiffTests {
    private func datums(_ contents: [String: String]) throws -> [Datum] {
        try DatumPlanner.plan(input: pfs("a", "/*"), matches: ["a": contents.map { file($0.key, $0.value) }], salt: "s")
    }

    @Test func skipsOnlySameIDSameHashThatSucceeded() throws {
        let before = try datums(["/1": "x", "/2": "y", "/3": "z", "/4": "w"])
        let records = before.map { DatumRecord(id: $0.id, hash: $0.hash, succeeded: $0.inputs[0].path != "/3") }
        let now = try datums(["/1": "x", "/2": "changed", "/3": "z", "/5": "new"])
        let diff = DatumDiff.compare(previous: records, current: now)
        #expect(diff.toSkip.map { $0.inputs[0].path } == ["/1"])
        #expect(Set(diff.toProcess.map { $0.inputs[0].path }) == ["/2", "/3", "/5"])
        #expect(diff.removed.map(\.id) == [before[3].id])
        #expect(Set(diff.superseded.map(\.id)) == [before[1].id, before[2].id])
    }

    @Test func everyJobSkipsNothing() throws {
        let before = try datums(["/1": "x"])
        let records = before.map { DatumRecord(id: $0.id, hash: $0.hash, succeeded: true) }
        let diff = DatumDiff.compare(previous: records, current: before, reprocessSpec: .everyJob)
        #expect(diff.toSkip.isEmpty)
        #expect(diff.toProcess.count == 1)
    }

    @Test func changingOneOfAThousandFilesProcessesExactlyOne() throws {
        var contents: [String: String] = [:]
        for index in 0..<1000 { contents["/f\(index)"] = "v\(index)" }
        let before = try datums(contents)
        contents["/f500"] = "new"
        let diff = DatumDiff.compare(previous: before.map { DatumRecord(id: $0.id, hash: $0.hash, succeeded: true) },
                                     current: try datums(contents))
        #expect(diff.toProcess.map { $0.inputs[0].path } == ["/f500"])
        #expect(diff.toSkip.count == 999)
    }
}
