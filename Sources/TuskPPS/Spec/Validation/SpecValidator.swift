import TuskCore

/// Checks a parsed pipeline spec against the rules the reference (§5.3) and Pachyderm's
/// server apply, and reports every problem with its field path and what would be right.
///
/// Runs on specs with defaults applied (as `PipelineSpecParser` returns them). Pure: it looks
/// at nothing but the spec, so existence of repos and branches is checked later, by PPS.
public enum SpecValidator {
    /// Every problem in `spec`; empty when the spec is valid.
    public static func problems(in spec: PipelineSpec) -> [SpecProblem] {
        var collector = ProblemCollector()
        checkPipeline(spec, &collector)
        checkTransform(spec, &collector)
        checkKinds(spec, &collector)
        checkNumbers(spec, &collector)
        if let input = spec.input {
            InputValidator.check(input, pipeline: spec.pipeline, into: &collector)
        }
        return collector.problems
    }

    /// Throws one `.invalidArgument` `TuskError` listing every problem, when there are any.
    public static func validate(_ spec: PipelineSpec) throws {
        let found = problems(in: spec)
        if !found.isEmpty { throw SpecProblem.error(found, pipeline: spec.pipeline.name.isEmpty ? nil : spec.pipeline.name) }
    }

    private static func checkPipeline(_ spec: PipelineSpec, _ collector: inout ProblemCollector) {
        if spec.pipeline.name.isEmpty {
            collector.add("pipeline.name", "pipeline.name is missing; add pipeline: {name: <name>} using letters, digits, \"_\" and \"-\"")
        } else {
            collector.check("pipeline.name") { try NameRules.validatePipeline(spec.pipeline.name) }
        }
        collector.check("pipeline.project.name") { try NameRules.validateProject(spec.pipeline.project) }
        collector.check("output_branch") { try NameRules.validateBranch(spec.outputBranch) }
        if spec.reprocessPolicy == nil {
            collector.add("reprocess_spec", "reprocess_spec \"\(spec.reprocessSpec)\" is not allowed; use \"until_success\" (the default) or \"every_job\"")
        }
        if spec.tfJob != nil {
            collector.add("tf_job", "tf_job is not supported (as in Pachyderm 2.x); run training in transform.cmd instead")
        }
        for (key, text) in [("pod_spec", spec.podSpec), ("pod_patch", spec.podPatch)] where !text.isEmpty {
            var reader = JSONReader(text)
            do {
                let values = try reader.readStream()
                if values.count != 1 { collector.add(key, "\(key) must hold one JSON value, found \(values.count)") }
            } catch {
                collector.add(key, "\(key) is not valid JSON: \((error as? TuskError)?.message ?? "\(error)")")
            }
        }
        if let egress = spec.egress {
            let destination = egress.destination
            if destination.isEmpty {
                collector.add("egress", "egress has no destination; set egress.URL, e.g. \"file:///srv/out\" or \"s3://bucket/prefix\"")
            } else if !destination.contains("://") {
                collector.add("egress.URL", "egress URL \"\(destination)\" has no scheme; write it like \"file:///srv/out\" or \"s3://bucket/prefix\"")
            }
        }
    }

    private static func checkTransform(_ spec: PipelineSpec, _ collector: inout ProblemCollector) {
        guard let transform = spec.transform else {
            collector.add("transform", "transform is missing; add transform: {cmd: [...]} with the command to run for each datum")
            return
        }
        if transform.cmd.isEmpty, transform.stdin.isEmpty {
            collector.add("transform.cmd", "transform.cmd is empty; give the command as a list, like cmd: [\"python3\", \"/code/main.py\"] (or cmd: [\"bash\"] with stdin lines)")
        }
        if transform.image.isEmpty {
            collector.add("transform.image", "transform.image is empty; name an image or leave the key out for the default \(PipelineSpec.defaultImage)")
        }
        if transform.errCmd.isEmpty, !transform.errStdin.isEmpty {
            collector.add("transform.err_stdin", "transform.err_stdin is set without transform.err_cmd; add err_cmd: [\"bash\"] to run those lines")
        }
        for (index, secret) in transform.secrets.enumerated() where secret.name.isEmpty {
            collector.add("transform.secrets[\(index)].name", "transform.secrets[\(index)].name is missing; name the secret to mount")
        }
    }

    private static func checkKinds(_ spec: PipelineSpec, _ collector: inout ProblemCollector) {
        if spec.spout != nil {
            if spec.input != nil {
                collector.add("input", "a spout pipeline takes no input; remove input (spout code writes its own commits)")
            }
            if spec.service != nil {
                collector.add("service", "spout and service are both set; for a spout that serves, put the service inside spout: {service: ...}")
            }
        } else if spec.input == nil {
            collector.add("input", "input is missing; add input: {pfs: {repo: <repo>, glob: \"/*\"}} (or make the pipeline a spout)")
        }
        for (path, service) in [("service", spec.service), ("spout.service", spec.spout?.service)] {
            guard let service else { continue }
            if service.internalPort <= 0 || service.internalPort > 65535 {
                collector.add("\(path).internal_port", "\(path).internal_port is \(service.internalPort == 0 ? "missing" : String(service.internalPort)); give the port (1-65535) the service listens on")
            }
            if service.externalPort < 0 || service.externalPort > 65535 {
                collector.add("\(path).external_port", "\(path).external_port \(service.externalPort) is out of range; give a port between 1 and 65535")
            }
        }
    }

    private static func checkNumbers(_ spec: PipelineSpec, _ collector: inout ProblemCollector) {
        if spec.datumTries < 0 {
            collector.add("datum_tries", "datum_tries is \(spec.datumTries); give a positive number of attempts (default 3)")
        }
        for (key, duration) in [("datum_timeout", spec.datumTimeout), ("job_timeout", spec.jobTimeout), ("maximum_expected_uptime", spec.maximumExpectedUptime)] {
            if let duration, duration < .zero {
                collector.add(key, "\(key) is negative (\(DurationText.format(duration))); give a positive duration like \"600s\" or leave it out")
            }
        }
        if let sets = spec.datumSetSpec {
            for (key, value) in [("number", sets.number), ("size_bytes", sets.sizeBytes), ("per_worker", sets.perWorker)] where value < 0 {
                collector.add("datum_set_spec.\(key)", "datum_set_spec.\(key) is \(value); give 0 (unset) or a positive number")
            }
        }
        let resources = [("resource_requests", spec.resourceRequests), ("resource_limits", spec.resourceLimits),
                         ("sidecar_resource_requests", spec.sidecarResourceRequests), ("sidecar_resource_limits", spec.sidecarResourceLimits)]
        for (key, resource) in resources {
            guard let resource else { continue }
            if resource.cpu < 0 { collector.add("\(key).cpu", "\(key).cpu is \(resource.cpu); give 0 or a positive number of cores") }
            if let gpu = resource.gpu, gpu.number < 0 {
                collector.add("\(key).gpu.number", "\(key).gpu.number is \(gpu.number); give 0 or a positive number")
            }
        }
        for (index, toleration) in spec.tolerations.enumerated() {
            if let seconds = toleration.tolerationSeconds, seconds < 0 {
                collector.add("tolerations[\(index)].toleration_seconds", "tolerations[\(index)].toleration_seconds is \(seconds); give 0 or more")
            }
        }
    }
}

/// The list of problems found so far, with a helper that turns a thrown `TuskError` (from the
/// name rules) into a problem at a field path.
struct ProblemCollector {
    var problems: [SpecProblem] = []

    mutating func add(_ path: String, _ message: String) {
        problems.append(SpecProblem(path: path, message: message))
    }

    mutating func check(_ path: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch let error as TuskError {
            add(path, "\(path): \(error.message)")
        } catch {
            add(path, "\(path): \(error)")
        }
    }
}
