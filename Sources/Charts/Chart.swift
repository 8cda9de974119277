import XMLSupport

/// A drawn chart: its size, what it says to a reader who cannot see it, and its marks.
struct Chart {
    var width: Double
    var height: Double
    /// A short name, the picture's `<title>` (Word's alt-text title, the Markdown alt text).
    var title: String
    /// What the picture shows, in sentences: its `<desc>`.
    var description: String
    var canvas: SVGCanvas

    static let namespace = "http://www.w3.org/2000/svg"
    /// Calibri's metric twin first, so a picture drawn for Word measures as Word's text does.
    static let fontFamily = "Carlito, Calibri, 'Liberation Sans', Arial, sans-serif"

    /// The `<svg>` element; `id` prefixes the ids inside it, unique on a page of charts.
    func svg(id: String) -> XMLOutputElement {
        let titleID = "chart-\(id)-title"
        let descriptionID = "chart-\(id)-desc"
        var children: [XMLOutputNode] = [
            .element(SVGCanvas.element("title", ["id": titleID], text: title)),
            .element(SVGCanvas.element("desc", ["id": descriptionID], text: description)),
        ]
        // A white ground: a PNG drawn from the picture is not transparent in Word.
        children.append(.element(SVGCanvas.element("rect", ["width": SVGCanvas.number(width), "height": SVGCanvas.number(height), "fill": "#ffffff"])))
        children += canvas.nodes
        return XMLOutputElement(
            name: "svg", namespaceURI: Self.namespace,
            attributes: [
                "width": SVGCanvas.number(width), "height": SVGCanvas.number(height),
                "viewBox": "0 0 \(SVGCanvas.number(width)) \(SVGCanvas.number(height))",
                "role": "img", "aria-labelledby": "\(titleID) \(descriptionID)", "class": "chart chart-\(id)",
                "font-family": Self.fontFamily, "font-size": SVGCanvas.number(11 * SVGCanvas.fontScale),
            ],
            children: children)
    }
}
