/// Parses and prints the durations of a pipeline spec (`datum_timeout`, `job_timeout`,
/// `maximum_expected_uptime`, cron `@every`).
///
/// Specs are protojson, where a duration is a string of seconds with an `s` suffix (`"600s"`,
/// `"1.5s"`); Tusk also accepts Go-style text (`"10m"`, `"1h30m"`, `"250ms"`), which users
/// bring from 1.x specs and cron `@every` lines. Output is always the protojson form.
public enum DurationText {
    private static let unitNanoseconds: [(String, Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// The duration `text` denotes, or nil when it is neither protojson nor Go-style.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingSpaces)
        guard !rest.isEmpty else { return nil }
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        var totalNanoseconds: Int64 = 0
        var sawTerm = false
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !digits.isEmpty, digits != "." else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix(while: { !($0.isASCII && ($0.isNumber || $0 == ".")) })
            guard let unit = unitNanoseconds.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            guard let term = nanoseconds(digits: digits, unit: unit.1) else { return nil }
            let (sum, overflow) = totalNanoseconds.addingReportingOverflow(term)
            guard !overflow else { return nil }
            totalNanoseconds = sum
            sawTerm = true
        }
        guard sawTerm else { return nil }
        return .nanoseconds(negative ? -totalNanoseconds : totalNanoseconds)
    }

    /// `digits` (like `1.5`) times `unit` nanoseconds, exactly, or nil on overflow or bad text.
    private static func nanoseconds(digits: Substring, unit: Int64) -> Int64? {
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        let (wholeNanoseconds, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        guard parts.count == 2 else { return wholeNanoseconds }
        var fraction: Int64 = 0
        var scale = unit
        for character in parts[1] {
            guard let digit = character.wholeNumberValue else { return nil }
            scale /= 10
            fraction += Int64(digit) * scale
            if scale == 0 { break }
        }
        return wholeNanoseconds + fraction
    }

    /// The protojson form: whole seconds, then 3, 6 or 9 fraction digits when needed, then `s`.
    public static func format(_ duration: Duration) -> String {
        let total = totalNanoseconds(duration)
        let negative = total < 0
        let magnitude = total.magnitude
        let seconds = magnitude / 1_000_000_000
        let nanoseconds = magnitude % 1_000_000_000
        var text = (negative ? "-" : "") + String(seconds)
        if nanoseconds != 0 {
            var fraction = String(nanoseconds)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            if fraction.hasSuffix("000000") {
                fraction = String(fraction.prefix(3))
            } else if fraction.hasSuffix("000") {
                fraction = String(fraction.prefix(6))
            }
            text += "." + fraction
        }
        return text + "s"
    }

    /// The duration in nanoseconds, saturating at the bounds of `Int64`.
    public static func totalNanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
