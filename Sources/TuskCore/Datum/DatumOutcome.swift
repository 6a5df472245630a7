/// How one run of a datum's user code ended.
///
/// The job state machine decides from it whether to retry, run `err_cmd` or fail the job; the
/// datum record shows it to people, so failures carry a reason in words.
public enum DatumOutcome: Sendable, Hashable, Codable {
    /// The command exited with 0 or an accepted code, and `/pfs/out` was collected.
    case succeeded
    /// The command exited with another code, the datum could not be set up, or its output
    /// was refused (an escaping symlink, an invalid path); `reason` says which.
    case failed(reason: String)
    /// The `datum_timeout` passed; the command and its children were killed.
    case timedOut(after: Duration)
    /// The command was killed by a signal it did not choose (`signal` is the number).
    case killed(signal: Int32)

    /// Whether the datum's output may be used.
    public var isSuccess: Bool {
        if case .succeeded = self { return true }
        return false
    }
}

/// Where a datum's time and bytes went: fetching inputs, running the code, storing outputs.
public struct DatumStats: Sendable, Hashable, Codable {
    public var downloadSeconds: Double
    public var processSeconds: Double
    public var uploadSeconds: Double
    public var downloadBytes: Int64
    public var uploadBytes: Int64

    public init(downloadSeconds: Double = 0, processSeconds: Double = 0, uploadSeconds: Double = 0, downloadBytes: Int64 = 0, uploadBytes: Int64 = 0) {
        self.downloadSeconds = downloadSeconds
        self.processSeconds = processSeconds
        self.uploadSeconds = uploadSeconds
        self.downloadBytes = downloadBytes
        self.uploadBytes = uploadBytes
    }
}
