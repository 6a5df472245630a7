/// One line that a datum's user code printed, as it happened.
///
/// Workers stream these to the daemon's log store so `tusk logs` can show and follow user code
/// output per pipeline, job and datum.
public struct DatumLogLine: Sendable, Hashable, Codable {
    /// Which output stream of the user code printed the line.
    public enum Stream: String, Sendable, Hashable, Codable {
        case stdout
        case stderr
    }

    public var stream: Stream
    /// The line without its trailing newline (invalid UTF-8 is repaired).
    public var text: String
    /// When the worker read the line.
    public var timestamp: Timestamp

    public init(stream: Stream, text: String, timestamp: Timestamp) {
        self.stream = stream
        self.text = text
        self.timestamp = timestamp
    }
}
