import Foundation

/// Sizes and times the way pachctl shows them to people ("1.2 MiB", "3 seconds ago").
public enum HumanFormat {
    /// Binary units with up to 4 significant digits: `0 B`, `512 B`, `1.5 KiB`, `1.2 MiB`.
    public static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        if bytes < 1024 { return "\(bytes) B" }
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(significant(value)) \(units[unit])"
    }

    /// A number with at most 4 significant digits and no trailing zeros (1.234, 12.35, 1023).
    /// (Integer arithmetic rather than `String(format:)`: listings format one size per file.)
    static func significant(_ value: Double) -> String {
        let decimals = value >= 1000 ? 0 : value >= 100 ? 1 : value >= 10 ? 2 : 3
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded(.toNearestOrEven))
        var whole = String(scaled / scale)
        var fraction = scaled % scale
        guard fraction != 0 else { return whole }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        whole += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        return whole
    }

    /// "3 seconds ago", "About a minute ago", "2 hours ago", "5 days ago"; future times say "from now".
    public static func relativeTime(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        let suffix = seconds >= 0 ? "ago" : "from now"
        let magnitude = abs(seconds)
        let text: String
        switch magnitude {
        case ..<1: return "Less than a second \(suffix)"
        case ..<60: text = plural(Int(magnitude), "second")
        case ..<120: return "About a minute \(suffix)"
        case ..<3600: text = plural(Int(magnitude / 60), "minute")
        case ..<7200: return "About an hour \(suffix)"
        case ..<(48 * 3600): text = plural(Int(magnitude / 3600), "hour")
        case ..<(14 * 86400): text = plural(Int(magnitude / 86400), "day")
        case ..<(60 * 86400): text = plural(Int(magnitude / (7 * 86400)), "week")
        case ..<(730 * 86400): text = plural(Int(magnitude / (30 * 86400)), "month")
        default: text = plural(Int(magnitude / (365 * 86400)), "year")
        }
        return "\(text) \(suffix)"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// A duration such as "2 seconds", "Less than a second", as pachctl's FINISHED column uses.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "Less than a second" }
        if seconds < 60 { return plural(Int(seconds), "second") }
        if seconds < 3600 { return plural(Int(seconds / 60), "minute") }
        return plural(Int(seconds / 3600), "hour")
    }
}
