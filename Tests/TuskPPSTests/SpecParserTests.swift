import Testing
import TuskCore
@testable import TuskPPS

@Suite struct SpecParserTests {
    @Test func parsesJSONWithSnakeCaseKeysAndAppliesDefaults() throws {
        let spec = try PipelineSpecParser.parseOne("""
        {"pipeline": {"name": "edges"}, "transform": {"cmd": ["python3", "/edges.py"]},
         "input": {"pfs": {"repo": "images", "glob": "/*"}}}
        """)
        #expect(spec.pipeline == PipelineName(name: "edges", project: "default"))
        #expect(spec.transform?.image == "ubuntu:20.04")
        #expect(spec.transform?.cmd == ["python3", "/edges.py"])
        #expect(spec.outputBranch == "master")
        #expect(spec.datumTries == 3)
        #expect(spec.reprocessSpec == "until_success")
        #expect(spec.input?.pfs?.branch == "master")
        #expect(spec.input?.pfs?.name == "images")
        #expect(spec.input?.pfs?.project == "default")
    }

    @Test func parsesYAMLWithCamelCaseKeysInt64StringsAndDurations() throws {
        let spec = try PipelineSpecParser.parseOne("""
        pipeline: {name: edges, project: {name: vision}}
        transform:
          image: pachyderm/opencv:1.0
          cmd: [python3, /edges.py]
          env: {MODE: fast, THREADS: 4}
          acceptReturnCode: ["1", 2]
        parallelismSpec: {constant: "2"}
        datumTries: "5"
        datum_timeout: "1.5s"
        jobTimeout: 1h30m
        resource_requests: {cpu: 0.5, memory: "512Mi"}
        input:
          pfs: {repo: images, glob: "/*", joinOn: "$1", outerJoin: true}
        """, defaultProject: "ignored")
        #expect(spec.pipeline.project == "vision")
        #expect(spec.transform?.env == ["MODE": "fast", "THREADS": "4"])
        #expect(spec.transform?.acceptReturnCode == [1, 2])
        #expect(spec.parallelism == 2)
        #expect(spec.datumTries == 5)
        #expect(spec.datumTimeout == .milliseconds(1500))
        #expect(spec.jobTimeout == .seconds(5400))
        #expect(spec.resourceRequests?.cpu == 0.5)
        #expect(spec.input?.pfs?.joinOn == "$1")
        #expect(spec.input?.pfs?.outerJoin == true)
        #expect(spec.input?.pfs?.project == "vision")
    }

    @Test func readsSeveralYAMLDocumentsJSONStreamsAndArrays() throws {
        let yaml = """
        pipeline: {name: a}
        transform: {cmd: [a]}
        input: {pfs: {repo: r, glob: /}}
        ---
        pipeline: {name: b}
        transform: {cmd: [b]}
        input: {pfs: {repo: a, glob: /}}
        """
        #expect(try PipelineSpecParser.parse(yaml).map(\.pipeline.name) == ["a", "b"])
        let stream = #"{"pipeline": {"name": "a"}} {"pipeline": {"name": "b"}}"#
        #expect(try PipelineSpecParser.parse(stream).map(\.pipeline.name) == ["a", "b"])
        let array = #"[{"pipeline": {"name": "a"}}, {"pipeline": {"name": "b"}}, {"pipeline": {"name": "c"}}]"#
        #expect(try PipelineSpecParser.parse(array).map(\.pipeline.name) == ["a", "b", "c"])
        let yamlList = "- pipeline: {name: x}\n- pipeline: {name: y}\n"
        #expect(try PipelineSpecParser.parse(yamlList).map(\.pipeline.name) == ["x", "y"])
    }

    @Test func unknownKeyNamesPathAndSuggestsClosestField() {
        do {
            _ = try PipelineSpecParser.parse(#"{"pipeline": {"name": "p"}, "input": {"pfs": {"repo": "r", "glb": "/*"}}, "transfrom": {}}"#)
            Issue.record("expected an error")
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("unknown field input.pfs.glb; did you mean glob?"))
            #expect(error.message.contains("unknown field transfrom; did you mean transform?"))
            #expect(error.message.contains("2 problems"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func badTypesAndDurationsAreReportedWithPaths() {
        do {
            _ = try PipelineSpecParser.parse(#"{"pipeline": {"name": "p"}, "datum_timeout": "ten minutes", "datum_tries": "many", "transform": {"cmd": "python3 /x.py"}}"#)
            Issue.record("expected an error")
        } catch let error as TuskError {
            #expect(error.message.contains("datum_timeout \"ten minutes\" is not a duration"))
            #expect(error.message.contains("datum_tries \"many\" is not a whole number"))
            #expect(error.message.contains("transform.cmd must be a list of arguments, like [\"python3\", \"/x.py\"]"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func readsOneDotXAtomStandbyAndCoefficientWithNotes() throws {
        let spec = try PipelineSpecParser.parseOne("""
        {"pipeline": {"name": "old"}, "transform": {"cmd": ["sh"]}, "standby": true, "enable_stats": true,
         "parallelism_spec": {"coefficient": 0.5},
         "input": {"cross": [{"atom": {"repo": "a", "glob": "/*"}}, {"atom": {"repo": "b", "glob": "/"}}]}}
        """)
        #expect(spec.input?.cross.map { $0.pfs?.repo } == ["a", "b"])
        #expect(spec.autoscaling)
        #expect(spec.parallelism == 1)
        #expect(spec.notes.contains { $0.contains("atom") })
        #expect(spec.notes.contains { $0.contains("standby") })
        #expect(spec.notes.contains { $0.contains("enable_stats") })
        #expect(spec.notes.contains { $0.contains("coefficient") })
    }

    @Test func cronInputGetsRepoNamedAfterPipelineAndStartTimestamp() throws {
        let spec = try PipelineSpecParser.parseOne("""
        pipeline: {name: ticker}
        transform: {cmd: [date]}
        input: {cron: {name: tick, spec: "@every 10s", start: "2024-05-01T12:00:00Z"}}
        """)
        #expect(spec.input?.cron?.repo == "ticker_tick")
        #expect(spec.input?.cron?.start == CivilTime(year: 2024, month: 5, day: 1, hour: 12).timestamp)
    }

    @Test func canonicalJSONUsesCamelCaseAndRoundTripsStably() throws {
        let original = try PipelineSpecParser.parseOne("""
        pipeline: {name: edges}
        description: "detect <edges>"
        transform: {cmd: [python3, /edges.py], env: {B: "2", A: "1"}, err_cmd: [true]}
        input:
          join:
            - pfs: {repo: a, glob: "/(*).txt", join_on: "$1", outer_join: true}
            - pfs: {repo: b, glob: "/(*).csv", join_on: "$1"}
        egress: {URL: "file:///tmp/out"}
        datum_timeout: 90s
        tolerations: [{key: k, operator: EXISTS, effect: NO_SCHEDULE, toleration_seconds: 5}]
        pod_patch: [{op: add, path: /x, value: 1}]
        """)
        let json = original.canonicalJSON()
        #expect(json.contains(#""joinOn":"$1""#))
        #expect(json.contains(#""outerJoin":true"#))
        #expect(json.contains(#""datumTimeout":"90s""#))
        #expect(json.contains(#""errCmd":["true"]"#))
        #expect(json.contains(#""env":{"A":"1","B":"2"}"#))
        #expect(json.contains(#""URL":"file:///tmp/out""#))
        #expect(json.contains(#""datumTries":"3""#))
        let decoded = try PipelineSpecParser.parseOne(json)
        var expected = original
        expected.notes = []
        #expect(decoded == expected)
        #expect(decoded.canonicalJSON() == json)
        #expect(decoded.podPatch == #"[{"op":"add","path":"/x","value":1}]"#)
    }

    @Test func emptyAndMalformedTextAreRefused() {
        #expect(throws: TuskError.self) { try PipelineSpecParser.parse("  ") }
        #expect(throws: TuskError.self) { try PipelineSpecParser.parse(#"{"pipeline": {"name": "p"}"#) }
        #expect(throws: TuskError.self) { try PipelineSpecParser.parse(#"{"pipeline": {"name": "p"}, "pipeline": {"name": "q"}}"#) }
    }
}

@Suite struct SpecFormatTests {
    @Test func durationsParseProtojsonAndGoStyleAndFormatAsProtojson() {
        #expect(DurationText.parse("600s") == .seconds(600))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("10m") == .seconds(600))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("-2s") == .seconds(-2))
        #expect(DurationText.parse("10") == nil)
        #expect(DurationText.parse("abc") == nil)
        #expect(DurationText.format(.seconds(600)) == "600s")
        #expect(DurationText.format(.milliseconds(1500)) == "1.500s")
        #expect(DurationText.format(.microseconds(1)) == "0.000001s")
        #expect(DurationText.format(.nanoseconds(5)) == "0.000000005s")
    }

    @Test func timestampsParseRFC3339WithOffsetsAndFormatInUTC() throws {
        let parsed = try #require(TimestampText.parse("2024-02-29T23:30:00.25+02:00"))
        #expect(TimestampText.format(parsed) == "2024-02-29T21:30:00.250Z")
        #expect(TimestampText.parse("1970-01-01T00:00:00Z") == Timestamp(microseconds: 0))
        #expect(TimestampText.parse("2023-02-29T00:00:00Z") == nil)
        #expect(TimestampText.parse("2023-01-01 00:00:00") == nil)
        #expect(CivilTime(year: 2024, month: 5, day: 1).weekday == 3)
        #expect(CivilTime(Timestamp(microseconds: -1)).year == 1969)
    }
}
