import EngageBasics
import Foundation
import XMLSupport

/// The functions that turn profile values into the words of a sentence: how often and how
/// soon (from ISO 8601 durations), small counts in words, short roles, and measured values
/// with their units. Each replaces a macro that did the same work in XPath 1.0 string
/// functions, a dozen evaluations per call; their output is the macros', character for
/// character.
extension TemplateFunctions {
    /// The functions, by name.
    package static var proseFunctions: [String: XPathFunction] { [
        "frequency": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "frequency")
            return .string(frequency(normalizedSpace(session.stringValue(of: arguments[0]))))
        },
        "span": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "span")
            return .string(span(normalizedSpace(session.stringValue(of: arguments[0]))))
        },
        "number-words": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "number-words")
            let number: Double
            switch arguments[0] {
            case .number(let value): number = value
            case .boolean(let flag): number = flag ? 1 : 0
            default: number = xpathNumber(session.stringValue(of: arguments[0]))
            }
            if number == number.rounded(), number >= 0, number < Double(smallNumberWords.count) {
                return .string(smallNumberWords[Int(number)])
            }
            return .string(session.stringValue(of: arguments[0]))
        },
        "series": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...12, "series")
            return .string(series(arguments.map { normalizedSpace(session.stringValue(of: $0)) }))
        },
        "short-role": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "short-role")
            return .string(shortRole(session.stringValue(of: arguments[0])))
        },
        "role-title": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "role-title")
            return .string(roleTitle(session.stringValue(of: arguments[0])))
        },
        "metric-name": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "metric-name")
            return .string(metricName(session.stringValue(of: arguments[0])))
        },
        "uncapitalize": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 1...1, "uncapitalize")
            return .string(uncapitalized(session.stringValue(of: arguments[0])))
        },
        "measure": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 2...2, "measure")
            let shown = decimalAsWritten(session, arguments[0], atLeast: 0)
            return .string(withUnit(shown, normalizedSpace(session.stringValue(of: arguments[1]))))
        },
        "metric-value": { session, arguments throws(XPathFunctionError) in
            try expect(arguments, 3...3, "metric-value")
            // No unit node at all: the macro this replaces wrote nothing.
            if case .nodes(let units) = arguments[1], units.isEmpty { return .string("") }
            let unit = session.stringValue(of: arguments[1])
            let shown = decimalAsWritten(session, arguments[0], atLeast: decimalsWritten(session.stringValue(of: arguments[2])))
            return .string(withUnit(shown, unit))
        },
    ] }

    /// `shown` as an amount of money when `unit` is a currency code: "$13,650,000" as
    /// `money()` writes it, not "13,650,000 USD" beside "$7.31m".
    /// A value, already written, with its unit in words: the one rule for `measure()`,
    /// `metric-value()` and the alerts. "66%", "$13,650,000" for a currency code, "3.0"
    /// for a rating, score, index or points, "4.6 days" for `d`, "8 out of 10" for
    /// `out-of-10`; a value that is not a number ("–") stays bare.
    package static func withUnit(_ shown: String, _ unit: String) -> String {
        if shown == "–" { return shown }
        if unit == "%" { return shown + "%" }
        if let money = moneyValue(shown, unit: unit) { return money }
        if ["", "rating", "score", "index", "points"].contains(unit) { return shown }
        let long = ["h": "hours", "min": "minutes", "d": "days"][unit] ?? unit.replacingOccurrences(of: "-", with: " ")
        return "\(shown) \(long)"
    }

    private static func moneyValue(_ shown: String, unit: String) -> String? {
        guard let symbol = currencySymbols[unit], shown != "–" else { return nil }
        return shown.hasPrefix("-") ? "-" + symbol + shown.dropFirst() : symbol + shown
    }

    package static let smallNumberWords = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ]

    /// An ISO 8601 duration as a frequency, by the one rule of ``ISODuration/words(_:)``:
    /// P1D "daily", P1W "weekly", P14D "every two weeks", P84D "every 12 weeks", P1M
    /// "monthly", P3M "quarterly", P6M "every six months", P1Y "yearly".
    package static func frequency(_ duration: String) -> String {
        ISODuration.words(duration)
    }

    /// An ISO 8601 duration as a span of time: P1D "a day", P3D "3 days", P1W "a week",
    /// P6M "6 months"; anything else as written.
    package static func span(_ duration: String) -> String {
        guard let (count, unit) = simpleDuration(duration) else { return duration }
        let name = unitNames[unit] ?? ""
        return count == 1 ? "a \(name)" : "\(XPathValue.xpathString(count)) \(name)s"
    }

    private static let unitNames: [Unicode.Scalar: String] = ["D": "day", "W": "week", "M": "month", "Y": "year"]

    /// A duration of one number and one date unit, `P<n>D`, `P<n>W`, `P<n>M` or `P<n>Y` with
    /// n at least 1 (an XPath number, so `P1.5D` counts), as count and unit.
    private static func simpleDuration(_ text: String) -> (Double, Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "P", !scalars.contains("T"), let unit = scalars.last,
            unitNames[unit] != nil
        else { return nil }
        var middle = String.UnicodeScalarView()
        middle.append(contentsOf: scalars[1..<(scalars.count - 1)])
        let count = xpathNumber(String(middle))
        return count >= 1 ? (count, unit) : nil
    }

    /// The non-empty items as an English series: "a", "a and b", "a, b and c". Templates
    /// pass an empty string for an item that does not apply ("0 met"), so one call says a
    /// list of counts without a dangling comma or "and".
    package static func series(_ items: [String]) -> String {
        let present = items.filter { !$0.isEmpty }
        guard let last = present.last else { return "" }
        guard present.count > 1 else { return last }
        return present.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The first part of a role, for prose: the text before a semicolon, then before " (",
    /// without a final full stop. "Finance Director; holder of the budget" reads "Finance
    /// Director", "Head of Nursing (interim)." reads "Head of Nursing".
    package static func shortRole(_ role: String) -> String {
        var text = normalizedSpace(role)
        if contains(text, ";") { text = before(text, ";") }
        if contains(text, " (") { text = before(text, " (") }
        text = normalizedSpace(text)
        if text.unicodeScalars.last == "." { text.unicodeScalars.removeLast() }
        return text
    }

    /// ``shortRole(_:)``, also cut before a descriptive clause: a comma followed by a
    /// lower-case word, after the first or the second part. "Finance Director, holder of
    /// the budget" reads "Finance Director"; "Team Leader, Patient Access Centre" stays whole.
    package static func roleTitle(_ role: String) -> String {
        let title = shortRole(role)
        let first = before(title, ", ")
        let rest = after(title, ", ")
        let second = before(rest, ", ")
        // As XPath's contains('abc...z', substring(x, 1, 1)): true for an empty x too.
        func startsLowerCase(_ text: String) -> Bool { text.unicodeScalars.first.map(isLowerCaseLetter) ?? true }
        if !first.isEmpty, startsLowerCase(rest) { return first }
        if !second.isEmpty, startsLowerCase(after(rest, ", ")) { return "\(first), \(second)" }
        return title
    }

    /// A short name for an expectation from its metric: the text before a colon, else
    /// before the first comma (unless that part holds a quotation mark), without a final
    /// full stop. "Quality escapes: parts returned per million" reads "Quality escapes".
    package static func metricName(_ metric: String) -> String {
        let normalized = normalizedSpace(metric)
        // A separator is followed by a space: "per 100,000 meals" and "a ratio of 1:3"
        // keep their numbers (cut at the comma, the first read "per 100", 1,000 times off).
        let head = contains(normalized, ": ") ? before(normalized, ": ") : normalized
        let short = contains(head, ", ") ? before(head, ", ") : head
        var name = normalizedSpace(contains(short, "\"") ? head : short)
        if name.unicodeScalars.last == "." { name.unicodeScalars.removeLast() }
        return name
    }

    /// `text` with its first letter (A to Z) lower-cased when the second is a lower-case
    /// letter (a to z), so that "Median wait" reads "median wait" and "AOG response time"
    /// keeps its acronym; and kept when one of the next three words is capitalized too, as
    /// in a name ("Friends and Family Test rating", "Patient Access Centre calls").
    package static func uncapitalized(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, isLowerCaseLetter(scalars[1]), ("A"..."Z").contains(scalars[0]) else { return text }
        let nextWords = text.split(separator: " ").dropFirst().prefix(3)
        if nextWords.contains(where: { word in
            let letters = Array(word.unicodeScalars)
            return letters.count >= 2 && ("A"..."Z").contains(letters[0]) && isLowerCaseLetter(letters[1])
        }) {
            return text
        }
        scalars[0] = Unicode.Scalar(scalars[0].value + 32) ?? scalars[0]
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private static func isLowerCaseLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }

    /// XPath's `substring-before()`: empty when `separator` does not occur. Like XPath, it
    /// compares code points, not characters, so a separator followed by a combining mark
    /// is still found.
    private static func before(_ text: String, _ separator: String) -> String {
        guard let (start, _) = find(separator, in: text) else { return "" }
        return String(String.UnicodeScalarView(text.unicodeScalars[..<start]))
    }

    /// XPath's `substring-after()`: empty when `separator` does not occur.
    private static func after(_ text: String, _ separator: String) -> String {
        guard let (_, end) = find(separator, in: text) else { return "" }
        return String(String.UnicodeScalarView(text.unicodeScalars[end...]))
    }

    /// XPath's `contains()`, by code points.
    private static func contains(_ text: String, _ part: String) -> Bool { find(part, in: text) != nil }

    /// Where `part` first occurs in `text`, by code points.
    private static func find(_ part: String, in text: String) -> (String.UnicodeScalarIndex, String.UnicodeScalarIndex)? {
        let scalars = text.unicodeScalars
        let pattern = Array(part.unicodeScalars)
        guard let first = pattern.first else { return (scalars.startIndex, scalars.startIndex) }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == first {
                var end = index
                var matched = 0
                while matched < pattern.count, end < scalars.endIndex, scalars[end] == pattern[matched] {
                    end = scalars.index(after: end)
                    matched += 1
                }
                if matched == pattern.count { return (index, end) }
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// `value` as `decimal()` writes it, with as many decimals as it is written with (the
    /// characters after its first "."), and at least `minimum`.
    private static func decimalAsWritten(_ session: XPathSession, _ value: XPathObject, atLeast minimum: Int) -> String {
        let number = session.numberValue(of: value)
        guard number.isFinite else { return "–" }
        let digits = max(0, min(max(decimalsWritten(session.stringValue(of: value)), minimum), 6))
        return signPrefix(number, digits: digits) + grouped(abs(number), digits: digits)
    }

    /// How many characters follow the first "." of `text`; 0 without one.
    private static func decimalsWritten(_ text: String) -> Int {
        guard let point = text.unicodeScalars.firstIndex(of: ".") else { return 0 }
        return text.unicodeScalars[text.unicodeScalars.index(after: point)...].count
    }

    private static func isXPathSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// XPath's `normalize-space()`: runs of spaces, tabs and line breaks become one space,
    /// none at the ends.
    package static func normalizedSpace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isXPathSpace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// XPath's `number()` of a string: optional spaces, an optional minus, digits with an
    /// optional fraction (at least one digit), optional spaces; NaN for anything else.
    package static func xpathNumber(_ text: String) -> Double {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, isXPathSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isXPathSpace(last) { scalars.removeLast() }
        var body = scalars
        if body.first == "-" { body.removeFirst() }
        var digits = 0
        var points = 0
        for scalar in body {
            if scalar == "." {
                points += 1
            } else if ("0"..."9").contains(scalar) {
                digits += 1
            } else {
                return .nan
            }
        }
        guard digits > 0, points <= 1 else { return .nan }
        return Double(String(scalars)) ?? .nan
    }
}
