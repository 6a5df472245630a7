import TuskCore

/// Go-style durations as pachctl's `--since` takes them: `24h`, `90m`, `1h30m`, `45s`, `0`.
enum DurationFlag {
    /// The duration in whole seconds; a bad value is an error naming the flag.
    static func seconds(_ text: String, flag: String) throws -> Int64 {
        let refusal = TuskError.invalid("\(flag) \"\(text)\" is not a duration; write it like 24h, 90m, 1h30m or 45s", location: flag)
        if text == "0" { return 0 }
        var total: Double = 0
        var number = ""
        var index = text.startIndex
        var sawUnit = false
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber || character == "." {
                number.append(character)
                index = text.index(after: index)
                continue
            }
            var unit = String(character)
            index = text.index(after: index)
            if unit == "m", index < text.endIndex, text[index] == "s" {
                unit = "ms"
                index = text.index(after: index)
            }
            guard let value = Double(number) else { throw refusal }
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1000
            default: throw refusal
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { throw refusal }
        return Int64(total.rounded(.up))
    }
}
