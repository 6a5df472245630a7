import Testing
import TuskCore
@testable import TuskPPS

@Suite struct SpecValidatorTests {
    private func problems(_ text: String) throws -> [String] {
        SpecValidator.problems(in: try PipelineSpecParser.parseOne(text)).map(\.message)
    }

    @Test func validSpecHasNoProblems() throws {
        #expect(try problems("""
        pipeline: {name: edges}
        transform: {cmd: [python3, /edges.py]}
        input: {pfs: {repo: images, glob: "/*"}}
        """).isEmpty)
    }

    @Test func collectsEveryProblemWithItsPath() throws {
        let found = try problems("""
        pipeline: {name: "bad name!"}
        reprocess_spec: sometimes
        datum_tries: -1
        datum_timeout: -5s
        input:
          cross:
            - pfs: {repo: images, glob: "/[*"}
            - pfs: {glob: "/*"}
            - pfs: {repo: out, glob: "/"}
        """)
        #expect(found.contains { $0.hasPrefix("pipeline.name:") })
        #expect(found.contains { $0.contains("transform is missing") })
        #expect(found.contains { $0.contains("reprocess_spec \"sometimes\"") })
        #expect(found.contains { $0.contains("datum_tries is -1") })
        #expect(found.contains { $0.contains("datum_timeout is negative") })
        #expect(found.contains { $0.hasPrefix("input.cross[0].pfs.glob:") })
        #expect(found.contains { $0.contains("input.cross[1].pfs.repo is missing") })
        #expect(found.contains { $0.contains("input name \"out\" at input.cross[2].pfs") })
        #expect(found.count >= 8)
    }

    @Test func refusesDuplicateInputNamesAcrossTheTree() throws {
        let found = try problems("""
        pipeline: {name: p}
        transform: {cmd: [sh]}
        input:
          cross:
            - pfs: {repo: images, glob: "/*"}
            - union:
                - pfs: {repo: images, glob: "/"}
        """)
        #expect(found.contains { $0.contains("input name \"images\" at input.cross[1].union[0].pfs.name is already used at input.cross[0].pfs.name") })
    }

    @Test func nodeWithZeroOrSeveralKindsAndJoinWithoutKeyAreRefused() throws {
        let found = try problems("""
        pipeline: {name: p}
        transform: {cmd: [sh]}
        input:
          join:
            - pfs: {repo: a, glob: "/(*)", join_on: "$2"}
              cron: {name: c, spec: "@daily"}
            - pfs: {repo: b, glob: "/*"}
            - {}
        """)
        #expect(found.contains { $0.contains("input.join[0] sets pfs and cron") })
        #expect(found.contains { $0.contains("refers to capture group 2, but the glob \"/(*)\" has 1") })
        #expect(found.contains { $0.contains("input.join[1] must be a pfs input with join_on") })
        #expect(found.contains { $0.contains("input.join[2] sets no input kind") })
    }

    @Test func cronSpecServiceSpoutAndS3RulesAreChecked() throws {
        let found = try problems("""
        pipeline: {name: p}
        transform: {cmd: [sh]}
        service: {external_port: 80}
        spout: {}
        input:
          union:
            - cron: {name: tick, spec: "61 * * * *"}
            - pfs: {repo: r, glob: "/*", s3: true}
        """)
        #expect(found.contains { $0.contains("input.union[0].cron.spec:") && $0.contains("minutes field") })
        #expect(found.contains { $0.contains("service.internal_port is missing") })
        #expect(found.contains { $0.contains("a spout pipeline takes no input") })
        #expect(found.contains { $0.contains("s3 is set inside a union") })
        #expect(found.contains { $0.contains("on an s3 input") })
    }

    @Test func emptyCommandIsAcceptedOnlyWithStdin() throws {
        let base = "pipeline: {name: p}\ninput: {pfs: {repo: r, glob: /}}\n"
        #expect(try problems(base + "transform: {cmd: []}").contains { $0.contains("transform.cmd is empty") })
        #expect(try problems(base + "transform: {stdin: [echo hi]}").isEmpty)
    }

    @Test func validateThrowsOneErrorListingAllProblems() throws {
        let spec = try PipelineSpecParser.parseOne(#"{"pipeline": {"name": "p"}}"#)
        #expect {
            try SpecValidator.validate(spec)
        } throws: { error in
            guard let error = error as? TuskError else { return false }
            return error.code == .invalidArgument && error.message.contains("pipeline spec \"p\" is not valid (2 problems)")
        }
    }
}
