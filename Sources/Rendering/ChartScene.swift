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
        guard bytes.firstRange(of: Array("<?xml-stylesheet".utf8)) == nil,
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
        var reader = ChartSceneReader(fontSize: fontSize)
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
    static func only(_ element: SourceElement, _ names: Set<String>) -> Bool {
        element.attributes.allSatisfy { $0.namespaceURI == nil && names.contains($0.name) }
    }

    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    }
}
