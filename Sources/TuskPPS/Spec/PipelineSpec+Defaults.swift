extension PipelineSpec {
    /// Fills in the built-in defaults of the reference (§5.1, §5.3): transform image
    /// `ubuntu:20.04`, output branch `master`, 3 datum tries, `until_success`, and for every input
    /// leaf the branch `master`, the name (= repo), the project (= the pipeline's) and the cron
    /// repo `<pipeline>_<name>`. Idempotent.
    public mutating func applyDefaults() {
        if transform != nil, transform?.image.isEmpty == true { transform?.image = Self.defaultImage }
        if outputBranch.isEmpty { outputBranch = Self.defaultOutputBranch }
        if datumTries == 0 { datumTries = Self.defaultDatumTries }
        if reprocessSpec.isEmpty { reprocessSpec = ReprocessSpec.untilSuccess.rawValue }
        if var tree = input {
            tree.applyDefaults(pipeline: pipeline)
            input = tree
        }
    }
}

extension PipelineInput {
    mutating func applyDefaults(pipeline: PipelineName) {
        if var leaf = pfs {
            if leaf.branch.isEmpty, !leaf.s3 || !leaf.repo.isEmpty { leaf.branch = PipelineSpec.defaultInputBranch }
            if leaf.name.isEmpty { leaf.name = leaf.repo }
            if leaf.project.isEmpty { leaf.project = pipeline.project }
            pfs = leaf
        }
        if var leaf = cron {
            if leaf.repo.isEmpty, !leaf.name.isEmpty { leaf.repo = "\(pipeline.name)_\(leaf.name)" }
            if leaf.project.isEmpty { leaf.project = pipeline.project }
            cron = leaf
        }
        for index in cross.indices { cross[index].applyDefaults(pipeline: pipeline) }
        for index in union.indices { union[index].applyDefaults(pipeline: pipeline) }
        for index in join.indices { join[index].applyDefaults(pipeline: pipeline) }
        for index in group.indices { group[index].applyDefaults(pipeline: pipeline) }
    }
}
