import XMLSupport

/// Reads the marks of a chart's elements, in drawing order.
struct ChartSceneReader {
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
