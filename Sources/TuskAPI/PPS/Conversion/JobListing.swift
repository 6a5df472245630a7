import TuskCore
import TuskPPS

/// The selection rules of `ListJob` and `ListJobSet` that do not need the engine: pipeline
/// version history, the pagination marker, order and count.
enum JobListing {
    /// Keeps jobs of the `history` newest pipeline versions: 0 only the current version, N
    /// that many older ones too, -1 every version. `currentVersions` lacks deleted pipelines,
    /// whose jobs are all kept.
    static func filterHistory(_ jobs: [JobInfo], history: Int64, currentVersions: [PipelineID: Int]) throws -> [JobInfo] {
        guard history >= -1 else {
            throw TuskError.invalid("history \(history) is not valid; use 0 (current pipeline version), N (N older versions too) or -1 (all)", location: "history")
        }
        guard history >= 0 else { return jobs }
        return jobs.filter { job in
            guard let current = currentVersions[job.key.pipeline] else { return true }
            return Int64(job.pipelineVersion) >= Int64(current) - history
        }
    }

    /// Orders newest-first input (oldest first with `reverse`), keeps those strictly past the
    /// marker in that order (older than it, or newer with `reverse`), and at most `number` (0 = all).
    static func page<Element>(_ newestFirst: [Element], created: (Element) -> Timestamp, marker: Timestamp?, reverse: Bool, number: Int64) -> [Element] {
        var items = reverse ? Array(newestFirst.reversed()) : newestFirst
        if let marker {
            items = items.filter { reverse ? created($0) > marker : created($0) < marker }
        }
        if number > 0 { items = Array(items.prefix(Int(clamping: number))) }
        return items
    }
}
