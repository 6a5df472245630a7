import TuskCore

/// A parsed cron input schedule, and when it next fires.
///
/// Accepts what Pachyderm's cron inputs accept (robfig/cron): five fields (minute hour
/// day-of-month month day-of-week) or six (seconds first), each a `*`, `?`, number, name
/// (`JAN`, `MON`), range `a-b`, list `a,b` and step `*/n`, `a-b/n`, `a/n`; and the descriptors
/// `@every <duration>`, `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly`, `@yearly`
/// (`@annually`). Times are UTC. When both day fields are restricted, a day matches if either
/// does, as in standard cron.
public struct CronSchedule: Sendable, Hashable {
    /// The two shapes a schedule can take.
    public enum Kind: Sendable, Hashable {
        /// Fires every `interval` after the previous tick.
        case every(Duration)
        /// Fires at the calendar times the fields allow.
        case fields(CronFields)
    }

    public let kind: Kind
    /// The text the schedule was parsed from.
    public let text: String

    /// Parses `text`; a bad schedule throws a `TuskError` naming the field and what it allows.
    public init(_ text: String) throws {
        self.text = text
        self.kind = try CronParser.parse(text)
    }

    /// The first instant strictly after `after` at which the schedule fires. Calendar schedules
    /// fire on whole seconds; `@every d` fires at `after + d`.
    public func nextFire(after: Timestamp) -> Timestamp {
        switch kind {
        case .every(let interval):
            let step = max(Int64(1), DurationText.totalNanoseconds(interval) / 1_000)
            return Timestamp(microseconds: after.microseconds &+ step)
        case .fields(let fields):
            return fields.nextFire(after: after)
        }
    }
}

/// The allowed values of each field of a calendar cron schedule.
public struct CronFields: Sendable, Hashable {
    public var seconds: Set<Int>
    public var minutes: Set<Int>
    public var hours: Set<Int>
    public var daysOfMonth: Set<Int>
    public var months: Set<Int>
    /// 0 = Sunday … 6 = Saturday.
    public var daysOfWeek: Set<Int>
    /// Whether the day-of-month field was `*` or `?` (then only day-of-week decides).
    public var daysOfMonthUnrestricted: Bool
    /// Whether the day-of-week field was `*` or `?` (then only day-of-month decides).
    public var daysOfWeekUnrestricted: Bool

    func dayMatches(_ time: CivilTime) -> Bool {
        let monthDay = daysOfMonth.contains(time.day)
        let weekDay = daysOfWeek.contains(time.weekday)
        if daysOfMonthUnrestricted || daysOfWeekUnrestricted { return monthDay && weekDay }
        return monthDay || weekDay
    }

    /// Whether some month allowed by the schedule has a day the schedule allows (so that
    /// `0 0 30 2 *`, which never fires, can be refused).
    var canFire: Bool {
        if !daysOfMonthUnrestricted, !daysOfWeekUnrestricted { return true }
        if !daysOfMonthUnrestricted {
            let longest = months.map { CivilTime.daysInMonth(year: 2000, month: $0) }.max() ?? 0
            return daysOfMonth.contains(where: { $0 <= longest })
        }
        return true
    }

    /// Walks forward field by field (month, day, hour, minute, second), jumping to the start
    /// of the next unit whenever a field does not match.
    func nextFire(after: Timestamp) -> Timestamp {
        let wholeSecond = after.microseconds >= 0 ? after.microseconds / 1_000_000 : (after.microseconds - 999_999) / 1_000_000
        var time = CivilTime(Timestamp(microseconds: (wholeSecond + 1) * 1_000_000))
        let limitYear = time.year + 30
        while time.year <= limitYear {
            if !months.contains(time.month) {
                time = CivilTime(CivilTime(year: time.year, month: time.month + 1, day: 1).timestamp)
                continue
            }
            if !dayMatches(time) {
                time = CivilTime(CivilTime(year: time.year, month: time.month, day: time.day + 1).timestamp)
                continue
            }
            if !hours.contains(time.hour) {
                time = CivilTime(CivilTime(year: time.year, month: time.month, day: time.day, hour: time.hour + 1).timestamp)
                continue
            }
            if !minutes.contains(time.minute) {
                time = CivilTime(CivilTime(year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute + 1).timestamp)
                continue
            }
            if !seconds.contains(time.second) {
                time = CivilTime(CivilTime(year: time.year, month: time.month, day: time.day, hour: time.hour,
                                           minute: time.minute, second: time.second + 1).timestamp)
                continue
            }
            return time.timestamp
        }
        // Unreachable for schedules accepted by the parser (they fire at least every 28 years).
        return Timestamp(microseconds: .max)
    }
}
