extension PipelineInput {
    static let knownFields = ["pfs", "join", "group", "cross", "union", "cron", "atom"]

    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> PipelineInput? {
        guard let fields = reader.object(value, at: path, known: knownFields) else { return nil }
        var input = PipelineInput()
        input.pfs = fields.message("pfs") { PFSInput.decode($0, at: $1, reader: reader) }
        if let atom = fields.field("atom") {
            if input.pfs != nil {
                reader.report(atom.path, "\(atom.path) and \(fields.path("pfs")) are both set; atom is the 1.x name of pfs, keep only pfs")
            } else {
                input.pfs = PFSInput.decode(atom.value, at: atom.path, reader: reader)
                reader.notes.append("\(atom.path): the 1.x atom input is read as pfs")
            }
        }
        let children: (SpecValue, String) -> PipelineInput? = { decode($0, at: $1, reader: reader) }
        input.join = fields.list("join", children)
        input.group = fields.list("group", children)
        input.cross = fields.list("cross", children)
        input.union = fields.list("union", children)
        input.cron = fields.message("cron") { CronInput.decode($0, at: $1, reader: reader) }
        return input
    }
}

extension PFSInput {
    static let knownFields = [
        "name", "repo", "branch", "commit", "glob", "join_on", "outer_join", "group_by", "lazy",
        "empty_files", "s3", "trigger", "repo_type", "project", "propagation_spec", "reference",
    ]

    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> PFSInput? {
        guard let fields = reader.object(value, at: path, known: knownFields) else { return nil }
        var input = PFSInput()
        input.name = fields.string("name")
        input.repo = fields.string("repo")
        input.branch = fields.string("branch")
        input.commit = fields.string("commit")
        input.glob = fields.string("glob")
        input.joinOn = fields.string("join_on")
        input.outerJoin = fields.bool("outer_join")
        input.groupBy = fields.string("group_by")
        input.lazy = fields.bool("lazy")
        input.emptyFiles = fields.bool("empty_files")
        input.s3 = fields.bool("s3")
        input.trigger = fields.message("trigger") { Trigger.decode($0, at: $1, reader: reader) }
        input.repoType = fields.string("repo_type")
        input.project = fields.string("project")
        input.propagationSpec = fields.message("propagation_spec") { value, path in
            reader.object(value, at: path, known: ["never"]).map { propagationFields in
                var spec = PropagationSpec()
                spec.never = propagationFields.bool("never")
                return spec
            }
        }
        input.reference = fields.bool("reference")
        return input
    }
}

extension CronInput {
    static let knownFields = ["name", "repo", "commit", "spec", "overwrite", "start", "project"]

    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> CronInput? {
        guard let fields = reader.object(value, at: path, known: knownFields) else { return nil }
        var input = CronInput()
        input.name = fields.string("name")
        input.repo = fields.string("repo")
        input.commit = fields.string("commit")
        input.spec = fields.string("spec")
        input.overwrite = fields.bool("overwrite")
        input.start = fields.timestamp("start")
        input.project = fields.string("project")
        return input
    }
}

extension Trigger {
    static let knownFields = ["branch", "all", "rate_limit_spec", "size", "commits", "cron_spec"]

    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> Trigger? {
        guard let fields = reader.object(value, at: path, known: knownFields) else { return nil }
        var trigger = Trigger()
        trigger.branch = fields.string("branch")
        trigger.all = fields.bool("all")
        trigger.rateLimitSpec = fields.string("rate_limit_spec")
        trigger.size = fields.string("size")
        trigger.commits = fields.int64("commits")
        trigger.cronSpec = fields.string("cron_spec")
        return trigger
    }
}
