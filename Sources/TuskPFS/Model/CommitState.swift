/// Where a commit is in its life: open for writes, being finished, or finished and immutable.
///
/// The raw values are Pachyderm's `CommitState` numbers, which also order the states, so
/// "wait until at least FINISHING" is a comparison.
public enum CommitState: Int, Sendable, Comparable, CaseIterable {
    case started = 1
    case ready = 2
    case finishing = 3
    case finished = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who made a commit: a user, the system propagating provenance (pipeline outputs), or fsck.
public enum CommitOrigin: Int, Sendable, CaseIterable {
    case user = 1
    case auto = 2
    case fsck = 3
}
