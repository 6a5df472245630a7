import Testing
import TuskCore
@testable import TuskPPS

@Suite struct CronScheduleTests {
    private func time(_ text: String) throws -> Timestamp { try #require(TimestampText.parse(text)) }
    private func next(_ spec: String, after: String) throws -> String {
        TimestampText.format(try CronSchedule(spec).nextFire(after: try time(after)))
    }

    @Test func fiveFieldStandardSchedules() throws {
        #expect(try next("*/15 * * * *", after: "2024-05-01T12:07:30Z") == "2024-05-01T12:15:00Z")
        #expect(try next("0 9 * * MON-FRI", after: "2024-05-03T10:00:00Z") == "2024-05-06T09:00:00Z")
        #expect(try next("30 2 1,15 * *", after: "2024-05-01T02:30:00Z") == "2024-05-15T02:30:00Z")
        #expect(try next("0 0 1 jan *", after: "2024-05-01T00:00:00Z") == "2025-01-01T00:00:00Z")
        #expect(try next("0 12 * * 7", after: "2024-05-01T00:00:00Z") == "2024-05-05T12:00:00Z")
        #expect(try next("0 0 29 2 *", after: "2024-03-01T00:00:00Z") == "2028-02-29T00:00:00Z")
        #expect(try next("10-20/5 * * * *", after: "2024-05-01T12:16:00Z") == "2024-05-01T12:20:00Z")
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothRestricted() throws {
        // The 13th, or any Friday: after Wed 2024-05-01 the next is Fri 2024-05-03.
        #expect(try next("0 0 13 * FRI", after: "2024-05-01T00:00:00Z") == "2024-05-03T00:00:00Z")
    }

    @Test func sixFieldSchedulesHaveSeconds() throws {
        #expect(try next("*/10 * * * * *", after: "2024-05-01T12:00:05Z") == "2024-05-01T12:00:10Z")
        #expect(try next("5 0 0 * * *", after: "2024-05-01T00:00:05Z") == "2024-05-02T00:00:05Z")
    }

    @Test func descriptorsAndEvery() throws {
        #expect(try next("@hourly", after: "2024-05-01T12:00:00Z") == "2024-05-01T13:00:00Z")
        #expect(try next("@daily", after: "2024-05-01T12:00:00Z") == "2024-05-02T00:00:00Z")
        #expect(try next("@weekly", after: "2024-05-01T12:00:00Z") == "2024-05-05T00:00:00Z")
        #expect(try next("@monthly", after: "2024-05-01T12:00:00Z") == "2024-06-01T00:00:00Z")
        #expect(try next("@yearly", after: "2024-05-01T12:00:00Z") == "2025-01-01T00:00:00Z")
        #expect(try next("@every 10s", after: "2024-05-01T12:00:00.5Z") == "2024-05-01T12:00:10.500Z")
        #expect(try next("@every 1h30m", after: "2024-05-01T12:00:00Z") == "2024-05-01T13:30:00Z")
    }

    @Test func badSchedulesAreRefusedWithTheField() {
        for bad in ["", "* * *", "61 * * * *", "* 24 * * *", "5-1 * * * *", "*/0 * * * *", "@sometimes", "@every", "@every -5s", "0 0 30 2 *", "* * * FOO *"] {
            #expect(throws: TuskError.self, "\(bad)") { try CronSchedule(bad) }
        }
        #expect {
            try CronSchedule("0 25 * * *")
        } throws: { ($0 as? TuskError)?.message.contains("hours field \"25\"") ?? false }
    }
}
