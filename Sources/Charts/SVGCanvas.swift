import Foundation
import XMLSupport

/// The marks of a chart, in drawing order, as SVG elements. Coordinates are CSS pixels,
/// written with at most one decimal so the same chart always gives the same bytes.
struct SVGCanvas {
    /// Text sizes are given as laid out and drawn this much larger: a chart 680 pixels wide
    /// shrinks to the text width of an A4 page, and its smallest labels must stay at 7
    /// points or more when printed. Widths are measured at the drawn size.
    static let fontScale = 1.25
    private(set) var nodes: [XMLOutputNode] = []

    enum Anchor: String { case start, middle, end }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String = "none", stroke: String? = nil,
        strokeWidth: Double = 1, dash: String? = nil, radius: Double? = nil, mark: String? = nil
    ) {
        var attributes = ["x": Self.number(x), "y": Self.number(y), "width": Self.number(max(0, width)), "height": Self.number(max(0, height)), "fill": fill]
        if let mark { attributes["class"] = mark }
        Self.stroke(stroke, width: strokeWidth, dash: dash, into: &attributes)
        if let radius { attributes["rx"] = Self.number(radius) }
        add("rect", attributes)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", width: Double = 1, dash: String? = nil) {
        var attributes = ["x1": Self.number(x1), "y1": Self.number(y1), "x2": Self.number(x2), "y2": Self.number(y2)]
        Self.stroke(stroke, width: width, dash: dash, into: &attributes)
        add("line", attributes)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String = "#000000", width: Double = 1.5, dash: String? = nil, mark: String? = nil) {
        guard points.count > 1 else { return }
        var attributes = ["points": points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " "), "fill": "none"]
        if let mark { attributes["class"] = mark }
        Self.stroke(stroke, width: width, dash: dash, into: &attributes)
        add("polyline", attributes)
    }

    mutating func path(_ d: String, fill: String = "none", stroke: String? = "#000000", width: Double = 1, mark: String? = nil) {
        var attributes = ["d": d, "fill": fill]
        if let mark { attributes["class"] = mark }
        Self.stroke(stroke, width: width, dash: nil, into: &attributes)
        add("path", attributes)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String = "#000000", stroke: String? = nil, strokeWidth: Double = 1, mark: String? = nil) {
        var attributes = ["cx": Self.number(cx), "cy": Self.number(cy), "r": Self.number(r), "fill": fill]
        if let mark { attributes["class"] = mark }
        Self.stroke(stroke, width: strokeWidth, dash: nil, into: &attributes)
        add("circle", attributes)
    }

    /// A marker that reads without colour: a circle, square, triangle or diamond by `shape`.
    mutating func marker(_ shape: Int, x: Double, y: Double, size: Double = 4, fill: String = "#000000", mark: String? = nil) {
        switch shape % 4 {
        case 0: circle(cx: x, cy: y, r: size, fill: fill, stroke: "#000000", mark: mark)
        case 1: rect(x: x - size, y: y - size, width: size * 2, height: size * 2, fill: fill, stroke: "#000000", mark: mark)
        case 2: path("M\(Self.number(x)) \(Self.number(y - size * 1.2))L\(Self.number(x + size * 1.1)) \(Self.number(y + size * 0.8))L\(Self.number(x - size * 1.1)) \(Self.number(y + size * 0.8))Z", fill: fill, mark: mark)
        default: path("M\(Self.number(x)) \(Self.number(y - size * 1.3))L\(Self.number(x + size * 1.1)) \(Self.number(y))L\(Self.number(x)) \(Self.number(y + size * 1.3))L\(Self.number(x - size * 1.1)) \(Self.number(y))Z", fill: fill, mark: mark)
        }
    }

    mutating func text(
        _ text: String, x: Double, y: Double, size: Double = 11, anchor: Anchor = .start, bold: Bool = false,
        italic: Bool = false, fill: String = "#1a1a1a", rotate: Bool = false, halo: Bool = false
    ) {
        guard !text.isEmpty else { return }
        var attributes = ["x": Self.number(x), "y": Self.number(y), "fill": fill]
        if size != 11 { attributes["font-size"] = Self.number(size * Self.fontScale) }
        if anchor != .start { attributes["text-anchor"] = anchor.rawValue }
        if bold { attributes["font-weight"] = "bold" }
        if italic { attributes["font-style"] = "italic" }
        if halo {
            // A white outline under the letters keeps a label legible where it crosses a line.
            attributes["stroke"] = "#ffffff"
            attributes["stroke-width"] = "3"
            attributes["paint-order"] = "stroke"
        }
        if rotate { attributes["transform"] = "rotate(-90 \(Self.number(x)) \(Self.number(y)))" }
        nodes.append(.element(Self.element("text", attributes, text: text)))
    }

    /// Lines of text from `y` down, `size` × 1.25 apart; returns the y below the last.
    @discardableResult
    mutating func lines(_ lines: [String], x: Double, y: Double, size: Double = 11, anchor: Anchor = .start, bold: Bool = false, fill: String = "#1a1a1a") -> Double {
        var baseline = y
        for line in lines {
            text(line, x: x, y: baseline, size: size, anchor: anchor, bold: bold, fill: fill)
            baseline += size * Self.fontScale * 1.2
        }
        return baseline
    }

    /// A hatch pattern, for fills that must read in black and white; use `url(#id)`.
    mutating func hatch(id: String, spacing: Double = 5, stroke: String = "#333333") {
        // A tile drawn already diagonal (the corners continue the line across tiles): a
        // `patternTransform` rotation made librsvg draw a journey map three times slower.
        let s = Self.number(spacing)
        let line = Self.element("path", ["d": "M0 \(s)L\(s) 0M-1 1L1 -1M\(Self.number(spacing - 1)) \(Self.number(spacing + 1))L\(Self.number(spacing + 1)) \(Self.number(spacing - 1))", "stroke": stroke, "stroke-width": "1.2"])
        let pattern = XMLOutputElement(
            name: "pattern", namespaceURI: Chart.namespace,
            attributes: ["id": id, "patternUnits": "userSpaceOnUse", "width": s, "height": s],
            children: [.element(line)])
        nodes.append(.element(XMLOutputElement(name: "defs", namespaceURI: Chart.namespace, children: [.element(pattern)])))
    }

    private mutating func add(_ name: String, _ attributes: [String: String]) {
        nodes.append(.element(Self.element(name, attributes)))
    }

    private static func stroke(_ stroke: String?, width: Double, dash: String?, into attributes: inout [String: String]) {
        guard let stroke else { return }
        attributes["stroke"] = stroke
        if width != 1 { attributes["stroke-width"] = number(width) }
        if let dash { attributes["stroke-dasharray"] = dash }
    }

    static func element(_ name: String, _ attributes: [String: String], text: String? = nil) -> XMLOutputElement {
        XMLOutputElement(name: name, namespaceURI: Chart.namespace, attributes: attributes, children: text.map { [.text($0)] } ?? [])
    }

    /// `value` with at most one decimal, without a trailing `.0` or a negative zero.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths)) % 10
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// How wide text is, estimated from its characters: charts wrap and shorten names without
/// a font at hand, and the same text must always wrap the same way.
enum TextMetrics {
    /// The width of `text` at `size` pixels, for a Calibri-like face.
    static func width(_ text: String, size: Double) -> Double {
        let size = size * SVGCanvas.fontScale
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "i", "l", "j", "t", "f", "r", "I", ".", ",", ":", ";", "'", "!", "|", "(", ")", " ": ems += 0.3
            case "m", "w", "M", "W": ems += 0.82
            case "A"..."Z", "0"..."9", "%", "£", "€", "$", "&": ems += 0.6
            default: ems += 0.5
            }
        }
        return ems * size
    }

    /// `text` in lines no wider than `width`, at most `maxLines`; a last line that does not
    /// fit ends in an ellipsis (the full text is in the chart's title or table).
    static func wrap(_ text: String, width: Double, size: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || self.width(candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines[..<(maxLines - 1)]) + [lines[(maxLines - 1)...].joined(separator: " ")]
        }
        return lines.map { shortened($0, width: width, size: size) }
    }

    /// `text` cut to fit `width`, with an ellipsis when cut.
    static func shortened(_ text: String, width: Double, size: Double) -> String {
        guard self.width(text, size: size) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, self.width(String(characters) + "…", size: size) > width { characters.removeLast() }
        while characters.last == " " { characters.removeLast() }
        return String(characters) + "…"
    }
}

/// Round steps for an axis: a scale that starts where a reader expects (at zero for
/// amounts that can be zero) and ends on a round number.
struct AxisScale {
    var lower: Double
    var upper: Double
    var step: Double

    /// A scale covering `values`, including `alsoInclude`, with about `ticks` steps.
    init(covering values: [Double], alsoInclude: [Double] = [], ticks: Int = 5) {
        let all = values + alsoInclude
        var low = all.min() ?? 0
        var high = all.max() ?? 1
        if low == high { low -= 1; high += 1 }
        let raw = (high - low) / Double(max(1, ticks))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        lower = floor(low / step) * step
        upper = ceil(high / step) * step
        self.step = step
    }

    init(lower: Double, upper: Double, step: Double) {
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    var ticks: [Double] {
        var values: [Double] = []
        var value = lower
        while value <= upper + step / 1000 {
            values.append(abs(value) < step / 1000 ? 0 : value)
            value += step
        }
        return values
    }

    /// Where `value` falls between `start` (lower) and `end` (upper) pixels.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
