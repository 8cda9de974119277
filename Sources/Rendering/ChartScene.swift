import Foundation
import XMLSupport

/// An SVG picture read as the few marks `engage`'s charts are made of: shapes filled and
/// stroked in flat colours or a hatch, and single-line labels. ``CairoPainter`` paints it
/// with cairo and pango directly, which is what makes a chart's PNG cheap (see
/// ``SVGRasterizer``).
///
/// Reading is strict: an element, attribute or value outside that vocabulary makes the
/// whole picture unreadable here (`init` returns nil), and librsvg draws it instead. So a
/// picture is never painted with something left out.
struct ChartScene {
    struct Colour: Equatable {
        var red: Double
        var green: Double
        var blue: Double
    }

    /// A pattern tile (`<pattern patternUnits="userSpaceOnUse">`), repeated from the origin.
    struct Tile {
        var width: Double
        var height: Double
        var shapes: [Shape]
    }

    enum Paint {
        case colour(Colour)
        case tile(Tile)
    }

    enum Segment: Equatable {
        case move(Double, Double)
        case line(Double, Double)
        case close
    }

    enum Outline {
        case path([Segment])
        case rectangle(x: Double, y: Double, width: Double, height: Double, radius: Double)
        case circle(x: Double, y: Double, radius: Double)
    }

    struct Stroke {
        var paint: Paint
        var width: Double
        var dashes: [Double]
    }

    /// Filled first, then stroked, as SVG paints by default.
    struct Shape {
        var outline: Outline
        var fill: Paint?
        var stroke: Stroke?
    }

    enum Anchor { case start, middle, end }

    struct Label {
        var text: String
        var x: Double
        var y: Double
        var size: Double
        var anchor: Anchor
        var bold: Bool
        var italic: Bool
        var fill: Colour
        /// An outline painted under the letters (`paint-order="stroke"`).
        var halo: (colour: Colour, width: Double)?
        /// Degrees clockwise about (x, y), as `rotate(angle x y)`.
        var rotation: Double
    }

    enum Mark {
        case shape(Shape)
        case label(Label)
    }

    /// The `viewBox` size, in the picture's own units.
    var width: Double
    var height: Double
    /// Pango's family list, from the root's CSS `font-family`.
    var fontFamily: String
    var marks: [Mark]

    /// The scene of `svg`, or nil when it holds anything this reader does not know.
    init?(svg: SourceElement) {
        guard svg.name == "svg", svg.namespaceURI == Self.namespace,
            Self.only(svg, ["width", "height", "viewBox", "role", "aria-labelledby", "class", "font-family", "font-size"]),
            let viewBox = svg[attribute: "viewBox"].flatMap(Self.numbers), viewBox.count == 4, viewBox[0] == 0, viewBox[1] == 0,
            viewBox[2] > 0, viewBox[3] > 0,
            let family = svg[attribute: "font-family"].flatMap(Self.familyList),
            let fontSize = svg[attribute: "font-size"].flatMap(Self.number), fontSize > 0
        else { return nil }
        width = viewBox[2]
        height = viewBox[3]
        fontFamily = family
        var reader = Reader(fontSize: fontSize)
        // Patterns first: a fill may name one defined further down.
        for defs in svg.elements(named: "defs") {
            guard reader.readDefinitions(defs) else { return nil }
        }
        var marks: [Mark] = []
        for child in svg.children {
            switch child {
            case .text(let text): guard Self.isBlank(text) else { return nil }
            case .element(let element):
                guard element.namespaceURI == Self.namespace, let mark = reader.mark(element) else { return nil }
                marks += mark
            }
        }
        self.marks = marks
    }

    static let namespace = "http://www.w3.org/2000/svg"

    /// True when `element` has no attribute outside `names` (and none in a namespace).
    fileprivate static func only(_ element: SourceElement, _ names: Set<String>) -> Bool {
        element.attributes.allSatisfy { $0.namespaceURI == nil && names.contains($0.name) }
    }

    fileprivate static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    }

    /// A finite number: Swift's `Double("nan")` and `Double("inf")` are not SVG numbers.
    fileprivate static func number(_ text: String) -> Double? {
        Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// Numbers separated by spaces or commas.
    fileprivate static func numbers(_ text: String) -> [Double]? {
        let parts = text.split { $0 == " " || $0 == "," }
        let values = parts.compactMap { number(String($0)) }
        return values.count == parts.count ? values : nil
    }

    /// `#rrggbb`.
    fileprivate static func colour(_ text: String) -> Colour? {
        guard text.count == 7, text.first == "#", let value = UInt32(text.dropFirst(), radix: 16) else { return nil }
        func channel(_ shift: UInt32) -> Double { Double((value >> shift) & 0xFF) / 255 }
        return Colour(red: channel(16), green: channel(8), blue: channel(0))
    }

    /// A CSS family list as pango reads one: names between commas, unquoted.
    fileprivate static func familyList(_ text: String) -> String? {
        let names = text.split(separator: ",").map { name in
            name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && !$0.contains(";") }) else { return nil }
        return names.joined(separator: ",")
    }

    /// Path data made of absolute and relative moves, lines and closes (M m L l H h V v Z z).
    fileprivate static func segments(_ data: String) -> [Segment]? {
        var scanner = PathScanner(Array(data.utf8))
        var segments: [Segment] = []
        var (x, y, startX, startY) = (0.0, 0.0, 0.0, 0.0)
        var command: UInt8?
        while !scanner.atEnd {
            if let letter = scanner.command() {
                command = letter
            } else if command == nil || command! | 0x20 == UInt8(ascii: "z") {
                return nil
            }
            guard let current = command else { return nil }
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
        return segments.first.map { if case .move = $0 { true } else { false } } == true ? segments : nil
    }
}

/// Reads the marks of a chart's elements, in drawing order.
private struct Reader {
    let fontSize: Double
    var patterns: [String: ChartScene.Tile] = [:]

    init(fontSize: Double) { self.fontSize = fontSize }

    mutating func readDefinitions(_ defs: SourceElement) -> Bool {
        guard ChartScene.only(defs, []) else { return false }
        for child in defs.children {
            guard case .element(let pattern) = child else {
                if case .text(let text) = child, ChartScene.isBlank(text) { continue }
                return false
            }
            guard pattern.name == "pattern", ChartScene.only(pattern, ["id", "patternUnits", "width", "height"]),
                pattern[attribute: "patternUnits"] == "userSpaceOnUse", let id = pattern[attribute: "id"],
                let width = pattern[attribute: "width"].flatMap(ChartScene.number), width > 0,
                let height = pattern[attribute: "height"].flatMap(ChartScene.number), height > 0
            else { return false }
            var shapes: [ChartScene.Shape] = []
            for child in pattern.children {
                switch child {
                case .text(let text): guard ChartScene.isBlank(text) else { return false }
                case .element(let element):
                    // A tile's shapes are flat colours: no tile inside a tile.
                    guard element.namespaceURI == ChartScene.namespace, element.name != "text", let shape = self.shape(element, patterns: [:]) else { return false }
                    shapes.append(shape)
                }
            }
            patterns[id] = ChartScene.Tile(width: width, height: height, shapes: shapes)
        }
        return true
    }

    /// The marks of one child of the root: none for its title, description and definitions.
    func mark(_ element: SourceElement) -> [ChartScene.Mark]? {
        switch element.name {
        case "title", "desc":
            return ChartScene.only(element, ["id"]) && element.elements.isEmpty ? [] : nil
        case "defs":
            return []
        case "text":
            return label(element).map { [.label($0)] }
        default:
            return shape(element, patterns: patterns).map { [.shape($0)] }
        }
    }

    private static let paintAttributes: Set<String> = ["fill", "stroke", "stroke-width", "stroke-dasharray", "class"]

    func shape(_ element: SourceElement, patterns: [String: ChartScene.Tile]) -> ChartScene.Shape? {
        func number(_ name: String) -> Double? { element[attribute: name].flatMap(ChartScene.number) }
        let outline: ChartScene.Outline
        var fills = true
        switch element.name {
        case "rect":
            guard ChartScene.only(element, Self.paintAttributes.union(["x", "y", "width", "height", "rx"])),
                let width = number("width"), let height = number("height"), width >= 0, height >= 0
            else { return nil }
            let radius = element[attribute: "rx"] == nil ? 0 : number("rx")
            guard let radius, radius >= 0 else { return nil }
            outline = .rectangle(x: number("x") ?? 0, y: number("y") ?? 0, width: width, height: height, radius: min(radius, width / 2, height / 2))
        case "circle":
            guard ChartScene.only(element, Self.paintAttributes.union(["cx", "cy", "r"])), let radius = number("r"), radius >= 0 else { return nil }
            outline = .circle(x: number("cx") ?? 0, y: number("cy") ?? 0, radius: radius)
        case "line":
            guard ChartScene.only(element, Self.paintAttributes.union(["x1", "y1", "x2", "y2"])) else { return nil }
            outline = .path([.move(number("x1") ?? 0, number("y1") ?? 0), .line(number("x2") ?? 0, number("y2") ?? 0)])
            fills = false
        case "polyline":
            guard ChartScene.only(element, Self.paintAttributes.union(["points"])),
                let values = element[attribute: "points"].flatMap(ChartScene.numbers), values.count >= 4, values.count % 2 == 0
            else { return nil }
            let points = stride(from: 0, to: values.count, by: 2).map { (values[$0], values[$0 + 1]) }
            outline = .path([.move(points[0].0, points[0].1)] + points.dropFirst().map { .line($0.0, $0.1) })
        case "path":
            guard ChartScene.only(element, Self.paintAttributes.union(["d"])),
                let segments = element[attribute: "d"].flatMap(ChartScene.segments)
            else { return nil }
            outline = .path(segments)
        default:
            return nil
        }
        guard element.elements.isEmpty, element.children.allSatisfy({ if case .text(let text) = $0 { ChartScene.isBlank(text) } else { false } }) else { return nil }
        // SVG's defaults: filled black, not stroked, strokes 1 wide.
        var fill: ChartScene.Paint? = .colour(ChartScene.Colour(red: 0, green: 0, blue: 0))
        if let value = element[attribute: "fill"] {
            guard let paint = Self.paint(value, patterns: patterns) else { return nil }
            fill = paint.paint
        }
        var stroke: ChartScene.Stroke?
        if let value = element[attribute: "stroke"] {
            guard let paint = Self.paint(value, patterns: [:]) else { return nil }
            let width = element[attribute: "stroke-width"] == nil ? 1 : number("stroke-width")
            let dashes = element[attribute: "stroke-dasharray"].map { ChartScene.numbers($0) } ?? []
            guard let width, width >= 0, let dashes, dashes.allSatisfy({ $0 >= 0 }) else { return nil }
            stroke = paint.paint.map { ChartScene.Stroke(paint: $0, width: width, dashes: dashes.reduce(0, +) > 0 ? dashes : []) }
        }
        return ChartScene.Shape(outline: outline, fill: fills ? fill : nil, stroke: stroke)
    }

    /// What a `fill` or `stroke` says: no paint, or a paint.
    private enum PaintValue {
        case none
        case paint(ChartScene.Paint)

        var paint: ChartScene.Paint? {
            if case .paint(let paint) = self { return paint }
            return nil
        }
    }

    /// `none`, a colour, or `url(#id)` of a defined pattern; nil when it is none of them.
    private static func paint(_ value: String, patterns: [String: ChartScene.Tile]) -> PaintValue? {
        if value == "none" { return PaintValue.none }
        if let colour = ChartScene.colour(value) { return .paint(.colour(colour)) }
        if value.hasPrefix("url(#"), value.hasSuffix(")"), let tile = patterns[String(value.dropFirst(5).dropLast())] { return .paint(.tile(tile)) }
        return nil
    }

    func label(_ element: SourceElement) -> ChartScene.Label? {
        guard ChartScene.only(element, ["x", "y", "fill", "font-size", "text-anchor", "font-weight", "font-style", "stroke", "stroke-width", "paint-order", "transform", "class"]),
            element.elements.isEmpty,
            let x = element[attribute: "x"].flatMap(ChartScene.number), let y = element[attribute: "y"].flatMap(ChartScene.number),
            let fill = element[attribute: "fill"].flatMap(ChartScene.colour)
        else { return nil }
        let size = element[attribute: "font-size"] == nil ? fontSize : element[attribute: "font-size"].flatMap(ChartScene.number)
        let anchors: [String: ChartScene.Anchor] = ["start": .start, "middle": .middle, "end": .end]
        let anchor = anchors[element[attribute: "text-anchor"] ?? "start"]
        let weight = element[attribute: "font-weight"] ?? "normal"
        let style = element[attribute: "font-style"] ?? "normal"
        guard let size, size > 0, let anchor, ["normal", "bold"].contains(weight), ["normal", "italic"].contains(style) else { return nil }
        var halo: (colour: ChartScene.Colour, width: Double)?
        if let value = element[attribute: "stroke"] {
            // Only an outline under the letters: a stroke over them is not read here.
            guard element[attribute: "paint-order"] == "stroke", let colour = ChartScene.colour(value),
                let width = ChartScene.number(element[attribute: "stroke-width"] ?? "1"), width >= 0
            else { return nil }
            halo = (colour, width)
        } else if element[attribute: "stroke-width"] != nil || element[attribute: "paint-order"] != nil {
            return nil
        }
        var rotation = 0.0
        if let transform = element[attribute: "transform"] {
            // rotate(angle x y) about the label's own anchor point.
            guard transform.hasPrefix("rotate("), transform.hasSuffix(")"),
                let values = ChartScene.numbers(String(transform.dropFirst(7).dropLast())), values.count == 3, values[1] == x, values[2] == y
            else { return nil }
            rotation = values[0]
        }
        // SVG's default white space: line breaks dropped, tabs as spaces, runs collapsed, ends trimmed.
        let text = element.textContent.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\t", with: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return ChartScene.Label(
            text: text, x: x, y: y, size: size, anchor: anchor, bold: weight == "bold", italic: style == "italic", fill: fill,
            halo: halo, rotation: rotation)
    }
}

/// Reads SVG path data: command letters and numbers (`10`, `-4.5`, `1e3`), with optional
/// spaces and commas between.
private struct PathScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSeparators()
            return index == bytes.count
        }
    }

    mutating func skipSeparators() {
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[index]) { index += 1 }
    }

    /// A command letter, or nil (with nothing read) when a number comes next.
    mutating func command() -> UInt8? {
        skipSeparators()
        guard index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z"), bytes[index] | 0x20 != UInt8(ascii: "e") else {
            return nil
        }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func number() -> Double? {
        skipSeparators()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var seenDot = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                index += 1
            } else if byte == UInt8(ascii: "."), !seenDot {
                seenDot = true
                index += 1
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            } else {
                break
            }
        }
        guard index > start else { return nil }
        return ChartScene.number(String(decoding: bytes[start..<index], as: UTF8.self))
    }
}
