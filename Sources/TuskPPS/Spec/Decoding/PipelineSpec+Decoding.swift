import TuskCore

extension PipelineSpec {
    static let knownFields = [
        "pipeline", "tf_job", "transform", "parallelism_spec", "egress", "update", "output_branch",
        "s3_out", "resource_requests", "resource_limits", "sidecar_resource_limits", "input",
        "description", "reprocess", "service", "spout", "datum_set_spec", "datum_timeout",
        "job_timeout", "salt", "datum_tries", "scheduling_spec", "pod_spec", "pod_patch",
        "spec_commit", "metadata", "reprocess_spec", "autoscaling", "tolerations",
        "sidecar_resource_requests", "dry_run", "determined", "maximum_expected_uptime",
        // 1.x, mapped to its 2.x equivalent with a note:
        "standby",
    ]

    /// 1.x keys that no longer mean anything; accepted and ignored, with the note given.
    static let ignoredLegacyFields = [
        "enable_stats": "1.x enable_stats is ignored; Tusk always keeps per-datum statistics",
        "cache_size": "1.x cache_size is ignored",
        "max_queue_size": "1.x max_queue_size is ignored",
        "scale_down_threshold": "1.x scale_down_threshold is ignored; use autoscaling",
        "chunk_spec": "1.x chunk_spec is ignored; use datum_set_spec",
        "incremental": "1.x incremental is ignored; Tusk always skips datums already processed",
        "hashtree_spec": "1.x hashtree_spec is ignored",
    ]

    /// Reads one spec object. Problems go to `reader`; the result is nil only when `value` is
    /// not an object at all.
    static func decode(_ value: SpecValue, reader: SpecReader, defaultProject: String) -> PipelineSpec? {
        guard let object = reader.object(value, at: "", known: knownFields, legacy: ignoredLegacyFields) else { return nil }
        var spec = PipelineSpec(pipeline: object.message("pipeline") { decodePipelineName($0, $1, reader) }
            ?? PipelineName(name: "", project: ""))
        if spec.pipeline.project.isEmpty { spec.pipeline.project = defaultProject }
        spec.description = object.string("description")
        spec.tfJob = object.message("tf_job") { value, path in
            reader.object(value, at: path, known: ["tf_job"]).map { fields in
                var job = TFJob()
                job.tfJob = fields.string("tf_job")
                return job
            }
        }
        spec.transform = object.message("transform") { Transform.decode($0, at: $1, reader: reader) }
        spec.parallelismSpec = object.message("parallelism_spec") { decodeParallelism($0, $1, reader) }
        spec.egress = object.message("egress") { Egress.decode($0, at: $1, reader: reader) }
        spec.outputBranch = object.string("output_branch")
        spec.s3Out = object.bool("s3_out")
        spec.resourceRequests = object.message("resource_requests") { ResourceSpec.decode($0, at: $1, reader: reader) }
        spec.resourceLimits = object.message("resource_limits") { ResourceSpec.decode($0, at: $1, reader: reader) }
        spec.sidecarResourceLimits = object.message("sidecar_resource_limits") { ResourceSpec.decode($0, at: $1, reader: reader) }
        spec.sidecarResourceRequests = object.message("sidecar_resource_requests") { ResourceSpec.decode($0, at: $1, reader: reader) }
        spec.input = object.message("input") { PipelineInput.decode($0, at: $1, reader: reader) }
        spec.service = object.message("service") { Service.decode($0, at: $1, reader: reader) }
        spec.spout = object.message("spout") { value, path in
            reader.object(value, at: path, known: ["service"]).map { fields in
                var spout = Spout()
                spout.service = fields.message("service") { Service.decode($0, at: $1, reader: reader) }
                return spout
            }
        }
        spec.datumSetSpec = object.message("datum_set_spec") { DatumSetSpec.decode($0, at: $1, reader: reader) }
        spec.datumTimeout = object.duration("datum_timeout")
        spec.jobTimeout = object.duration("job_timeout")
        spec.maximumExpectedUptime = object.duration("maximum_expected_uptime")
        spec.salt = object.string("salt")
        spec.datumTries = object.int64("datum_tries")
        spec.schedulingSpec = object.message("scheduling_spec") { SchedulingSpec.decode($0, at: $1, reader: reader) }
        spec.podSpec = jsonText(object, "pod_spec", reader)
        spec.podPatch = jsonText(object, "pod_patch", reader)
        spec.metadata = object.message("metadata") { value, path in
            reader.object(value, at: path, known: ["annotations", "labels"]).map { fields in
                var metadata = SpecMetadata()
                metadata.annotations = fields.stringMap("annotations")
                metadata.labels = fields.stringMap("labels")
                return metadata
            }
        }
        spec.reprocessSpec = object.string("reprocess_spec")
        spec.autoscaling = object.bool("autoscaling")
        if object.has("standby") {
            let standby = object.bool("standby")
            spec.autoscaling = spec.autoscaling || standby
            spec.notes.append("standby: 1.x standby is read as autoscaling: \(spec.autoscaling) (2.x scales an idle pipeline to zero)")
        }
        spec.tolerations = object.list("tolerations") { Toleration.decode($0, at: $1, reader: reader) }
        spec.determined = object.message("determined") { value, path in
            reader.object(value, at: path, known: ["workspaces"]).map { fields in
                var determined = Determined()
                determined.workspaces = fields.strings("workspaces")
                return determined
            }
        }
        spec.update = object.bool("update")
        spec.reprocess = object.bool("reprocess")
        spec.dryRun = object.bool("dry_run")
        if object.has("spec_commit") {
            spec.notes.append("spec_commit: set by the server; the value in the spec is ignored")
        }
        spec.notes += reader.notes
        return spec
    }

    private static func decodePipelineName(_ value: SpecValue, _ path: String, _ reader: SpecReader) -> PipelineName? {
        guard let fields = reader.object(value, at: path, known: ["name", "project"]) else { return nil }
        var project = ""
        if let field = fields.field("project") {
            if case .object = field.value {
                project = reader.object(field.value, at: field.path, known: ["name"])?.string("name") ?? ""
            } else {
                project = reader.string(field.value, at: field.path) ?? ""
            }
        }
        return PipelineName(name: fields.string("name"), project: project)
    }

    /// `{constant: N}`, plus the 1.x forms `{coefficient: X}` and `{strategy: ...}`.
    private static func decodeParallelism(_ value: SpecValue, _ path: String, _ reader: SpecReader) -> ParallelismSpec? {
        guard let fields = reader.object(value, at: path, known: ["constant", "coefficient", "strategy"]) else { return nil }
        var spec = ParallelismSpec()
        let constant = fields.int64("constant")
        if constant < 0 {
            reader.report(fields.path("constant"), "\(fields.path("constant")) is \(constant); give 0 or a positive number of workers")
        } else {
            spec.constant = UInt64(constant)
        }
        if fields.has("coefficient") {
            let coefficient = fields.double("coefficient")
            if spec.constant == 0 { spec.constant = 1 }
            reader.notes.append("\(fields.path("coefficient")): 1.x coefficient \(coefficient) (a multiple of cluster nodes) is read as constant: \(spec.constant) on one machine")
        }
        if fields.has("strategy") {
            reader.notes.append("\(fields.path("strategy")): 1.x strategy is ignored; the constant decides")
        }
        return spec
    }

    /// A field holding JSON text; an object or list (as YAML users write it) is stored as its JSON.
    private static func jsonText(_ object: SpecObject, _ key: String, _ reader: SpecReader) -> String {
        guard let field = object.field(key) else { return "" }
        switch field.value {
        case .object, .array: return JSONWriter.write(field.value)
        default: return reader.string(field.value, at: field.path) ?? ""
        }
    }
}
