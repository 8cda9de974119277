import Foundation
import Testing
import XMLSupport

@testable import Rendering

/// Reading a chart's SVG into the marks cairo and pango paint directly (``ChartScene``), and
/// leaving to librsvg whatever is not one of them.
@Suite("Chart scene")
struct ChartSceneTests {
    static func scene(_ body: String, root: String = #"width="100" height="50" viewBox="0 0 100 50" font-family="Carlito, 'Liberation Sans', sans-serif" font-size="13.8""#) throws -> ChartScene? {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" \#(root)>\#(body)</svg>"#
        return ChartScene(svg: try XMLDocument.parse(bytes: Array(svg.utf8), fileName: "chart.svg").root)
    }

    @Test("Path data: absolute and relative moves and lines, implicit lines after a move, closes back to the start")
    func pathSegments() throws {
        let scene = try #require(try Self.scene(##"<path d="M1 2L3 4l1 1Z m1,1 2 2H10v-1.5 l-1e1 0"/>"##))
        guard case .shape(let shape) = try #require(scene.marks.first), case .path(let segments) = shape.outline else {
            Issue.record("not a path: \(scene.marks)")
            return
        }
        #expect(segments == [.move(1, 2), .line(3, 4), .line(4, 5), .close, .move(2, 3), .line(4, 5), .line(10, 5), .line(10, 3.5), .line(0, 3.5)])
    }

    @Test("The marks a chart is made of, in drawing order, with SVG's defaults where an attribute is absent")
    func marksAndDefaults() throws {
        let scene = try #require(
            try Self.scene(
                ##"""
                <title id="t">Chart</title><desc id="d">What it shows.</desc>
                <defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5"><path d="M0 5L5 0" stroke="#333333" stroke-width="1.2"/></pattern></defs>
                <rect x="1" y="2" width="30" height="10" rx="4" fill="url(#hatch)" stroke="#000000" stroke-dasharray="4 3" class="cell"/>
                <line x1="0" y1="1" x2="9" y2="1" stroke="#999999"/>
                <circle cx="5" cy="5" r="2"/>
                <polyline points="0,0 5,5 10,0" fill="none" stroke="#000000" stroke-width="1.5"/>
                <text x="50" y="20" text-anchor="middle" font-weight="bold" font-style="italic" fill="#1a1a1a">\##u{A0} Two
                \##t words\##u{2003}</text>
                <text x="10" y="40" font-size="9" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke" transform="rotate(-90 10 40)">Up</text>
                """##))
        #expect(scene.width == 100 && scene.height == 50 && scene.fontFamily == "Carlito,Liberation Sans,sans-serif")
        #expect(scene.marks.count == 6)
        guard scene.marks.count == 6,
            case .shape(let rect) = scene.marks[0], case .shape(let line) = scene.marks[1], case .shape(let circle) = scene.marks[2],
            case .shape(let polyline) = scene.marks[3], case .label(let label) = scene.marks[4], case .label(let rotated) = scene.marks[5]
        else { return }
        guard case .rectangle(1, 2, 30, 10, 4) = rect.outline, case .tile(let tile) = rect.fill, let border = rect.stroke else {
            Issue.record("rectangle: \(rect)")
            return
        }
        #expect(tile.width == 5 && tile.shapes.count == 1 && border.width == 1 && border.dashes == [4, 3])
        #expect(line.fill == nil && line.stroke?.width == 1, "a line is never filled")
        guard case .colour(let black) = circle.fill else {
            Issue.record("circle: \(circle)")
            return
        }
        #expect(black == ChartScene.Colour(red: 0, green: 0, blue: 0) && circle.stroke == nil, "filled black, not stroked, by default")
        #expect(polyline.fill == nil && polyline.stroke?.width == 1.5)
        #expect(label.text == "Two words", "white space trimmed at the ends, tabs and runs of spaces made one")
        #expect(label.size == 13.8 && label.anchor == .middle && label.bold && label.italic && label.halo == nil)
        #expect(rotated.size == 9 && rotated.rotation == -90 && rotated.halo?.width == 3 && rotated.halo?.colour == ChartScene.Colour(red: 1, green: 1, blue: 1))
    }

    @Test("Anything else is left to librsvg: the whole picture, never a part of it left out", arguments: [
        ##"<g><rect width="1" height="1"/></g>"##,
        ##"<image href="logo.png" width="1" height="1"/>"##,
        ##"<rect width="1" height="1" opacity="0.5"/>"##,
        ##"<rect width="1" height="1" style="fill:red"/>"##,
        ##"<rect width="1" height="1" transform="scale(2)"/>"##,
        ##"<rect width="1" height="1" fill="red"/>"##,
        ##"<rect width="1" height="1" fill="#fff"/>"##,
        ##"<rect width="1" height="1" fill="url(#missing)"/>"##,
        ##"<rect width="-1" height="1"/>"##,
        ##"<rect width="30" height="10" rx="8"/>"##,
        ##"<rect width="0x10" height="1"/>"##,
        ##"<rect width="1e" height="1"/>"##,
        ##"<rect width="1e9" height="1"/>"##,
        ##"<polyline points="10,,10 20,20" stroke="#000000"/>"##,
        ##"<path d="M,0 0L1 1"/>"##,
        ##"<path d="M0 0Z 1 1"/>"##,
        ##"<title id="a">T</title><desc id="a">D</desc>"##,
        ##"<text x="1" y="1" fill="#000000" font-size="5000">huge</text>"##,
        ##"<rect width="nan" height="1"/>"##,
        ##"<circle r="inf"/>"##,
        ##"<path d="M0 0C1 1 2 2 3 3"/>"##,
        ##"<path d="L1 1"/>"##,
        ##"<path d="M0 0L1"/>"##,
        ##"<text x="1" y="1" fill="#000000">a<tspan>b</tspan></text>"##,
        ##"<text x="1" y="1" fill="#000000" stroke="#ffffff">over the letters</text>"##,
        ##"<text x="1" y="1" fill="#000000" transform="rotate(-90 0 0)">about another point</text>"##,
        ##"<text x="1" y="1" fill="#000000" font-weight="600">semibold</text>"##,
        ##"<text x="1" y="1" fill="#000000" xml:space="preserve">kept  spaces</text>"##,
        ##"<defs><pattern id="p" width="5" height="5"><path d="M0 0L5 5"/></pattern></defs>"##,
        "loose text",
    ])
    func othersAreLeftToLibrsvg(body: String) throws {
        #expect(try Self.scene(body) == nil)
    }

    @Test("A root without a viewBox from the origin, a font family or a font size is left to librsvg", arguments: [
        ##"width="100" height="50" font-family="Carlito" font-size="12""##,
        ##"width="100" height="50" viewBox="10 0 100 50" font-family="Carlito" font-size="12""##,
        ##"width="100" height="50" viewBox="0 0 100 50" font-size="12""##,
        ##"width="100" height="50" viewBox="0 0 100 50" font-family="Carlito""##,
        ##"width="100" height="50" viewBox="0 0 100 50" font-family="Carlito" font-size="12" preserveAspectRatio="none""##,
        ##"width="100" height="50" viewBox="0 0 100 50" font-family="Liberation  Sans" font-size="12""##,
    ])
    func rootsLeftToLibrsvg(root: String) throws {
        #expect(try Self.scene(#"<rect width="1" height="1"/>"#, root: root) == nil)
    }

    @Test("Painted from many threads at once, each picture is the same bytes as painted alone, and not librsvg's")
    func paintedFromManyThreads() throws {
        let svg = Array(
            ##"""
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80" font-family="Carlito, sans-serif" font-size="13.8">
            <rect width="200" height="80" fill="#ffffff"/><rect x="10" y="10" width="60" height="30" rx="3" fill="#eeeeee" stroke="#000000"/>
            <text x="100" y="30" text-anchor="middle" font-weight="bold" fill="#1a1a1a">Weakest stage</text>
            <text x="100" y="60" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" paint-order="stroke">Average 45/100</text>
            </svg>
            """##.utf8)
        #expect(ChartScene(svg: try XMLDocument.parse(bytes: svg, fileName: "chart.svg").root) != nil)
        let alone = try SVGRasterizer.png(fromSVG: svg, width: 400, height: 160)
        #expect(alone != (try SVGRasterizer.png(fromSVG: svg, width: 400, height: 160, renderer: .librsvg)), "painted, not drawn by librsvg")
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var pictures: [[UInt8]] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let png = try? SVGRasterizer.png(fromSVG: svg, width: 400, height: 160)
            results.lock.withLock { results.pictures.append(png ?? []) }
        }
        #expect(results.pictures.count == 16 && results.pictures.allSatisfy { $0 == alone })
    }

    /// How far apart two pictures of the same size are, forgiving what moves by a pixel:
    /// the largest number, in any 16 x 16 block, of pixels whose grey is more than 128
    /// levels from every pixel next to it in the other picture (both ways); and the largest
    /// difference of mean red, green or blue over the whole picture. A glyph that pango puts
    /// on a whole pixel where librsvg's outline falls between two moves by a pixel at most
    /// (at most 4 such pixels in a block over the samples' charts); a label or a dark line
    /// left out leaves 16 or more in some block, and a wrong colour moves a channel's mean.
    static let sameBlock = 12

    static func difference(_ first: [UInt8], _ second: [UInt8]) throws -> (block: Int, colour: Double) {
        let (a, b) = (try DocxWriterTests.rgbPixels(first), try DocxWriterTests.rgbPixels(second))
        try #require(a.width == b.width && a.height == b.height)
        let (width, height) = (a.width, a.height)
        var colour = 0.0
        for channel in 0..<3 {
            let meanA = Double(stride(from: channel, to: a.bytes.count, by: 3).reduce(0) { $0 + Int(a.bytes[$1]) }) / Double(width * height)
            let meanB = Double(stride(from: channel, to: b.bytes.count, by: 3).reduce(0) { $0 + Int(b.bytes[$1]) }) / Double(width * height)
            colour = max(colour, abs(meanA - meanB))
        }
        var apart = [[Int]](repeating: [Int](repeating: 0, count: (width + 15) / 16), count: (height + 15) / 16)
        a.greys.withUnsafeBufferPointer { greysA in
            b.greys.withUnsafeBufferPointer { greysB in
                func isApart(_ x: Int, _ y: Int, _ one: UnsafeBufferPointer<UInt8>, from other: UnsafeBufferPointer<UInt8>) -> Bool {
                    let grey = Int(one[y * width + x])
                    for ny in max(0, y - 1)...min(height - 1, y + 1) {
                        for nx in max(0, x - 1)...min(width - 1, x + 1) where abs(grey - Int(other[ny * width + nx])) <= 128 { return false }
                    }
                    return true
                }
                for y in 0..<height {
                    for x in 0..<width where isApart(x, y, greysA, from: greysB) || isApart(x, y, greysB, from: greysA) {
                        apart[y / 16][x / 16] += 1
                    }
                }
            }
        }
        return (apart.joined().max() ?? 0, colour)
    }

    @Test("Painted as librsvg draws the same SVG: colours, a right-to-left label, a dashed rounded card, a hatch at a scale that is not whole", arguments: [
        ##"<rect x="10" y="10" width="80" height="40" fill="#1f3a5f"/><circle cx="140" cy="40" r="20" fill="#b5532e" stroke="#000000" stroke-width="2"/>"##,
        ##"<text x="100" y="40" text-anchor="middle" fill="#000000">שלום 2024 (x) abc</text>"##,
        ##"<rect x="20" y="10" width="150" height="60" rx="3" fill="#ffffff" stroke="#000000" stroke-width="1.5" stroke-dasharray="3 2"/>"##,
        ##"<defs><pattern id="h" patternUnits="userSpaceOnUse" width="5" height="5"><path d="M0 5L5 0M-1 1L1 -1M4 6L6 4" stroke="#333333" stroke-width="1.2"/></pattern></defs><rect x="10" y="10" width="180" height="60" fill="url(#h)" stroke="#000000"/>"##,
    ])
    func paintedAsLibrsvgDraws(body: String) throws {
        let svg = Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80" font-family="Carlito, sans-serif" font-size="13.8"><rect width="200" height="80" fill="#ffffff"/>\##(body)</svg>"##.utf8)
        #expect(ChartScene(svg: svg) != nil)
        // 413 pixels for 200 units: a scale of 2.065, so tiles and edges fall between pixels.
        let painted = try SVGRasterizer.png(fromSVG: svg, width: 413, height: 165)
        let drawn = try SVGRasterizer.png(fromSVG: svg, width: 413, height: 165, renderer: .librsvg)
        let difference = try Self.difference(painted, drawn)
        #expect(difference.block < Self.sameBlock && difference.colour < 1, "\(difference)")
    }

    @Test("A pattern tile too large to paint at the picture's size is left to librsvg, whole")
    func largeTileIsLeftToLibrsvg() throws {
        let svg = Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80" font-family="Carlito" font-size="13.8"><defs><pattern id="wide" patternUnits="userSpaceOnUse" width="2100" height="1"><path d="M0 0L5 1" stroke="#000000"/></pattern></defs><rect width="200" height="80" fill="url(#wide)"/></svg>"##.utf8)
        #expect(ChartScene(svg: svg) != nil, "readable, but 4200 pixels wide at twice the size")
        #expect(try SVGRasterizer.png(fromSVG: svg, width: 400, height: 160) == (try SVGRasterizer.png(fromSVG: svg, width: 400, height: 160, renderer: .librsvg)))
    }
}
