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
        /// Its `id`: the painter draws a tile once however many shapes it fills.
        var id: String
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
    /// The pattern tiles the marks fill with.
    var tiles: [Tile]

    /// The scene of the SVG document `bytes`, or nil when it is not one this reader knows.
    init?(svg bytes: [UInt8]) {
        // libxml2's tree keeps no processing instructions, and librsvg applies a stylesheet's.
        guard !bytes.contains(subsequence: Array("<?xml-stylesheet".utf8)),
            let document = try? XMLDocument.parse(bytes: bytes, fileName: "chart.svg")
        else { return nil }
        self.init(svg: document.root)
    }

    /// The scene of `svg`, or nil when it holds anything this reader does not know.
    init?(svg: SourceElement) {
        guard svg.name == "svg", svg.namespaceURI == Self.namespace,
            Self.only(svg, ["width", "height", "viewBox", "role", "aria-labelledby", "class", "font-family", "font-size"]),
            let viewBox = svg[attribute: "viewBox"].flatMap(Self.numbers), viewBox.count == 4, viewBox[0] == 0, viewBox[1] == 0,
            viewBox[2] > 0, viewBox[3] > 0,
            let family = svg[attribute: "font-family"].flatMap(Self.familyList),
            let fontSize = svg[attribute: "font-size"].flatMap(Self.number), fontSize > 0
        else { return nil }
        // One element an id: librsvg resolves `url(#id)` to the first element of that id,
        // whatever it is.
        var ids = Set<String>()
        guard Self.allIDsUnique(svg, &ids) else { return nil }
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
        tiles = Array(reader.patterns.values)
    }

    static let namespace = ChartImages.svgNamespace

    /// The largest font size and coordinate read here: enough for any chart, and far from
    /// the sizes at which cairo or pango overflow.
    static let largestFontSize = 1_000.0
    static let largestCoordinate = 1_000_000.0

    private static func allIDsUnique(_ element: SourceElement, _ ids: inout Set<String>) -> Bool {
        if let id = element[attribute: "id"], !ids.insert(id).inserted { return false }
        return element.elements.allSatisfy { allIDsUnique($0, &ids) }
    }

    /// True when `element` has no attribute outside `names` (and none in a namespace).
    fileprivate static func only(_ element: SourceElement, _ names: Set<String>) -> Bool {
        element.attributes.allSatisfy { $0.namespaceURI == nil && names.contains($0.name) }
    }

    fileprivate static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    }

    /// A number as SVG writes one (`12`, `-4.5`, `.5`, `1e3`), within
    /// ``largestCoordinate``; nil for anything else Swift's `Double()` reads (`0x10`, `nan`,
    /// `inf`), as librsvg does not read them.
    fileprivate static func number(_ text: String) -> Double? {
        var scanner = PathScanner(Array(text.utf8))
        guard let value = scanner.number(), scanner.index == scanner.bytes.count, abs(value) <= largestCoordinate else { return nil }
        return value
    }

    /// Numbers separated by white space, or by one comma with white space around it
    /// (`10,20 30`); nil when any item is not a number or is empty (`10,,20`).
    fileprivate static func numbers(_ text: String) -> [Double]? {
        var scanner = PathScanner(Array(text.utf8))
        var values: [Double] = []
        while !scanner.atEnd {
            guard let value = scanner.number(), abs(value) <= largestCoordinate else { return nil }
            values.append(value)
        }
        return scanner.failed ? nil : values
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
        // A name with runs of spaces is left to librsvg, which collapses them.
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && !$0.contains(";") && !$0.contains("  ") }) else { return nil }
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

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence: [UInt8]) -> Bool {
        guard let first = subsequence.first, count >= subsequence.count else { return false }
        for start in 0...(count - subsequence.count) where self[start] == first && self[start..<start + subsequence.count].elementsEqual(subsequence) {
            return true
        }
        return false
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
            patterns[id] = ChartScene.Tile(id: id, width: width, height: height, shapes: shapes)
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
            // SVG limits rx to half the width and ry (here rx) to half the height: corners
            // that would come out elliptical are left to librsvg.
            guard min(radius, width / 2) == min(radius, height / 2) else { return nil }
            outline = .rectangle(x: number("x") ?? 0, y: number("y") ?? 0, width: width, height: height, radius: min(radius, width / 2))
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
        guard let size, size > 0, size <= ChartScene.largestFontSize, let anchor, ["normal", "bold"].contains(weight), ["normal", "italic"].contains(style) else { return nil }
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
        // SVG's default white space as librsvg applies it: the ends trimmed of any white
        // space, then line feeds dropped, tabs made spaces and runs of spaces made one.
        let scalars = Array(element.textContent.unicodeScalars)
        let first = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let last = scalars.lastIndex { !$0.properties.isWhitespace } ?? -1
        var text = String.UnicodeScalarView()
        for scalar in scalars[first..<max(first, last + 1)] where scalar != "\n" {
            let scalar = scalar == "\t" ? " " : scalar
            if scalar == " ", text.last == " " { continue }
            text.append(scalar)
        }
        return ChartScene.Label(
            text: String(text), x: x, y: y, size: size, anchor: anchor, bold: weight == "bold", italic: style == "italic", fill: fill,
            halo: halo, rotation: rotation)
    }
}

/// Reads SVG path data and number lists: command letters and numbers (`10`, `-4.5`, `.5`,
/// `1e3`), with white space between, or one comma between two numbers.
private struct PathScanner {
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
