import Foundation

/// ISO 8601 durations as the profile writes them (P1W, P14D, P1M, P1Y2M), in days.
package enum ISODuration {
    /// Approximate length in days (a month is 30 days, a year 365); nil when not a duration.
    package static func days(_ text: String) -> Int? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        if let time = rest.firstIndex(of: "T") { rest = rest[..<time] }  // hours and minutes: under a day
        var total = 0
        var number = ""
        var sawUnit = false
        for character in rest {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            // A count beyond a million years is no cadence: refuse it rather than overflow.
            guard let value = Double(number), value < 400_000_000 else { return nil }
            switch character {
            case "Y": total += Int(value * 365)
            case "M": total += Int(value * 30)
            case "W": total += Int(value * 7)
            case "D": total += Int(value)
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        return sawUnit && number.isEmpty ? total : nil
    }

    /// How often, for a reader: "daily", "weekly", "every two weeks", "every 12 weeks"
    /// (P84D), "monthly", "quarterly", "every six months", "yearly"; a duration of mixed
    /// units in days, or weeks when they come out whole (P1M15D "every 45 days", P1M12D
    /// "every six weeks"); anything else as written. The one rule for documents
    /// (`frequency()`) and alerts alike.
    package static func words(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let (count, unit) = simple(trimmed) else {
            guard let days = days(trimmed), days > 0 else { return trimmed }
            return days % 7 == 0 ? words("P\(days / 7)W") : "every \(days) days"
        }
        let whole = count.rounded() == count ? Int(count) : nil
        switch (unit, whole) {
        case ("D", 1): return "daily"
        case ("D", 7), ("W", 1): return "weekly"
        case ("M", 1): return "monthly"
        case ("M", 3): return "quarterly"
        case ("Y", 1), ("M", 12): return "yearly"
        case ("D", let n?) where n % 7 == 0: return "every \(spelled(n / 7)) weeks"
        default:
            let name = ["D": "day", "W": "week", "M": "month", "Y": "year"][unit] ?? ""
            let number = whole.map(spelled) ?? "\(count)"
            return "every \(number) \(name)s"
        }
    }

    /// `P<n>D`, `P<n>W`, `P<n>M` or `P<n>Y` with n at least 1.
    private static func simple(_ text: String) -> (Double, String)? {
        guard text.count >= 3, text.first == "P", let unit = text.last, "DWMY".contains(unit),
            let count = Double(text.dropFirst().dropLast()), count >= 1, count < 1_000_000_000
        else { return nil }
        return (count, String(unit))
    }

    /// Two to ten in words, as prose writes small numbers; larger ones in digits.
    private static func spelled(_ number: Int) -> String {
        let words = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return (2...10).contains(number) ? words[number - 2] : String(number)
    }
}
