/// How often and how patiently the S3 store repeats a request that failed in a way a repeat
/// can fix (server errors, throttling, `SlowDown`, `RequestTimeout`, connection failures).
///
/// Delays grow exponentially with "full jitter" (a uniformly random wait between zero and the
/// capped exponential), so many writers throttled at once do not come back in lockstep.
/// Attempts are bounded; the error after the last one says how many were made.
public struct S3RetryPolicy: Sendable, Equatable {
    /// Attempts in all, including the first (at least 1).
    public var maxAttempts: Int
    /// The cap of the first retry's delay; it doubles with each further retry.
    public var baseDelay: Duration
    /// No delay exceeds this.
    public var maxDelay: Duration

    public init(maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(10)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The default: six attempts over about ten seconds at most.
    public static let standard = S3RetryPolicy()

    /// The wait before attempt `attempt` (2 for the first retry), drawn from `generator`.
    public func delay(beforeAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(0, attempt - 2), 30)
        let capNanoseconds = min(Self.nanoseconds(baseDelay) * Double(1 << exponent), Self.nanoseconds(maxDelay))
        guard capNanoseconds >= 1 else { return .zero }
        return .nanoseconds(Int64(Double.random(in: 0...capNanoseconds, using: &generator)))
    }

    private static func nanoseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}
