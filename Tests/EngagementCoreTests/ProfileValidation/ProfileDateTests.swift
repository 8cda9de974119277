import EngagementCore
import Foundation
import Testing

@Suite("Profile dates")
struct ProfileDateTests {
    @Test(
        "Real calendar dates parse into their parts",
        arguments: [
            ("2026-11-22", 2026, 11, 22),
            ("2024-02-29", 2024, 2, 29),  // divisible by 4
            ("2000-02-29", 2000, 2, 29),  // divisible by 400
            ("2026-12-31", 2026, 12, 31),
            ("2026-04-30", 2026, 4, 30),
            ("0001-01-01", 1, 1, 1),
            ("1970-01-01", 1970, 1, 1),
        ])
    func parsesRealDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(ProfileDate(text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date == ProfileDate(year: year, month: month, day: day))
        #expect(date.description == text)
    }

    @Test(
        "Impossible dates and other forms are refused",
        arguments: [
            "2026-02-29",  // not a leap year
            "1900-02-29",  // divisible by 100, not by 400
            "2026-02-30",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T10:00",
            "2026-01-01Z",
            " 2026-01-01",
            "+026-01-01",
            "-2026-01-01",
            "２０２６-01-01",  // full-width digits
            "2026-01",
            "2026-01-011",
            "2026--01-01",
            "2026-01-01-",
            "2026-0a-01",
            "",
        ])
    func refusesImpossibleDates(text: String) {
        #expect(ProfileDate(text) == nil)
    }

    @Test("February has 29 days in leap years only", arguments: [(2024, 29), (2025, 28), (2000, 29), (1900, 28), (2100, 28), (2400, 29)])
    func februaryHas29DaysInLeapYearsOnly(year: Int, days: Int) {
        #expect(ProfileDate.daysIn(month: 2, year: year) == days)
    }

    @Test("Month lengths follow the calendar")
    func monthLengthsFollowTheCalendar() {
        #expect((1...12).map { ProfileDate.daysIn(month: $0, year: 2026) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test("Dates order by year, then month, then day")
    func datesOrderChronologically() throws {
        let texts = ["2026-11-22", "2025-12-31", "2026-01-15", "2026-11-21", "2026-02-01", "2027-01-01"]
        let dates = try texts.map { try #require(ProfileDate($0)) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-15", "2026-02-01", "2026-11-21", "2026-11-22", "2027-01-01"])
        let a = ProfileDate(year: 2026, month: 1, day: 31)
        let b = ProfileDate(year: 2026, month: 2, day: 1)
        #expect(a < b)
        #expect(!(b < a))
        #expect(!(a < a))
        #expect(a <= a)
        #expect(max(a, b) == b)
    }

    @Test(
        "Days since 1970-01-01 match hand-computed values",
        arguments: [
            (ProfileDate(year: 1970, month: 1, day: 1), 0),
            (ProfileDate(year: 1970, month: 1, day: 2), 1),
            (ProfileDate(year: 1969, month: 12, day: 31), -1),
            (ProfileDate(year: 1971, month: 1, day: 1), 365),
            (ProfileDate(year: 1973, month: 1, day: 1), 1096),  // 1972 was a leap year
            (ProfileDate(year: 2000, month: 1, day: 1), 10957),
            (ProfileDate(year: 2000, month: 3, day: 1), 11017),  // 2000-02-29 exists
            (ProfileDate(year: 2024, month: 2, day: 29), 19782),
            (ProfileDate(year: 2026, month: 11, day: 22), 20779),
            (ProfileDate(year: 1900, month: 3, day: 1), -25508),
        ])
    func daysSinceEpochMatchHandComputedValues(date: ProfileDate, days: Int) {
        #expect(date.daysSinceEpoch == days)
    }

    @Test("Differences of daysSinceEpoch count days across month, year and leap-day boundaries")
    func dayDifferencesCountAcrossBoundaries() throws {
        func days(_ from: String, _ to: String) throws -> Int {
            try #require(ProfileDate(to)).daysSinceEpoch - #require(ProfileDate(from)).daysSinceEpoch
        }
        #expect(try days("2026-01-31", "2026-02-01") == 1)
        #expect(try days("2024-02-28", "2024-03-01") == 2)
        #expect(try days("2026-02-28", "2026-03-01") == 1)
        #expect(try days("2025-12-31", "2026-01-01") == 1)
        #expect(try days("2026-01-01", "2027-01-01") == 365)
        #expect(try days("2024-01-01", "2025-01-01") == 366)
        #expect(try days("2026-09-01", "2026-11-22") == 82)
    }

    @Test("The description pads to YYYY-MM-DD")
    func descriptionPadsToFourTwoTwoDigits() {
        #expect(ProfileDate(year: 5, month: 3, day: 7).description == "0005-03-07")
        #expect(ProfileDate(year: 2026, month: 11, day: 2).description == "2026-11-02")
    }

    @Test("Dates encode as their text and decode back; impossible text fails to decode")
    func datesEncodeAsTextAndDecodeBack() throws {
        let dates = [ProfileDate(year: 2024, month: 2, day: 29), ProfileDate(year: 2026, month: 11, day: 22)]
        let data = try JSONEncoder().encode(dates)
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29","2026-11-22"]"#)
        #expect(try JSONDecoder().decode([ProfileDate].self, from: data) == dates)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ProfileDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
