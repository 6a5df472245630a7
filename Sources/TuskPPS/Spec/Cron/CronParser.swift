import TuskCore

/// Parses cron schedule text into a `CronSchedule.Kind`; see `CronSchedule` for the grammar.
enum CronParser {
    private struct FieldRule {
        let name: String
        let range: ClosedRange<Int>
        let names: [String: Int]
    }

    private static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                     "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let dayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    private static let rules = [
        FieldRule(name: "seconds", range: 0...59, names: [:]),
        FieldRule(name: "minutes", range: 0...59, names: [:]),
        FieldRule(name: "hours", range: 0...23, names: [:]),
        FieldRule(name: "day of month", range: 1...31, names: [:]),
        FieldRule(name: "month", range: 1...12, names: monthNames),
        FieldRule(name: "day of week", range: 0...7, names: dayNames),
    ]

    private static let descriptors = [
        "@yearly": "0 0 0 1 1 *", "@annually": "0 0 0 1 1 *", "@monthly": "0 0 0 1 * *",
        "@weekly": "0 0 0 * * 0", "@daily": "0 0 0 * * *", "@midnight": "0 0 0 * * *", "@hourly": "0 0 * * * *",
    ]

    static func parse(_ text: String) throws -> CronSchedule.Kind {
        let trimmed = text.trimmingSpaces
        func failure(_ problem: String) -> TuskError {
            TuskError.invalid("cron spec \"\(text)\" is not valid: \(problem)", location: text)
        }
        if trimmed.lowercased().hasPrefix("@every") {
            let rest = trimmed.dropFirst("@every".count).trimmingCharacters(" ")
            guard let interval = DurationText.parse(rest), interval > .zero else {
                throw failure("\"@every\" needs a positive duration such as \"@every 10s\" or \"@every 1h30m\"")
            }
            return .every(interval)
        }
        if trimmed.hasPrefix("@") {
            guard let expansion = descriptors[trimmed.lowercased()] else {
                throw failure("unknown descriptor \"\(trimmed)\"; use @every <duration>, @hourly, @daily, @weekly, @monthly or @yearly")
            }
            return try parseFields(expansion.split(separator: " ").map(String.init), original: text)
        }
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch words.count {
        case 5: words.insert("0", at: 0)
        case 6: break
        default:
            throw failure("it has \(words.count) fields; give 5 (minute hour day-of-month month day-of-week), 6 (seconds first), or a descriptor like @every 10s or @daily")
        }
        return try parseFields(words, original: text)
    }

    private static func parseFields(_ words: [String], original: String) throws -> CronSchedule.Kind {
        var sets: [Set<Int>] = []
        for (word, rule) in zip(words, rules) {
            sets.append(try parseField(word, rule: rule, original: original))
        }
        var daysOfWeek = sets[5]
        if daysOfWeek.remove(7) != nil { daysOfWeek.insert(0) }
        let fields = CronFields(
            seconds: sets[0], minutes: sets[1], hours: sets[2], daysOfMonth: sets[3], months: sets[4],
            daysOfWeek: daysOfWeek,
            daysOfMonthUnrestricted: words[3] == "*" || words[3] == "?",
            daysOfWeekUnrestricted: words[5] == "*" || words[5] == "?")
        guard fields.canFire else {
            throw TuskError.invalid("cron spec \"\(original)\" never fires: no month it allows has the day of month it asks for", location: original)
        }
        return .fields(fields)
    }

    private static func parseField(_ word: String, rule: FieldRule, original: String) throws -> Set<Int> {
        func failure(_ problem: String) -> TuskError {
            TuskError.invalid("cron spec \"\(original)\" is not valid: \(rule.name) field \"\(word)\" \(problem); it allows \(rule.range.lowerBound)-\(rule.range.upperBound), *, lists a,b, ranges a-b and steps */n", location: original)
        }
        var result = Set<Int>()
        for part in word.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw failure("is malformed") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { throw failure("has a step that is not a positive number") }
                step = value
            }
            let low: Int
            let high: Int
            if pieces[0] == "*" || pieces[0] == "?" {
                low = rule.range.lowerBound
                high = rule.name == "day of week" ? 6 : rule.range.upperBound
            } else {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, let first = value(bounds[0], rule) else { throw failure("has \"\(pieces[0])\", which is not a value") }
                low = first
                if bounds.count == 2 {
                    guard let last = value(bounds[1], rule) else { throw failure("has \"\(bounds[1])\", which is not a value") }
                    high = last
                } else {
                    high = pieces.count == 2 ? rule.range.upperBound : first
                }
            }
            guard rule.range.contains(low), rule.range.contains(high) else { throw failure("is out of range") }
            guard low <= high else { throw failure("has a range that runs backwards") }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    private static func value(_ text: Substring, _ rule: FieldRule) -> Int? {
        if let number = Int(text) { return number }
        return rule.names[text.lowercased()]
    }
}

extension Substring {
    func trimmingCharacters(_ character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
