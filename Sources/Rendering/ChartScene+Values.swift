import Foundation

/// The values a chart's SVG attributes hold, read as strictly as librsvg reads them:
/// numbers, number lists, colours, font families and path data.
extension ChartScene {
    /// A number as SVG writes one (`12`, `-4.5`, `.5`, `1e3`), within
    /// ``largestCoordinate``; nil for anything else Swift's `Double()` reads (`0x10`, `nan`,
    /// `inf`), as librsvg does not read them.
    static func number(_ text: String) -> Double? {
        var scanner = PathScanner(Array(text.utf8))
        guard let value = scanner.number(), scanner.index == scanner.bytes.count, abs(value) <= largestCoordinate else { return nil }
        return value
    }

    /// Numbers separated by white space, or by one comma with white space around it
    /// (`10,20 30`); nil when any item is not a number or is empty (`10,,20`).
    static func numbers(_ text: String) -> [Double]? {
        var scanner = PathScanner(Array(text.utf8))
        var values: [Double] = []
        while !scanner.atEnd {
            guard let value = scanner.number(), abs(value) <= largestCoordinate else { return nil }
            values.append(value)
        }
        return scanner.failed ? nil : values
    }

    /// `#rrggbb`.
    static func colour(_ text: String) -> Colour? {
        guard text.count == 7, text.first == "#", let value = UInt32(text.dropFirst(), radix: 16) else { return nil }
        func channel(_ shift: UInt32) -> Double { Double((value >> shift) & 0xFF) / 255 }
        return Colour(red: channel(16), green: channel(8), blue: channel(0))
    }

    /// A CSS family list as pango reads one: names between commas, unquoted.
    static func familyList(_ text: String) -> String? {
        let names = text.split(separator: ",").map { name in
            name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }
        // A name with runs of spaces is left to librsvg, which collapses them.
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && !$0.contains(";") && !$0.contains("  ") }) else { return nil }
        return names.joined(separator: ",")
    }

    /// Path data made of absolute and relative moves, lines and closes (M m L l H h V v Z z).
    static func segments(_ data: String) -> [Segment]? {
        var scanner = PathScanner(Array(data.utf8))
        var segments: [Segment] = []
        var (x, y, startX, startY) = (0.0, 0.0, 0.0, 0.0)
        var command: UInt8?
        while !scanner.atEnd {
            if let letter = scanner.command() {
                command = letter
            }
            // A number with no command before it, or after a close, is not path data.
            guard let current = command, current | 0x20 != UInt8(ascii: "z") || scanner.lastWasCommand else { return nil }
            let relative = current >= UInt8(ascii: "a")
            switch current | 0x20 {
            case UInt8(ascii: "z"):
                segments.append(.close)
                (x, y) = (startX, startY)
            case UInt8(ascii: "m"):
                guard let dx = scanner.number(), let dy = scanner.number() else { return nil }
                (x, y) = relative ? (x + dx, y + dy) : (dx, dy)
                (startX, startY) = (x, y)
                segments.append(.move(x, y))
                // Further pairs after a move are lines.
                command = relative ? UInt8(ascii: "l") : UInt8(ascii: "L")
            case UInt8(ascii: "l"):
                guard let dx = scanner.number(), let dy = scanner.number(), !segments.isEmpty else { return nil }
                (x, y) = relative ? (x + dx, y + dy) : (dx, dy)
                segments.append(.line(x, y))
            case UInt8(ascii: "h"):
                guard let value = scanner.number(), !segments.isEmpty else { return nil }
                x = relative ? x + value : value
                segments.append(.line(x, y))
            case UInt8(ascii: "v"):
                guard let value = scanner.number(), !segments.isEmpty else { return nil }
                y = relative ? y + value : value
                segments.append(.line(x, y))
            default:
                return nil
            }
        }
        guard !scanner.failed, case .move = segments.first else { return nil }
        return segments
    }
}

/// Reads SVG path data and number lists: command letters and numbers (`10`, `-4.5`, `.5`,
/// `1e3`), with white space between, or one comma between two numbers.
struct PathScanner {
    let bytes: [UInt8]
    var index = 0
    /// Whether the last thing read was a command letter.
    private(set) var lastWasCommand = false
    /// Whether a separator broke the grammar (a comma not between two numbers).
    private(set) var failed = false
    private var afterNumber = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True at the end or after a failure; a comma ahead is left for ``number()``.
    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return index == bytes.count || failed
        }
    }

    private mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// White space, and one comma when a number came before it (a failure otherwise).
    private mutating func skipSeparators() {
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return }
        guard afterNumber else {
            failed = true
            return
        }
        index += 1
        afterNumber = false
        skipSpaces()
    }

    /// A command letter, or nil (with nothing read) when a number comes next.
    mutating func command() -> UInt8? {
        skipSpaces()
        guard !failed, index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z"),
            bytes[index] | 0x20 != UInt8(ascii: "e")
        else {
            lastWasCommand = false
            return nil
        }
        defer { index += 1 }
        lastWasCommand = true
        afterNumber = false
        return bytes[index]
    }

    mutating func number() -> Double? {
        skipSeparators()
        guard !failed else { return nil }
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else {
            index = start
            return nil
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            let exponentStart = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if digits() == 0 { index = exponentStart }
        }
        lastWasCommand = false
        afterNumber = true
        return Double(String(decoding: bytes[start..<index], as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }
}
