import EngageBasics
import Foundation
import XMLSupport

/// The functions templates may call besides XPath 1.0's own: formatting of money,
/// percentages, numbers and dates, and the small text helpers prose needs.
///
/// | function | example | result |
/// | --- | --- | --- |
/// | `money(x)` | `money(1234567.5)` | `£1,234,568` |
/// | `money(x, 'short')` | `money(8495000, 'short')`, `money(12340000, 'short')` | `£8.50m`, `£12.3m` |
/// | `percent(x [, digits])` | `percent(42.456, 1)` | `42.5%` |
/// | `decimal(x [, digits])` | `decimal(1234.5, 1)` | `1,234.5` |
/// | `date(x)` | `date('2026-11-22')` | `22 November 2026` |
/// | `plural(n, one, many)` | `plural(3, 'risk', 'risks')` | `3 risks` |
/// | `join(nodes [, sep [, last]])` | `join(values/value/@id, ', ', ' and ')` | `a, b and c` |
/// | `quantity(x, unit)` | `quantity(66, '%')`, `quantity(6.5, 'hours')` | `66%`, `6.5 hours` |
/// | `add-days(date, n)` | `add-days('2026-11-22', 10)` | `2026-12-02` |
/// | `days-between(a, b)` | `days-between('2026-11-01', '2026-11-22')` | `21` |
/// | `latest-date(nodes)` | `latest-date(/client/measurements/measurement/@date)` | `2026-11-15` (empty for no nodes) |
/// | `duration(x)` | the same as `frequency(x)` | |
/// | `capitalize(x)` | `capitalize('retention')` | `Retention` |
/// | `words(x)` | `words('higher-is-better')` | `higher is better` |
/// | `frequency(x)` | `frequency('P1W')`, `frequency('P14D')`, `frequency('P84D')`, `frequency('P3M')` | `weekly`, `every two weeks`, `every 12 weeks`, `quarterly` |
/// | `span(x)` | `span('P1W')`, `span('P3D')` | `a week`, `3 days` |
/// | `number-words(n)` | `number-words(0)`, `number-words(7)`, `number-words(13)` | `no`, `seven`, `13` |
/// | `short-role(x)` | `short-role('Finance Director; holds the budget.')` | `Finance Director` |
/// | `role-title(x)` | `role-title('Finance Director, holder of the budget')` | `Finance Director` |
/// | `metric-name(x)` | `metric-name('Quality escapes: parts returned per million')` | `Quality escapes` |
/// | `uncapitalize(x)` | `uncapitalize('Median wait')`, `uncapitalize('AOG response time')` | `median wait`, `AOG response time` |
/// | `measure(x, unit)` | `measure('6.50', 'h')`, `measure(58.4, '%')`, `measure(4, 'score')` | `6.50 hours`, `58.4%`, `4` |
/// | `metric-value(x, unit, target)` | `metric-value(3, 'rating', '4.0')`, `metric-value(78, 'days', 60)` | `3.0`, `78 days` |
///
/// Durations that are not one number of days, weeks, months or years (`PT4H`, `P1M15D`)
/// are written as they are. `measure()` and `metric-value()` keep the decimals the value
/// is written with; `metric-value()` at least as many as the target's.
///
/// Numbers are rounded half away from zero; grouping uses commas; no locale is read, so
/// output is the same on every machine.
public enum TemplateFunctions {
    /// The model paths a function reads besides its arguments. A section that calls one of
    /// these functions is traced as reading these paths, so that a change to them (a new
    /// currency) makes it stale. Keep it in step with what ``make(currency:)`` captures.
    public static let modelReads: [String: [String]] = [
        "money": ["/client/identity/currency"], "date": [TemplateLocale.modelPath],
    ]

    /// The functions, formatting money in `currency`, the ISO 4217 code at
    /// `/client/identity/currency` of the model rendered, and dates as `locale` writes
    /// them (see ``modelReads``).
    public static func make(currency: String, locale: TemplateLocale = .british) -> [String: XPathFunction] {
        let symbol = currencySymbols[currency] ?? "\(currency) "
        let formatting: [String: XPathFunction] = [
            "money": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...2, "money")
                let value = session.numberValue(of: arguments[0])
                guard value.isFinite else { return .string("–") }
                let sign = signPrefix(value, digits: 0)
                if arguments.count == 2, session.stringValue(of: arguments[1]) == "short" {
                    let magnitude = abs(value)
                    // 999,500 rounds to a thousand thousands: write it in millions.
                    if magnitude >= 999_500 {
                        // Two decimals below ten million, so that £1.35m and £1.40m differ.
                        return .string("\(sign)\(symbol)\(grouped(magnitude / 1_000_000, digits: magnitude < 10_000_000 ? 2 : 1))m")
                    }
                    if magnitude >= 10_000 { return .string("\(sign)\(symbol)\(grouped(magnitude / 1_000, digits: 0))k") }
                }
                return .string("\(sign)\(symbol)\(grouped(abs(value), digits: 0))")
            },
            "percent": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...2, "percent")
                let value = session.numberValue(of: arguments[0])
                guard value.isFinite else { return .string("–") }
                let digits = max(0, min(arguments.count == 2 ? Int(session.numberValue(of: arguments[1])) : 0, 6))
                return .string(signPrefix(value, digits: digits) + grouped(abs(value), digits: digits) + "%")
            },
            "decimal": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...2, "decimal")
                let value = session.numberValue(of: arguments[0])
                guard value.isFinite else { return .string("–") }
                let digits = max(0, min(arguments.count == 2 ? Int(session.numberValue(of: arguments[1])) : 0, 6))
                return .string(signPrefix(value, digits: digits) + grouped(abs(value), digits: digits))
            },
            "date": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...1, "date")
                let text = ProfileText.trimmed(session.stringValue(of: arguments[0]), .whitespaces)
                guard let date = ProfileDate(text) else { throw XPathFunctionError("'\(text)' is not a date (YYYY-MM-DD).") }
                return .string(locale.format(day: date.day, month: date.month, year: date.year))
            },
            "plural": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 3...3, "plural")
                let count = session.numberValue(of: arguments[0])
                let word = session.stringValue(of: arguments[count == 1 ? 1 : 2])
                // Whole counts are grouped as decimal() groups them ("3,874 people").
                let shown = count.isFinite && count == count.rounded() && abs(count) >= 1000
                    ? signPrefix(count, digits: 0) + grouped(abs(count), digits: 0)
                    : XPathValue.xpathString(count)
                return .string("\(shown) \(word)")
            },
            "join": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...3, "join")
                guard case .nodes(let nodes) = arguments[0] else { throw XPathFunctionError("the first argument must be a node-set.") }
                let separator = arguments.count > 1 ? session.stringValue(of: arguments[1]) : ", "
                let last = arguments.count > 2 ? session.stringValue(of: arguments[2]) : separator
                let items = nodes.map { TemplateCompiler.normalizedValue(session.stringValue(of: $0)) }
                guard items.count > 1 else { return .string(items.first ?? "") }
                return .string(items.dropLast().joined(separator: separator) + last + (items.last ?? ""))
            },
            "quantity": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 2...2, "quantity")
                let value = session.numberValue(of: arguments[0])
                guard value.isFinite else { return .string("–") }
                // A unit in words: "out-of-10" reads "out of 10".
                let unit = session.stringValue(of: arguments[1]).replacingOccurrences(of: "-", with: " ")
                // Up to two decimals, trailing zeros dropped: 58.4, 1,130, 6.5.
                var text = grouped(abs(value), digits: 2)
                if text.contains(".") {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.hasSuffix(".") { text.removeLast() }
                }
                let sign = signPrefix(value, digits: 2)
                return .string(unit == "%" || unit.isEmpty ? "\(sign)\(text)\(unit)" : "\(sign)\(text) \(unit)")
            },
            "add-days": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 2...2, "add-days")
                let text = ProfileText.trimmed(session.stringValue(of: arguments[0]), .whitespaces)
                guard let date = ProfileDate(text) else { throw XPathFunctionError("'\(text)' is not a date (YYYY-MM-DD).") }
                let days = session.numberValue(of: arguments[1])
                guard days.isFinite else { throw XPathFunctionError("the number of days is not a number.") }
                return .string(ProfileDate(daysSinceEpoch: date.daysSinceEpoch + Int(days)).description)
            },
            "days-between": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 2...2, "days-between")
                let texts = arguments.map { ProfileText.trimmed(session.stringValue(of: $0), .whitespaces) }
                guard let from = ProfileDate(texts[0]), let to = ProfileDate(texts[1]) else {
                    throw XPathFunctionError("'\(texts[0])' and '\(texts[1])' must both be dates (YYYY-MM-DD).")
                }
                return .number(Double(to.daysSinceEpoch - from.daysSinceEpoch))
            },
            "latest-date": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...1, "latest-date")
                guard case .nodes(let nodes) = arguments[0] else { throw XPathFunctionError("the argument must be a node-set.") }
                var latest: ProfileDate?
                for node in nodes {
                    let text = ProfileText.trimmed(session.stringValue(of: node), .whitespaces)
                    guard let date = ProfileDate(text) else { throw XPathFunctionError("'\(text)' is not a date (YYYY-MM-DD).") }
                    if latest.map({ date.daysSinceEpoch > $0.daysSinceEpoch }) ?? true { latest = date }
                }
                return .string(latest?.description ?? "")
            },
            "duration": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...1, "duration")
                return .string(ISODuration.words(ProfileText.trimmed(session.stringValue(of: arguments[0]), .whitespaces)))
            },
            "capitalize": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...1, "capitalize")
                let text = session.stringValue(of: arguments[0])
                return .string(text.prefix(1).uppercased() + text.dropFirst())
            },
            "words": { session, arguments throws(XPathFunctionError) in
                try expect(arguments, 1...1, "words")
                return .string(session.stringValue(of: arguments[0]).replacingOccurrences(of: "-", with: " "))
            },
        ]
        assert(Set(formatting.keys).isDisjoint(with: proseFunctions.keys), "a prose function shadows a formatting function")
        return formatting.merging(proseFunctions) { formatter, _ in formatter }
    }

    package static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    package static let currencySymbols = ["GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹", "CHF": "CHF ", "AUD": "A$", "CAD": "C$"]

    package static func expect(_ arguments: [XPathObject], _ range: ClosedRange<Int>, _ name: String) throws(XPathFunctionError) {
        guard range.contains(arguments.count) else {
            let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw XPathFunctionError("takes \(expected) argument\(range.upperBound == 1 ? "" : "s"), not \(arguments.count).")
        }
    }

    /// "-" for a value that is still negative once rounded to `digits` decimals: -0.4
    /// is written "0", not "-0".
    package static func signPrefix(_ value: Double, digits: Int) -> String {
        guard value < 0 else { return "" }
        return grouped(abs(value), digits: digits).allSatisfy { $0 == "0" || $0 == "." || $0 == "," } ? "" : "-"
    }

    /// `value` (not negative) rounded half away from zero to `digits` decimals, with commas
    /// between thousands. Rounding is decimal, on the value's 15 significant digits, so
    /// 8.495 rounds to 8.50 although the binary double is a hair below it.
    package static func grouped(_ value: Double, digits: Int) -> String {
        // The 15 significant digits C's "%.14e" gives (those of "%.15g"), then decimal
        // rounding on them; no Foundation number formatting, which dominated the cost.
        var mantissa: [UInt8] = []
        var integerCount = 0
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let length = Int(withVaList([abs(value)]) { vsnprintf(buffer.baseAddress, 40, "%.14e", $0) })
            var exponent = 0
            var negativeExponent = false
            var inExponent = false
            for index in 0..<min(length, 40) {
                let byte = UInt8(bitPattern: buffer[index])
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if inExponent { exponent = exponent * 10 + Int(byte - UInt8(ascii: "0")) } else { mantissa.append(byte - UInt8(ascii: "0")) }
                case UInt8(ascii: "e"): inExponent = true
                case UInt8(ascii: "-"): negativeExponent = inExponent
                default: break
                }
            }
            integerCount = (negativeExponent ? -exponent : exponent) + 1
        }
        // Digits with the decimal point after `integerCount` of them; at least one integer digit.
        if integerCount <= 0 {
            mantissa.insert(contentsOf: repeatElement(0, count: 1 - integerCount), at: 0)
            integerCount = 1
        }
        let kept = integerCount + digits
        if kept < mantissa.count {
            let roundsUp = mantissa[kept] >= 5
            mantissa.removeSubrange(kept...)
            var index = kept - 1
            while roundsUp, index >= 0 {
                if mantissa[index] == 9 {
                    mantissa[index] = 0
                    index -= 1
                } else {
                    mantissa[index] += 1
                    break
                }
            }
            if roundsUp, index < 0 {
                mantissa.insert(1, at: 0)
                integerCount += 1
            }
        } else {
            mantissa += repeatElement(0, count: kept - mantissa.count)
        }
        var firstSignificant = 0
        while firstSignificant < integerCount - 1, mantissa[firstSignificant] == 0 { firstSignificant += 1 }
        var result: [UInt8] = []
        result.reserveCapacity(integerCount + integerCount / 3 + digits + 1)
        for position in firstSignificant..<integerCount {
            if position > firstSignificant, (integerCount - position) % 3 == 0 { result.append(UInt8(ascii: ",")) }
            result.append(mantissa[position] + UInt8(ascii: "0"))
        }
        if digits > 0 {
            result.append(UInt8(ascii: "."))
            for position in integerCount..<(integerCount + digits) { result.append(mantissa[position] + UInt8(ascii: "0")) }
        }
        return String(decoding: result, as: UTF8.self)
    }

}
