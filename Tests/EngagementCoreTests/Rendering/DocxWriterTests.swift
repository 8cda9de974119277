import Foundation
import Rendering
import Testing
import XMLSupport

/// The Word document's own rules, each checked on a small XHTML document: what Word would
/// call damaged (a cell without a paragraph, merged adjacent tables), numbering that
/// restarts per list, links to bookmarks Word accepts, text XML cannot hold, the house
/// style in the styles, charts as pictures, and the same bytes every time.
@Suite("DOCX writer")
struct DocxWriterTests {
    static func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLOutputNode] = []) -> XMLOutputElement {
        XMLOutputElement(name: name, attributes: attributes, children: children)
    }

    static func text(_ name: String, _ text: String, _ attributes: [String: String] = [:]) -> XMLOutputNode {
        .element(element(name, attributes, [.text(text)]))
    }

    /// An XHTML document with `head` children and `body` children.
    static func document(head: [XMLOutputNode] = [], _ body: [XMLOutputNode]) -> XMLOutputElement {
        element("html", [:], [.element(element("head", [:], [text("title", "Strategy: Client")] + head)), .element(element("body", [:], body))])
    }

    static func part(_ root: XMLOutputElement, _ path: String) throws -> SourceElement {
        let part = try #require(DocxWriter.parts(of: root).first { $0.path == path })
        return try XMLDocument.parse(bytes: part.bytes, fileName: path).root
    }

    static func descendants(_ element: SourceElement, named name: String) -> [SourceElement] {
        element.elements.flatMap { ($0.name == name ? [$0] : []) + descendants($0, named: name) }
    }

    static func table(_ cells: [String]) -> XMLOutputNode {
        .element(element("table", [:], [.element(element("tbody", [:], [.element(element("tr", [:], cells.map { text("td", $0) }))]))]))
    }

    @Test("Adjacent tables get a paragraph between them, every cell ends in a paragraph, and the body ends in one")
    func tablesKeepWordsRules() throws {
        let root = Self.document([.element(Self.element("section", ["id": "s"], [Self.text("h2", "Tables"), Self.table(["a", ""]), Self.table(["b"])]))])
        let body = try #require(try Self.part(root, "word/document.xml").element(named: "body"))
        let kinds = body.elements.map(\.name)
        let tables = kinds.indices.filter { kinds[$0] == "tbl" }
        #expect(tables.count == 2)
        #expect(tables[1] - tables[0] == 2 && kinds[tables[0] + 1] == "p", "\(kinds)")
        #expect(kinds.suffix(2) == ["p", "sectPr"])
        for cell in Self.descendants(body, named: "tc") {
            #expect(cell.elements.last?.name == "p")
        }
    }

    @Test("Each ordered list restarts at 1 with a numbering of its own; bullets share one; abstract numberings come first")
    func orderedListsRestart() throws {
        let list = { (name: String) -> XMLOutputNode in .element(Self.element(name, [:], [Self.text("li", "one"), Self.text("li", "two")])) }
        let root = Self.document([list("ol"), list("ul"), list("ol")])
        let body = try #require(try Self.part(root, "word/document.xml").element(named: "body"))
        let numbers = Self.descendants(body, named: "numId").compactMap { $0.word("val") }
        #expect(numbers == ["2", "2", "1", "1", "3", "3"])
        let numbering = try Self.part(root, "word/numbering.xml")
        let kinds = numbering.elements.map(\.name)
        #expect(kinds == ["abstractNum", "abstractNum", "num", "num", "num"])
        #expect(Self.descendants(numbering, named: "startOverride").count == 2)
    }

    @Test("Element ids become bookmarks Word accepts, and links to them point at those bookmarks", arguments: [
        ("summary", "summary"),
        ("1st-stage", "s1st_stage"),
        ("touchpoint-a-very-long-identifier-that-goes-on-past-forty", "touchpoint_a_very_long_identifier_that_g"),
    ])
    func bookmarksAndLinks(id: String, bookmark: String) throws {
        let link = XMLOutputNode.element(Self.element("p", [:], [.text("See "), .element(Self.element("a", ["href": "#\(id)"], [.text("there")])), .text(".")]))
        let root = Self.document([link, .element(Self.element("section", ["id": id], [Self.text("h2", "Target")]))])
        let body = try Self.part(root, "word/document.xml")
        #expect(Self.descendants(body, named: "bookmarkStart").compactMap { $0.word("name") }.contains(bookmark))
        #expect(Self.descendants(body, named: "hyperlink").first?.word("anchor") == bookmark)
        #expect(bookmark.count <= 40)
    }

    @Test("Whitespace collapses as a browser shows it; characters XML cannot hold are dropped")
    func textIsCleaned() throws {
        let paragraph = XMLOutputNode.element(Self.element("p", [:], [.text("  Hello \n  \u{1}big"), .element(Self.element("strong", [:], [.text(" world\u{FFFE} ")])), .text(" !")]))
        let body = try Self.part(Self.document([paragraph]), "word/document.xml")
        let runs = Self.descendants(body, named: "t").map(\.textContent)
        #expect(runs.joined() == "Hello big world !")
        #expect(runs == ["Hello big", " world", " !"])
    }

    @Test("The house style of the head reaches the styles and the page: colours, fonts, Letter size")
    func houseStyleInStyles() throws {
        let head: [XMLOutputNode] = [
            .element(Self.element("meta", ["name": "colour-primary", "content": "#0B5D4B"])),
            .element(Self.element("meta", ["name": "font-body", "content": "Source Sans 3"])),
            .element(Self.element("meta", ["name": "page-size", "content": "Letter"])),
            .element(Self.element("meta", ["name": "language", "content": "en-US"])),
        ]
        let root = Self.document(head: head, [Self.text("h2", "Heading")])
        let styles = try Self.part(root, "word/styles.xml")
        let heading = try #require(styles.elements.first { $0.word("styleId") == "Heading1" })
        #expect(Self.descendants(heading, named: "color").first?.word("val") == "0B5D4B")
        #expect(Self.descendants(styles, named: "rFonts").first?.word("ascii") == "Source Sans 3")
        #expect(Self.descendants(styles, named: "lang").first?.word("val") == "en-US")
        let size = try #require(Self.descendants(try Self.part(root, "word/document.xml"), named: "pgSz").first)
        #expect(size.word("w") == "12240" && size.word("h") == "15840")
    }

    @Test("The contents are a TOC field Word updates on opening, listing the sections until it does")
    func tableOfContentsField() throws {
        let sections: [XMLOutputNode] = ["One", "Two"].map { .element(Self.element("section", ["id": $0.lowercased()], [Self.text("h2", $0)])) }
        let root = Self.document(sections)
        let body = try Self.part(root, "word/document.xml")
        let characters = Self.descendants(body, named: "fldChar")
        #expect(characters.map { $0.word("fldCharType") } == ["begin", "separate", "end"])
        #expect(characters.first?.word("dirty") == "true")
        #expect(Self.descendants(body, named: "instrText").first?.textContent == #" TOC \o "1-3" \h \z \u "#)
        let settings = try Self.part(root, "word/settings.xml")
        #expect(settings.element(named: "updateFields")?.word("val") == "true")
    }

    @Test("The same document gives the same bytes, with fixed entry dates")
    func bytesAreDeterministic() throws {
        let root = Self.document([.element(Self.element("section", ["id": "s"], [Self.text("h2", "Same"), Self.table(["x", "y"])]))])
        let first = DocxWriter.render(root)
        #expect(first == DocxWriter.render(root))
        // The first local file header's date and time (offsets 10-13): 1 January 1980, 00:00.
        #expect(Array(first[10..<14]) == [0, 0, 0x21, 0])
    }
}

// MARK: - Charts

extension DocxWriterTests {
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let description = "Touchpoints a month: 4 in January, 9 in February and 16 in March."

    /// A chart as the templates write it: `width` x `height` CSS pixels, a title, a
    /// description, bars and labels.
    static func chart(_ title: String, width: Int = 680, height: Int = 420) -> XMLOutputElement {
        func svg(_ name: String, _ attributes: [String: String] = [:], text: String? = nil) -> XMLOutputNode {
            .element(XMLOutputElement(name: name, namespaceURI: svgNamespace, attributes: attributes, children: text.map { [.text($0)] } ?? []))
        }
        let bars = [("January", 4), ("February", 9), ("March", 16)].enumerated().flatMap { index, month in
            let x = 80 + index * 180
            return [
                svg("rect", ["x": "\(x)", "y": "\(height - 40 - month.1 * 20)", "width": "120", "height": "\(month.1 * 20)", "fill": "#1F3A5F"]),
                svg("text", ["x": "\(x + 60)", "y": "\(height - 16)", "text-anchor": "middle", "font-size": "14"], text: month.0),
            ]
        }
        return XMLOutputElement(
            name: "svg", namespaceURI: svgNamespace,
            attributes: ["width": "\(width)", "height": "\(height)", "viewBox": "0 0 \(width) \(height)", "role": "img"],
            children: [svg("title", text: title), svg("desc", text: description)] + bars)
    }

    static func figure(_ chart: XMLOutputElement, caption: String? = nil) -> XMLOutputNode {
        .element(element("figure", ["class": "chart"], [.element(chart)] + (caption.map { [text("figcaption", $0)] } ?? [])))
    }

    /// Width and height from a PNG's header.
    static func pixelSize(_ png: [UInt8]) -> (width: Int, height: Int) {
        func integer(at offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(at: 16), integer(at: 20))
    }

    struct Pixels {
        var width: Int
        var height: Int
        var bytes: [UInt8]
        func rgb(_ x: Int, _ y: Int) -> [UInt8] { Array(bytes[(y * width + x) * 3..<(y * width + x) * 3 + 3]) }
        /// Each pixel's green, which is its grey in a grey picture.
        var greys: [UInt8] { stride(from: 1, to: bytes.count, by: 3).map { bytes[$0] } }
    }

    /// The PNG's colour type: 0 grey, 2 RGB.
    static func colourType(_ png: [UInt8]) -> UInt8 { png[25] }

    /// The pixels of an 8-bit grey or RGB PNG, as RGB, inflated by zlib and unfiltered here:
    /// a reader apart from the rasterizer's encoder, to check it.
    static func rgbPixels(_ png: [UInt8]) throws -> Pixels {
        var data: [UInt8] = []
        var offset = 8
        func integer(at offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 8 <= png.count {
            let length = integer(at: offset)
            if png[offset + 4..<offset + 8].elementsEqual("IDAT".utf8) { data += png[offset + 8..<offset + 8 + length] }
            offset += 12 + length
        }
        let (width, height) = pixelSize(png)
        try #require(png[24] == 8 && (png[25] == 0 || png[25] == 2) && png[28] == 0, "8-bit grey or RGB, not interlaced")
        let channels = png[25] == 0 ? 1 : 3
        typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32
        let zlib = try #require(dlopen("libz.so.1", RTLD_NOW))
        let uncompress = unsafeBitCast(try #require(dlsym(zlib, "uncompress")), to: Uncompress.self)
        let rowLength = 1 + channels * width
        var rows = [UInt8](repeating: 0, count: rowLength * height)
        var length = UInt(rows.count)
        try #require(uncompress(&rows, &length, data, UInt(data.count)) == 0 && length == UInt(rows.count))
        let rowBytes = channels * width
        var samples = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            let filter = rows[y * rowLength]
            for x in 0..<rowBytes {
                let left = x >= channels ? Int(samples[y * rowBytes + x - channels]) : 0
                let up = y > 0 ? Int(samples[(y - 1) * rowBytes + x]) : 0
                let upLeft = x >= channels && y > 0 ? Int(samples[(y - 1) * rowBytes + x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                default:
                    let estimate = left + up - upLeft
                    let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft
                }
                samples[y * rowBytes + x] = UInt8(truncatingIfNeeded: Int(rows[y * rowLength + 1 + x]) + predictor)
            }
        }
        let pixels = channels == 3 ? samples : samples.flatMap { [$0, $0, $0] }
        return Pixels(width: width, height: height, bytes: pixels)
    }

    @Test("A chart is a centred picture kept with its caption: PNG and SVG in word/media, alt text from its title and description")
    func chartIsAPicture() throws {
        let title = "Touchpoints by month"
        let root = Self.document([.element(Self.element("section", ["id": "s"], [Self.text("h2", "Charts"), Self.figure(Self.chart(title), caption: "Figure 1. Touchpoints")]))])
        let parts = DocxWriter.parts(of: root)

        let png = try #require(parts.first { $0.path == "word/media/chart1.png" }).bytes
        #expect(png.starts(with: Self.pngSignature))
        // White around the bars; the middle of March's bar (x 440-560, y 60-380 of 680 x 420) in its colour.
        let pixels = try Self.rgbPixels(png)
        #expect(pixels.rgb(2, 2) == [255, 255, 255])
        #expect(pixels.rgb(500 * pixels.width / 680, 220 * pixels.height / 420) == [0x1F, 0x3A, 0x5F])
        let svg = try XMLDocument.parse(bytes: try #require(parts.first { $0.path == "word/media/chart1.svg" }).bytes, fileName: "chart1.svg").root
        #expect(svg.name == "svg" && svg.namespaceURI == Self.svgNamespace)
        #expect(svg.element(named: "title")?.textContent == title)

        let body = try #require(try Self.part(root, "word/document.xml").element(named: "body"))
        let paragraphs = body.elements(named: "p")
        let pictureIndex = try #require(paragraphs.firstIndex { !Self.descendants($0, named: "drawing").isEmpty })
        let picture = paragraphs[pictureIndex]
        let properties = try #require(picture.element(named: "pPr"))
        #expect(properties.element(named: "jc")?.word("val") == "center")
        #expect(properties.element(named: "keepNext") != nil && properties.element(named: "keepNext")?.word("val") == nil)
        let docPr = try #require(Self.descendants(picture, named: "docPr").first)
        #expect(docPr[attribute: "name"] == title)
        #expect(docPr[attribute: "descr"] == "\(title). \(Self.description)")

        let caption = paragraphs[pictureIndex + 1]
        #expect(caption.element(named: "pPr")?.element(named: "pStyle")?.word("val") == "Caption")
        #expect(caption.element(named: "pPr")?.element(named: "keepNext")?.word("val") == "0", "below the chart, the caption ends the figure")
        #expect(Self.descendants(caption, named: "t").map(\.textContent).joined() == "Figure 1. Touchpoints")

        let relationships = try Self.part(root, "word/_rels/document.xml.rels").elements.map { ($0[attribute: "Id"] ?? "", $0[attribute: "Target"] ?? "", $0[attribute: "Type"] ?? "") }
        let pngID = try #require(relationships.first { $0.1 == "media/chart1.png" })
        let svgID = try #require(relationships.first { $0.1 == "media/chart1.svg" })
        #expect(pngID.2.hasSuffix("/image") && svgID.2.hasSuffix("/image"))
        let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        #expect(Self.descendants(picture, named: "blip").first?.attribute("embed", namespaceURI: relationshipsNamespace) == pngID.0)
        #expect(Self.descendants(picture, named: "svgBlip").first?.attribute("embed", namespaceURI: relationshipsNamespace) == svgID.0)

        let types = try Self.part(root, "[Content_Types].xml").elements(named: "Default")
        #expect(types.contains { $0[attribute: "Extension"] == "png" && $0[attribute: "ContentType"] == "image/png" })
        #expect(types.contains { $0[attribute: "Extension"] == "svg" && $0[attribute: "ContentType"] == "image/svg+xml" })
    }

    @Test("A chart is as wide as the text at most, in proportion, never larger than its natural size; its PNG is twice its natural size", arguments: [
        ("A4", 680, 420, 6_120_130, 3_780_080, 1360, 840),
        ("Letter", 680, 420, 6_400_800, 3_953_435, 1360, 840),
        ("A4", 200, 100, 1_905_000, 952_500, 400, 200),
        // As tall as the text less an inch for the caption.
        ("A4", 400, 2000, 1_667_510, 8_337_550, 800, 4000),
    ])
    func chartFitsTheText(page: String, width: Int, height: Int, extentWidth: Int, extentHeight: Int, pixelWidth: Int, pixelHeight: Int) throws {
        let head: [XMLOutputNode] = [.element(Self.element("meta", ["name": "page-size", "content": page]))]
        let root = Self.document(head: head, [Self.figure(Self.chart("Sized", width: width, height: height))])
        let extent = try #require(Self.descendants(try Self.part(root, "word/document.xml"), named: "extent").first)
        #expect(extent[attribute: "cx"] == String(extentWidth) && extent[attribute: "cy"] == String(extentHeight))
        let png = try #require(DocxWriter.parts(of: root).first { $0.path == "word/media/chart1.png" })
        #expect(Self.pixelSize(png.bytes) == (pixelWidth, pixelHeight))
    }

    @Test("Charts are numbered in document order with unique drawing ids, and the document's bytes are the same every time")
    func chartsAreNumberedAndDeterministic() throws {
        let root = Self.document([Self.figure(Self.chart("First")), .element(Self.element("div", [:], [Self.figure(Self.chart("Second"), caption: "Two")]))])
        let parts = DocxWriter.parts(of: root)
        #expect(parts.map(\.path).filter { $0.hasPrefix("word/media/") } == ["word/media/chart1.png", "word/media/chart1.svg", "word/media/chart2.png", "word/media/chart2.svg"])
        let pictures = Self.descendants(try Self.part(root, "word/document.xml"), named: "docPr")
        #expect(pictures.map { $0[attribute: "name"] } == ["First", "Second"])
        #expect(pictures.map { $0[attribute: "id"] } == ["3", "4"], "after the logos' 1 and 2")
        #expect(DocxWriter.render(root) == DocxWriter.render(root))
    }

    @Test("Without librsvg a chart is a line saying which package to install, not a blank picture")
    func chartWithoutLibrsvgSaysWhatToInstall() throws {
        let root = Self.document([Self.figure(Self.chart("Touchpoints by month"), caption: "Figure 1")])
        let missing: DocxWriter.Rasterize = { _, _, _ throws(SVGRasterizer.Error) in throw .libraryMissing("librsvg-2.so.2: cannot open shared object file") }
        let parts = DocxWriter.parts(of: root, rasterize: missing)
        #expect(!parts.contains { $0.path.hasPrefix("word/media/") })
        let document = try XMLDocument.parse(bytes: try #require(parts.first { $0.path == "word/document.xml" }).bytes, fileName: "document.xml").root
        #expect(Self.descendants(document, named: "drawing").isEmpty)
        let texts = Self.descendants(document, named: "p").map { Self.descendants($0, named: "t").map(\.textContent).joined() }
        #expect(texts.contains("[chart: Touchpoints by month — install librsvg2-2 to draw it]"), "\(texts)")
        #expect(SVGRasterizer.Error.libraryMissing("not found").description.contains("apt-get install librsvg2-2"))
    }

    @Test("The rasterizer's PNG reads back as the picture at any size: zlib inflates its strips and checks their Adler-32", arguments: [
        (1, 1), (3, 5), (7, 2), (680, 3), (2, 999),
    ])
    func rasterizerPNGReadsBack(width: Int, height: Int) throws {
        // Black on the left half, white on the right.
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1" preserveAspectRatio="none"><rect width="1" height="1"/></svg>"#
        let pixels = try Self.rgbPixels(try SVGRasterizer.png(fromSVG: Array(svg.utf8), width: width, height: height))
        #expect(pixels.width == width && pixels.height == height)
        if width > 1 {
            #expect(pixels.rgb(0, 0) == [0, 0, 0] && pixels.rgb(width - 1, height - 1) == [255, 255, 255])
        } else {
            #expect(pixels.rgb(0, 0) == [127, 127, 127], "half black, half white")
        }
    }

    @Test("A picture all in greys is written as an 8-bit grey PNG, one with a colour as RGB, and both read back as drawn")
    func greyPicturesAreGreyPNGs() throws {
        func picture(fill: String) -> [UInt8] {
            Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="4" height="2" fill="#ffffff"/><rect width="2" height="2" fill="\##(fill)"/></svg>"##.utf8)
        }
        let grey = try SVGRasterizer.png(fromSVG: picture(fill: "#404040"), width: 4, height: 2)
        let coloured = try SVGRasterizer.png(fromSVG: picture(fill: "#1f3a5f"), width: 4, height: 2)
        #expect(Self.colourType(grey) == 0 && Self.colourType(coloured) == 2)
        #expect(try Self.rgbPixels(grey).rgb(0, 1) == [0x40, 0x40, 0x40] && Self.rgbPixels(grey).rgb(3, 0) == [255, 255, 255])
        #expect(try Self.rgbPixels(coloured).rgb(1, 1) == [0x1f, 0x3a, 0x5f] && Self.rgbPixels(coloured).rgb(2, 1) == [255, 255, 255])
        // Colour only in the last of the strips the rows are encoded in: RGB all the same.
        let lastRow = Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="40"><rect width="4" height="40" fill="#808080"/><rect y="39" width="1" height="1" fill="#ff0000"/></svg>"##.utf8)
        let png = try SVGRasterizer.png(fromSVG: lastRow, width: 4, height: 40)
        let pixels = try Self.rgbPixels(png)
        #expect(Self.colourType(png) == 2 && pixels.rgb(0, 39) == [255, 0, 0] && pixels.rgb(3, 0) == [128, 128, 128])
    }

    @Test("An SVG logo goes into the page header as a PNG drawn 160 pixels high in its proportions, with the SVG beside it; one librsvg cannot draw leaves the firm's name")
    func svgLogoIsDrawnForTheHeader() throws {
        func logo(_ svg: String) -> XMLOutputNode {
            .element(Self.element("img", ["class": "logo", "alt": "Halden Partners", "src": "data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())"]))
        }
        let drawable = ##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="48" viewBox="0 0 240 48"><rect width="32" height="32" y="8" fill="#1F3A5F"/></svg>"##
        let parts = DocxWriter.parts(of: Self.document([logo(drawable), Self.text("p", "Body.")]))
        let png = try #require(parts.first { $0.path == "word/media/logo.png" })
        #expect(Self.pixelSize(png.bytes) == (800, 160))
        #expect(try Self.rgbPixels(png.bytes).rgb(20, 80) == [0x1F, 0x3A, 0x5F], "the square is drawn")
        #expect(parts.first { $0.path == "word/media/logo.svg" }?.bytes == Array(drawable.utf8))

        let sizeless = DocxWriter.parts(of: Self.document([logo(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#), Self.text("p", "Body.")]))
        #expect(!sizeless.contains { $0.path.hasPrefix("word/media/logo") })
    }

    @Test("The rasterizer draws from many threads at once, each picture the same as drawn alone")
    func rasterizerIsThreadSafe() throws {
        let svg = XMLWriter.serialize(Self.chart("Concurrent"), indent: false)
        let alone = try SVGRasterizer.png(fromSVG: svg, width: 680, height: 420)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var pictures: [[UInt8]] = []
            var failures: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let outcome = Result { () throws(SVGRasterizer.Error) in try SVGRasterizer.png(fromSVG: svg, width: 680, height: 420) }
            results.lock.lock()
            defer { results.lock.unlock() }
            switch outcome {
            case .success(let png): results.pictures.append(png)
            case .failure(let error): results.failures.append(error.description)
            }
        }
        #expect(results.failures.isEmpty, "\(results.failures)")
        #expect(results.pictures.count == 16 && results.pictures.allSatisfy { $0 == alone })
    }

    @Test("python-docx sees each chart as an inline shape with its alt text (Tests/tools/check_docx.py)")
    func pythonDocxSeesTheCharts() throws {
        let body: [XMLOutputNode] = [
            Self.text("h1", "Strategy"),
            .element(Self.element("section", ["id": "charts"], [
                Self.text("h2", "Charts"), Self.figure(Self.chart("First"), caption: "Figure 1. First"), Self.text("p", "Between the charts."),
                Self.figure(Self.chart("Second"), caption: "Figure 2. Second"),
            ])),
        ]
        var root = Self.document(body)
        root.namespaceURI = "http://www.w3.org/1999/xhtml"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docx = folder.appendingPathComponent("charts.docx")
        let xhtml = folder.appendingPathComponent("charts.xhtml")
        try Data(DocxWriter.render(root)).write(to: docx)
        try Data(XMLWriter.serialize(root)).write(to: xhtml)

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/check_docx.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, docx.path, xhtml.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check_docx.py (python-docx, from .build/test-venv): \(message)")
        struct Summary: Decodable {
            var inline_shapes: Int
            var alt_texts: [String]
        }
        let summary = try JSONDecoder().decode(Summary.self, from: data)
        #expect(summary.inline_shapes == 2)
        #expect(summary.alt_texts == ["First. \(Self.description)", "Second. \(Self.description)"])
    }
}

extension SourceElement {
    /// The WordprocessingML attribute `name` (`w:name`).
    fileprivate func word(_ name: String) -> String? {
        attribute(name, namespaceURI: "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
    }
}
