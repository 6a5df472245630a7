import TuskCore

/// The environment of a datum's user code: a few host variables, the spec's `env`, and the
/// variables Pachyderm defines for every datum (reference §5.4).
///
/// Pachyderm's variables are set last, so a spec cannot make `PACH_DATUM_ID` lie.
enum DatumEnvironment {
    /// Host variables passed through to user code.
    static let passedThrough = ["PATH", "HOME", "LANG"]
    /// `PATH` when the host has none.
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    static func build(for unit: DatumWorkUnit, host: [String: String]) -> [String: String] {
        var environment: [String: String] = [:]
        for name in passedThrough {
            if let value = host[name] { environment[name] = value }
        }
        if environment["PATH"] == nil { environment["PATH"] = defaultPath }
        environment.merge(unit.transform.env) { _, spec in spec }

        var named = Set<String>()
        for input in unit.inputs where named.insert(input.name).inserted {
            environment[input.name] = localPath(of: input)
            environment["\(input.name)_COMMIT"] = input.commitID
            if let key = input.joinOn { environment["PACH_DATUM_\(input.name)_JOIN_ON"] = key }
            if let key = input.groupBy { environment["PACH_DATUM_\(input.name)_GROUP_BY"] = key }
        }
        environment["PACH_DATUM_ID"] = unit.datumID
        environment["PACH_JOB_ID"] = unit.jobID
        environment["PACH_OUTPUT_COMMIT_ID"] = unit.outputCommitID
        environment["PPS_PIPELINE_NAME"] = unit.pipeline
        environment["PPS_PROJECT_NAME"] = unit.project
        return environment
    }

    /// `/pfs/<name><matched path>`; for the root match just `/pfs/<name>`.
    static func localPath(of input: DatumInput) -> String {
        let matched = input.matchedPath.hasSuffix("/") ? String(input.matchedPath.dropLast()) : input.matchedPath
        return "/pfs/\(input.name)" + (matched.hasPrefix("/") || matched.isEmpty ? matched : "/" + matched)
    }
}
