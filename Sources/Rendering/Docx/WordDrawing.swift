import XMLSupport

/// An inline picture, `w:drawing/wp:inline`, as the logo in the page header and the charts
/// in the body are written: a PNG, and beside it an SVG that Word 2016 and later draw
/// instead (older readers and LibreOffice keep to the PNG).
struct WordDrawing {
    /// DrawingML measures in EMUs, 914,400 an inch: a CSS pixel (1/96 inch) is 9,525.
    static let emusPerPixel = 9_525
    /// A twip, 1/1440 inch, as WordprocessingML measures the page.
    static let emusPerTwip = 635
    /// The `wp:docPr` id of the first chart: the logo takes 1 in the page header, 2 on the cover.
    static let firstChartID = 3

    var width: Int
    var height: Int
    /// The `wp:docPr` id, unique across all the document's parts.
    var id: Int
    /// What Word's selection pane names the picture.
    var name: String
    /// The alt text.
    var description: String
    /// The picture's file name, which `pic:cNvPr` repeats.
    var fileName: String
    var pngRelationship: String
    var svgRelationship: String?

    /// Writes the `w:drawing` element, children in schema order.
    func write(to w: XMLStreamWriter) {
        w.start("w:drawing")
        w.start("wp:inline", ["distT": "0", "distB": "0", "distL": "0", "distR": "0"])
        w.empty("wp:extent", ["cx": String(width), "cy": String(height)])
        w.empty("wp:docPr", ["id": String(id), "name": name, "descr": description])
        w.start("wp:cNvGraphicFramePr")
        w.empty("a:graphicFrameLocks", ["noChangeAspect": "1"])
        w.end()
        w.start("a:graphic")
        w.start("a:graphicData", ["uri": WordNamespace.picture])
        w.start("pic:pic")
        w.start("pic:nvPicPr")
        w.empty("pic:cNvPr", ["id": "0", "name": fileName, "descr": description])
        w.empty("pic:cNvPicPr")
        w.end()
        w.start("pic:blipFill")
        w.start("a:blip", ["r:embed": pngRelationship])
        if let svgRelationship {
            w.start("a:extLst")
            w.start("a:ext", ["uri": "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"])
            w.empty("asvg:svgBlip", ["xmlns:asvg": WordNamespace.svg, "r:embed": svgRelationship])
            w.end()
            w.end()
        }
        w.end()
        w.start("a:stretch")
        w.empty("a:fillRect")
        w.end()
        w.end()
        w.start("pic:spPr")
        w.start("a:xfrm")
        w.empty("a:off", ["x": "0", "y": "0"])
        w.empty("a:ext", ["cx": String(width), "cy": String(height)])
        w.end()
        w.start("a:prstGeom", ["prst": "rect"])
        w.empty("a:avLst")
        w.end()
        w.end()
        w.end()
        w.end()
        w.end()
        w.end()
        w.end()
    }
}
