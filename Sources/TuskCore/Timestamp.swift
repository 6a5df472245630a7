#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time as microseconds since the Unix epoch.
///
/// Metadata stores times as integers (portable across SQLite and PostgreSQL, exact, ordered);
/// this type keeps them from being confused with sizes or counts, and the front ends convert it
/// to `google.protobuf.Timestamp` or ISO 8601 at their edge.
public struct Timestamp: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(seconds: Double) { self.microseconds = Int64(seconds * 1_000_000) }

    public var seconds: Double { Double(microseconds) / 1_000_000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.microseconds < rhs.microseconds }

    public var description: String { "\(seconds)s" }
}

/// The source of "now" for everything that records or compares times.
///
/// Injected so that tests drive time explicitly instead of sleeping.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

/// The real clock, read from the system.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microseconds: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1_000)
    }
}
