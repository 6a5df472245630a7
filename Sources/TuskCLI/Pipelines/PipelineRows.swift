import Foundation
import TuskClient

/// Table rows and detail lines for pipelines, jobs and datums, as pachctl lays them out.
enum PipelineRows {
    /// `running`, `success`, `failure`: the enum name without its prefix, lower-case.
    static func jobState(_ state: WireJobState) -> String {
        switch state {
        case .jobCreated: return "created"
        case .jobStarting: return "starting"
        case .jobRunning: return "running"
        case .jobFailure: return "failure"
        case .jobSuccess: return "success"
        case .jobKilled: return "killed"
        case .jobEgressing: return "egressing"
        case .jobFinishing: return "finishing"
        case .jobUnrunnable: return "unrunnable"
        default: return "-"
        }
    }

    static func pipelineState(_ state: WirePipelineState) -> String {
        switch state {
        case .pipelineStarting: return "starting"
        case .pipelineRunning: return "running"
        case .pipelineRestarting: return "restarting"
        case .pipelineFailure: return "failure"
        case .pipelinePaused: return "paused"
        case .pipelineStandby: return "standby"
        case .pipelineCrashing: return "crashing"
        default: return "-"
        }
    }

    static func datumState(_ state: WireDatumState) -> String {
        switch state {
        case .failed: return "failed"
        case .success: return "success"
        case .skipped: return "skipped"
        case .starting: return "starting"
        case .recovered: return "recovered"
        default: return "-"
        }
    }

    /// The short form of an input: `images:/*`, `(a:/* ⨯ b:/*)`, `tick:@every 10s`.
    static func input(_ input: PipelineInput) -> String {
        if input.hasPfs {
            let pfs = input.pfs
            let branch = pfs.branch.isEmpty || pfs.branch == "master" ? "" : "@\(pfs.branch)"
            return "\(pfs.repo)\(branch):\(pfs.glob)"
        }
        if input.hasCron { return "\(input.cron.name):\(input.cron.spec)" }
        func combine(_ parts: [PipelineInput], _ symbol: String) -> String {
            "(" + parts.map(Self.input).joined(separator: " \(symbol) ") + ")"
        }
        if !input.cross.isEmpty { return combine(input.cross, "⨯") }
        if !input.union.isEmpty { return combine(input.union, "∪") }
        if !input.join.isEmpty { return combine(input.join, "⋈") }
        if !input.group.isEmpty { return "group" + combine(input.group, ",") }
        return "none"
    }

    static func pipelineTable(_ pipelines: [PipelineInfo], now: Date = Date()) -> Table {
        var table = Table(headers: ["NAME", "VERSION", "INPUT", "CREATED", "STATE / LAST JOB", "DESCRIPTION"])
        for info in pipelines {
            let details = info.details
            let created = details.hasCreatedAt ? InfoRows.time(details.createdAt.seconds, details.createdAt.nanos, now: now) : "-"
            table.append([
                info.pipeline.name, "\(info.version)", details.hasInput ? input(details.input) : "none", created,
                "\(pipelineState(info.state)) / \(jobState(info.lastJobState))", details.description_p,
            ])
        }
        return table
    }

    /// `processed + skipped / total`, e.g. `1 + 1 / 2`.
    static func progress(_ info: JobInfo) -> String {
        "\(info.dataProcessed) + \(info.dataSkipped) / \(info.dataTotal)"
    }

    static func seconds(_ time: WireTimestamp) -> Double {
        Double(time.seconds) + Double(time.nanos) / 1e9
    }

    /// How long the job ran (until now while it runs); `-` before it started.
    static func duration(_ info: JobInfo, now: Date) -> String {
        guard info.hasStarted else { return "-" }
        let end = info.hasFinished ? seconds(info.finished) : now.timeIntervalSince1970
        return HumanFormat.duration(max(0, end - seconds(info.started)))
    }

    static func jobTable(_ jobs: [JobInfo], now: Date = Date()) -> Table {
        var table = Table(headers: ["PIPELINE", "ID", "STARTED", "DURATION", "RESTART", "PROGRESS", "DL", "UL", "STATE"])
        for info in jobs {
            let started = info.hasStarted ? info.started : info.created
            table.append([
                info.job.pipeline.name, info.job.id, InfoRows.time(started.seconds, started.nanos, now: now),
                duration(info, now: now), "\(info.restart)", progress(info),
                HumanFormat.size(info.stats.downloadBytes), HumanFormat.size(info.stats.uploadBytes), jobState(info.state),
            ])
        }
        return table
    }

    static func durationSeconds(_ duration: WireDuration) -> Double {
        Double(duration.seconds) + Double(duration.nanos) / 1e9
    }

    static func datumTable(_ datums: [DatumInfo]) -> Table {
        var table = Table(headers: ["ID", "FILES", "STATUS", "TIME"])
        for info in datums {
            let files = info.data.map(\.file.path).joined(separator: ", ")
            let stats = info.stats
            let total = durationSeconds(stats.downloadTime) + durationSeconds(stats.processTime) + durationSeconds(stats.uploadTime)
            let time = info.state == .skipped || !info.hasStats ? "-" : HumanFormat.duration(total)
            table.append([info.datum.id, files.isEmpty ? "-" : files, datumState(info.state), time])
        }
        return table
    }

    /// One-line JSON (a message's `jsonLine()`) as indented JSON for `inspect` output.
    static func prettyJSON(_ line: String) -> String {
        guard let data = line.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data),
              let pretty = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]),
              let text = String(data: pretty, encoding: .utf8) else { return line }
        return text
    }
}
