import XMLSupport

/// Reading a chart's data element: attributes as text or numbers, children by name.
extension XMLOutputElement {
    subscript(_ attribute: String) -> String? { attributes[attribute] }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    func flag(_ attribute: String) -> Bool { attributes[attribute] == "true" }

    func children(named name: String) -> [XMLOutputElement] { elements.filter { $0.name == name } }
}

/// Words shared by the charts' descriptions.
enum ChartWords {
    /// "1 touchpoint", "3 touchpoints".
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// "97.5%", "12 days": a value with its unit, the per cent sign set close.
    static func amount(_ value: Double, _ unit: String) -> String {
        let number = SVGCanvas.number(value)
        if unit.isEmpty { return number }
        return unit == "%" ? number + "%" : "\(number) \(unit)"
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// "Mar 2026" for an ISO date; the month names are the same in British and American English.
    static func month(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count >= 2, let month = Int(parts[1]), (1...12).contains(month) else { return isoDate }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[month - 1]) \(parts[0])"
    }

    /// Days since 1 January 2000 for an ISO date, to place dates on a time axis.
    static func day(_ isoDate: String) -> Double? {
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var (year, month) = (parts[0], parts[1])
        // Days from the civil date (Howard Hinnant's algorithm), exact for any Gregorian date.
        if month <= 2 { year -= 1; month += 12 }
        let era = year / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month - 3) + 2) / 5 + parts[2] - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Double(era * 146_097 + dayOfEra - 730_425)
    }
}
