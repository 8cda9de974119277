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
            guard let value = Double(number) else { return nil }
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

    /// "weekly", "every 14 days", "monthly" ...
    package static func words(_ text: String) -> String {
        switch text {
        case "P1D": return "daily"
        case "P1W", "P7D": return "weekly"
        case "P2W", "P14D": return "fortnightly"
        case "P4W", "P28D": return "every four weeks"
        case "P1M": return "monthly"
        case "P3M": return "quarterly"
        case "P1Y", "P12M": return "yearly"
        default: return days(text).map { "every \($0) days" } ?? text
        }
    }
}
