import TuskCore
import TuskPFS

extension PipelineSystem {
    /// The datums an input spec would produce over the current heads of its branches, without
    /// creating anything (`ListDatum` with an input, `CreateDatum`, `list datum -f spec`).
    public func previewDatums(inputJSON: String, defaultProject: ProjectName) async throws -> [DatumInfo] {
        let wrapper = "{\"pipeline\": {\"name\": \"datum-preview\"}, \"transform\": {\"cmd\": [\"true\"]}, \"input\": \(inputJSON)}"
        let spec = try PipelineSpecParser.parseOne(wrapper, defaultProject: defaultProject.value)
        try SpecValidator.validate(spec)
        guard let input = spec.input else { throw TuskError.invalid("the datum preview needs an input") }
        let pipeline = PipelineID(trustedProject: defaultProject, name: "datum-preview")
        let inputs = try await JobInputs.gather(spec, pipeline: pipeline, outputCommit: nil, fileSystem: fileSystem)
        let datums = try DatumPlanner.plan(input: input, matches: inputs.matches, salt: "")
        let job = JobKey(pipeline: pipeline, id: CommitID(trusted: String(repeating: "0", count: 32)))
        return datums.map { datum in
            DatumInfo(job: job, id: datum.id, hash: datum.hash, state: .starting, attempts: 0, exitCode: nil, reason: "",
                      stderrTail: "", inputs: inputs.records(datum), stats: ProcessStatistics(), startedAt: nil, finishedAt: nil)
        }
    }
}
