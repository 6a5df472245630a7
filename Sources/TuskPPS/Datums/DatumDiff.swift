/// What an earlier job recorded about one datum, as the incremental planner needs it.
public struct DatumRecord: Sendable, Hashable {
    public var id: String
    public var hash: String
    /// True when the datum's output is valid: it succeeded, or was skipped (and so carried an
    /// earlier success forward). False for failed and recovered datums.
    public var succeeded: Bool

    public init(id: String, hash: String, succeeded: Bool) {
        self.id = id
        self.hash = hash
        self.succeeded = succeeded
    }
}

/// The split of a new job's datums against the previous job of the same pipeline (§6.4).
///
/// A datum is skipped only when the previous job has the same id with the same hash and it
/// succeeded there; everything else is processed. Datums of the previous job that are gone now
/// are `removed` (their outputs are deleted by datum tag); datums processed again under an id
/// that had output before are `superseded` (their old output is replaced).
public struct DatumDiff: Sendable, Hashable {
    public var toProcess: [Datum]
    public var toSkip: [Datum]
    public var removed: [DatumRecord]
    public var superseded: [DatumRecord]

    /// Compares the current datums with the previous job's records. With `every_job`, nothing is
    /// skipped. Order of `current` is kept in `toProcess` and `toSkip`.
    public static func compare(previous: [DatumRecord], current: [Datum],
                               reprocessSpec: ReprocessSpec = .untilSuccess) -> DatumDiff {
        var previousByID: [String: DatumRecord] = [:]
        for record in previous { previousByID[record.id] = record }
        var diff = DatumDiff(toProcess: [], toSkip: [], removed: [], superseded: [])
        var currentIDs = Set<String>()
        for datum in current {
            currentIDs.insert(datum.id)
            let earlier = previousByID[datum.id]
            if reprocessSpec == .untilSuccess, let earlier, earlier.succeeded, earlier.hash == datum.hash {
                diff.toSkip.append(datum)
            } else {
                diff.toProcess.append(datum)
                if let earlier { diff.superseded.append(earlier) }
            }
        }
        diff.removed = previous.filter { !currentIDs.contains($0.id) }
        return diff
    }
}
