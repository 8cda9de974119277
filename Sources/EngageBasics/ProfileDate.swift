/// A calendar date as written in a profile (`2026-11-22`), without time or zone.
public struct ProfileDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`; nil when the form or the date is
    /// not real (2026-02-30).
    public init?(_ text: String) {
        // Exactly YYYY-MM-DD in ASCII digits.
        var fields = [0, 0, 0]
        var field = 0
        var count = 0
        for (offset, byte) in text.utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                field += 1
                continue
            }
            guard offset < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
        }
        let (year, month, day) = (fields[0], fields[1], fields[2])
        guard count == 8, (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days since 1970-01-01, for date arithmetic without Foundation's calendars.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: ProfileDate, rhs: ProfileDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = ProfileDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ProfileDate {
    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> ProfileDate { ProfileDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` later, or the month's last day when it has no such day
    /// (31 January plus a month is 28 or 29 February).
    public func adding(months: Int) -> ProfileDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        return ProfileDate(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear)))
    }

    /// Whole days from `other` to this date.
    public func days(since other: ProfileDate) -> Int { daysSinceEpoch - other.daysSinceEpoch }
}
