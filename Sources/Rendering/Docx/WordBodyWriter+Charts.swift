import XMLSupport

/// Charts: each `<svg>` a picture centred in a paragraph of its own, as wide as the text at
/// most, its PNG and SVG in `word/media`; a `<figure>`'s caption below it in Caption style,
/// kept on the same page.
extension WordBodyWriter {
    mutating func writeFigure(_ figure: XMLOutputElement, place: Place) {
        var pending: [XMLOutputNode] = []
        var chartWritten = false
        for (index, node) in figure.children.enumerated() {
            guard case .element(let child) = node, ChartImages.isChart(child) || (child.name == "figcaption" && chartWritten) else {
                pending.append(node)
                continue
            }
            writeBlocks(pending, place: place)
            pending = []
            if child.name == "figcaption" {
                guard Self.hasText(child.children) else { continue }
                // Caption keeps with the next paragraph, for a table's caption above it; below a
                // chart it ends the figure and need not.
                startParagraph(style: "Caption", alignRight: place.alignRight, format: ParagraphFormat(keepNext: false))
                var spacing = Spacing()
                writeInline(child.children, format: RunFormat(), spacing: &spacing)
                w.end()
            } else {
                let captionFollows = figure.elements(after: index).contains { $0.name == "figcaption" }
                writeChartParagraph(child, keepWithNext: captionFollows)
                chartWritten = true
            }
        }
        writeBlocks(pending, place: place)
    }

    /// `svg` centred in a paragraph of its own, kept on the page of the next paragraph
    /// (its caption) when `keepWithNext`.
    mutating func writeChartParagraph(_ svg: XMLOutputElement, keepWithNext: Bool) {
        guard let chart = WordChart(svg) else { return }
        startParagraph(
            style: "Normal",
            format: ParagraphFormat(keepNext: keepWithNext ? true : nil, centred: true, singleLine: true, spaceAfter: keepWithNext ? 0 : nil))
        writeChart(chart)
        w.end()
    }

    /// A run holding `chart` as a picture, its PNG and SVG added to ``media``; when the
    /// PNG cannot be drawn, a run of text that says why instead of a blank picture.
    mutating func writeChart(_ chart: WordChart) {
        // A tall chart leaves an inch of the page for its caption, which keeps with it.
        let extent = chart.extent(maximumWidth: page.textWidth * WordDrawing.emusPerTwip, maximumHeight: (page.textHeight - 1_440) * WordDrawing.emusPerTwip)
        let pixels = chart.pixelSize
        let svg = XMLWriter.serialize(chart.svg, indent: false)
        let png: [UInt8]
        do throws(SVGRasterizer.Error) {
            png = try rasterize(svg, pixels.width, pixels.height)
        } catch {
            let name = chart.title.isEmpty ? "chart" : "chart: \(chart.title)"
            switch error {
            case .libraryMissing: run("[\(name) — install \(SVGRasterizer.package) to draw it]", format: RunFormat())
            case .unreadable(let reason): run("[\(name) — it could not be drawn: \(reason)]", format: RunFormat())
            case .invalidSize: run("[\(name) — too large to draw]", format: RunFormat())
            }
            return
        }
        chartsDrawn += 1
        let number = chartsDrawn
        let pngID = relationships.add(type: "image", target: "media/chart\(number).png")
        let svgID = relationships.add(type: "image", target: "media/chart\(number).svg")
        media.append(DocxWriter.Part(path: "word/media/chart\(number).png", bytes: png, isXML: false))
        // XML, so deflated in the zip.
        media.append(DocxWriter.Part(path: "word/media/chart\(number).svg", bytes: svg, isXML: true))
        w.start("w:r")
        WordDrawing(
            width: extent.width, height: extent.height, id: WordDrawing.firstChartID + number - 1, name: chart.title.isEmpty ? "Chart \(number)" : chart.title,
            description: chart.altText, fileName: "chart\(number).png", pngRelationship: pngID, svgRelationship: svgID
        ).write(to: w)
        w.end()
    }
}

extension XMLOutputElement {
    /// The child elements after the child node at `index`.
    fileprivate func elements(after index: Int) -> [XMLOutputElement] {
        children[(index + 1)...].compactMap { if case .element(let element) = $0 { element } else { nil } }
    }
}
