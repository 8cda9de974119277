import EngageBasics
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
        guard let date = ProfileDate(isoDate) else { return isoDate }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[date.month - 1]) \(date.year)"
    }

    /// The day an ISO date falls on, as a number, to place dates on a time axis.
    static func day(_ isoDate: String) -> Double? {
        ProfileDate(isoDate).map { Double($0.daysSinceEpoch) }
    }
}
