import Foundation
import TuskCore

/// Timestamps as the API writes them: RFC 3339 in UTC with milliseconds
/// (`2024-05-01T12:00:00.123Z`), which browsers' `Date` and most tools parse directly.
enum TimeText {
    static func format(_ timestamp: Timestamp) -> String {
        var seconds = time_t(timestamp.microseconds / 1_000_000)
        var millis = Int((timestamp.microseconds % 1_000_000) / 1000)
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    static func json(_ timestamp: Timestamp?) -> JSONValue {
        timestamp.map { .string(format($0)) } ?? .null
    }

    /// Seconds between two timestamps, or null when either is missing.
    static func seconds(from start: Timestamp?, to end: Timestamp?) -> JSONValue {
        guard let start, let end else { return .null }
        return .number(Double(end.microseconds - start.microseconds) / 1_000_000)
    }
}
