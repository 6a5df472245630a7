import TuskCore
import TuskPFS
import TuskPPS

/// How PPS values (pipelines, jobs, datums, log lines) appear in `/api/v1` bodies.
/// The field names and meanings are the ones `docs/openapi.yaml` documents.
enum PPSJSON {
    static func stateName(_ state: PipelineState) -> String {
        switch state {
        case .starting: return "starting"
        case .running: return "running"
        case .restarting: return "restarting"
        case .failure: return "failure"
        case .paused: return "paused"
        case .standby: return "standby"
        case .crashing: return "crashing"
        }
    }

    static func kindName(_ kind: PipelineKind) -> String {
        switch kind {
        case .transform: return "transform"
        case .spout: return "spout"
        case .service: return "service"
        }
    }

    static func datumStateName(_ state: DatumState) -> String {
        switch state {
        case .failed: return "failed"
        case .success: return "success"
        case .skipped: return "skipped"
        case .starting: return "starting"
        case .recovered: return "recovered"
        }
    }

    static func datumState(named name: String) throws -> DatumState {
        guard let state = DatumState.allCases.first(where: { datumStateName($0) == name }) else {
            let known = DatumState.allCases.map(datumStateName).joined(separator: ", ")
            throw TuskError.invalid("datum state \"\(name)\" is unknown; use one of \(known)", location: "state")
        }
        return state
    }

    /// The pipeline's input leaves as DAG edges need them: the repo (and project) each reads.
    static func inputs(_ info: PipelineInfo) -> [JSONValue] {
        (info.spec.input?.leaves ?? []).map { leaf in
            switch leaf {
            case .pfs(let input):
                return [
                    "kind": "pfs", "name": JSONValue(input.name.isEmpty ? input.repo : input.name),
                    "project": JSONValue(input.project.isEmpty ? info.id.project.value : input.project),
                    "repo": JSONValue(input.repo), "branch": JSONValue(input.branch), "glob": JSONValue(input.glob),
                ]
            case .cron(let input):
                return [
                    "kind": "cron", "name": JSONValue(input.name),
                    "project": JSONValue(input.project.isEmpty ? info.id.project.value : input.project),
                    "repo": JSONValue(input.repo.isEmpty ? "\(info.id.name)_\(input.name)" : input.repo),
                    "branch": "master", "glob": JSONValue(input.spec),
                ]
            }
        }
    }

    /// A pipeline; `spec` is the effective spec object, `user_spec` the text as it was sent.
    static func pipeline(_ info: PipelineInfo, includeSpec: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", JSONValue(info.id.name)),
            ("project", JSONValue(info.id.project.value)),
            ("version", JSONValue(info.version)),
            ("state", JSONValue(stateName(info.state))),
            ("reason", JSONValue(info.reason)),
            ("stopped", JSONValue(info.stopped)),
            ("kind", JSONValue(kindName(info.kind))),
            ("description", JSONValue(info.spec.description)),
            ("last_job_state", .optional(info.lastJobState) { JSONValue($0.rawValue) }),
            ("output_branch", JSONValue(info.spec.outputBranch)),
            ("inputs", .array(inputs(info))),
            ("created", TimeText.json(info.createdAt)),
            ("updated", TimeText.json(info.updatedAt)),
        ]
        if includeSpec {
            members.append(("spec", .raw(info.effectiveSpecJSON)))
            members.append(("user_spec", JSONValue(info.userSpecJSON)))
        }
        return .object(members)
    }

    static func statistics(_ stats: ProcessStatistics) -> JSONValue {
        [
            "download_seconds": JSONValue(stats.downloadSeconds), "process_seconds": JSONValue(stats.processSeconds),
            "upload_seconds": JSONValue(stats.uploadSeconds), "download_bytes": JSONValue(stats.downloadBytes),
            "upload_bytes": JSONValue(stats.uploadBytes),
        ]
    }

    static func job(_ info: JobInfo) -> JSONValue {
        let counters = info.counters
        return [
            "id": JSONValue(info.key.id.value),
            "pipeline": JSONValue(info.key.pipeline.name),
            "project": JSONValue(info.key.pipeline.project.value),
            "pipeline_version": JSONValue(info.pipelineVersion),
            "state": JSONValue(info.state.rawValue),
            "reason": JSONValue(info.reason),
            "datums": [
                "total": JSONValue(counters.total), "processed": JSONValue(counters.processed), "skipped": JSONValue(counters.skipped),
                "failed": JSONValue(counters.failed), "recovered": JSONValue(counters.recovered), "remaining": JSONValue(counters.remaining),
            ],
            "restarts": JSONValue(info.restart),
            "output_commit": JSONValue(info.outputCommit.id.value),
            "output_branch": JSONValue(info.outputBranch),
            "created": TimeText.json(info.createdAt),
            "started": TimeText.json(info.startedAt),
            "finished": TimeText.json(info.finishedAt),
            "duration_seconds": TimeText.seconds(from: info.startedAt ?? info.createdAt, to: info.finishedAt),
            "stats": statistics(info.stats),
        ]
    }

    static func datumInput(_ input: DatumInputRecord) -> JSONValue {
        [
            "name": JSONValue(input.name), "repo": JSONValue(input.repo), "branch": JSONValue(input.branch),
            "commit": JSONValue(input.commit), "path": JSONValue(input.path), "type": JSONValue(input.isDirectory ? "dir" : "file"),
            "hash": JSONValue(input.hash),
        ]
    }

    static func datum(_ info: DatumInfo) -> JSONValue {
        [
            "id": JSONValue(info.id),
            "job": JSONValue(info.job.id.value),
            "pipeline": JSONValue(info.job.pipeline.name),
            "project": JSONValue(info.job.pipeline.project.value),
            "state": JSONValue(datumStateName(info.state)),
            "attempts": JSONValue(info.attempts),
            "exit_code": .optional(info.exitCode) { JSONValue($0) },
            "reason": JSONValue(info.reason),
            "stderr_tail": JSONValue(info.stderrTail),
            "inputs": .array(info.inputs.map(datumInput)),
            "hash": JSONValue(info.hash),
            "started": TimeText.json(info.startedAt),
            "finished": TimeText.json(info.finishedAt),
            "duration_seconds": TimeText.seconds(from: info.startedAt, to: info.finishedAt),
            "stats": statistics(info.stats),
        ]
    }

    static func logLine(_ entry: LogEntry) -> JSONValue {
        [
            "sequence": JSONValue(entry.sequence),
            "time": TimeText.json(entry.timestamp),
            "message": JSONValue(entry.message),
            "user": JSONValue(entry.isUser),
            "master": JSONValue(entry.isMaster),
            "job": JSONValue(entry.jobID),
            "datum": JSONValue(entry.datumID),
            "worker": JSONValue(entry.worker),
        ]
    }
}
