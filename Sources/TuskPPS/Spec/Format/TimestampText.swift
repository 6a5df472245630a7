import TuskCore

/// Parses and prints RFC 3339 timestamps (`2024-05-01T12:00:00Z`, `2024-05-01T14:00:00.5+02:00`),
/// the protojson form of `google.protobuf.Timestamp` used by cron `start` and by the names of
/// cron tick files.
public enum TimestampText {
    /// The instant `text` denotes, or nil when it is not RFC 3339.
    public static func parse(_ text: String) -> Timestamp? {
        let characters = Array(text.trimmingSpaces.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= characters.count else { return nil }
            var value = 0
            for byte in characters[index..<index + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ options: String) -> Bool {
            guard index < characters.count, options.utf8.contains(characters[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 61 else { return nil }
        var microsecond = 0
        if index < characters.count, characters[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100_000
            var digits = 0
            while index < characters.count, characters[index] >= 48, characters[index] <= 57 {
                microsecond += Int(characters[index] - 48) * scale
                scale /= 10
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetSeconds = 0
        if expect("Zz") {
            // UTC
        } else if index < characters.count, characters[index] == UInt8(ascii: "+") || characters[index] == UInt8(ascii: "-") {
            let sign = characters[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == characters.count else { return nil }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute,
                              second: min(second, 59), microsecond: microsecond).timestamp
        return Timestamp(microseconds: local.microseconds - Int64(offsetSeconds) * 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with `.ffffff` (trailing zeros trimmed to 3 or 6 digits) when the
    /// instant has a fraction of a second.
    public static func format(_ timestamp: Timestamp) -> String {
        let time = CivilTime(timestamp)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(padded(time.year, 4))-\(padded(time.month, 2))-\(padded(time.day, 2))T"
        text += "\(padded(time.hour, 2)):\(padded(time.minute, 2)):\(padded(time.second, 2))"
        if time.microsecond != 0 {
            var fraction = padded(time.microsecond, 6)
            if fraction.hasSuffix("000") { fraction = String(fraction.prefix(3)) }
            text += "." + fraction
        }
        return text + "Z"
    }
}
