import Foundation
import XMLSupport
import ZIPFoundation

/// Writes a rendered XHTML document as a Word document (WordprocessingML in a zip, DESIGN
/// section 15): Word's own styles (Title, Heading 1-3, lists through numbering.xml,
/// tables with a header row), the house style of the document's head in those styles,
/// the firm's logo in the page header, the revision and page numbers in the footer, a
/// table of contents field that Word fills on opening, and charts as pictures (PNG, with
/// the SVG beside it for Word 2016 and later).
///
/// Every XML part is written through libxml2 (``XMLStreamWriter``) with its children in
/// the order the schema gives; the zip has fixed timestamps and a fixed order of entries,
/// so the same document gives the same bytes.
public enum DocxWriter {
    /// One file of the package.
    public struct Part: Sendable {
        public var path: String
        public var bytes: [UInt8]
        /// Whether the part is XML (text that placeholders can be replaced in) rather than media.
        public var isXML: Bool
    }

    /// Draws a chart's SVG as a PNG of `pixelWidth` x `pixelHeight`.
    public typealias Rasterize = (_ svg: [UInt8], _ pixelWidth: Int, _ pixelHeight: Int) throws(SVGRasterizer.Error) -> [UInt8]

    /// The pixels of the PNG a Word document carries for the chart `svg`; nil when it is not a chart.
    public static func chartPixelSize(of svg: XMLOutputElement) -> (width: Int, height: Int)? {
        WordChart(svg)?.pixelSize
    }

    /// Draws in this process (``SVGRasterizer``), at the resolution of the chart as printed.
    public static func drawChart(_ svg: [UInt8], pixelWidth: Int, pixelHeight: Int) throws(SVGRasterizer.Error) -> [UInt8] {
        try SVGRasterizer.png(fromSVG: svg, width: pixelWidth, height: pixelHeight, dotsPerInch: WordChart.dotsPerInch)
    }

    /// The Word document for `root`, the `<html>` element of an XHTML document.
    ///
    /// - Parameter rasterize: draws the charts' PNGs; a chart it cannot draw is a line of
    ///   text saying why (``SVGRasterizer/Error/libraryMissing(_:)``: which package to install).
    public static func render(_ root: XMLOutputElement, rasterize: @escaping Rasterize = drawChart) -> [UInt8] {
        package(parts(of: root, rasterize: rasterize))
    }

    /// The parts of the Word document for `root`, in the order they are zipped; `rasterize`
    /// as for ``render(_:rasterize:)``.
    public static func parts(of root: XMLOutputElement, rasterize: @escaping Rasterize = drawChart) -> [Part] {
        let head = DocumentHead(document: root)
        let body = root.elements.first { $0.name == "body" } ?? XMLOutputElement(name: "body")
        let title = root.elements.first { $0.name == "head" }?.elements.first { $0.name == "title" }?.textContent.collapsingXMLWhitespace() ?? ""
        let page = WordPage(size: head.pageSize)
        let logo = WordLogo.find(in: body)

        var relationships = WordRelationships()
        relationships.add(type: "styles", target: "styles.xml")
        relationships.add(type: "numbering", target: "numbering.xml")
        relationships.add(type: "settings", target: "settings.xml")
        let headerID = relationships.add(type: "header", target: "header1.xml")
        let footerID = relationships.add(type: "footer", target: "footer1.xml")
        let firstHeaderID = relationships.add(type: "header", target: "header2.xml")
        let firstFooterID = relationships.add(type: "footer", target: "footer2.xml")

        var document = WordBodyWriter(page: page, relationships: relationships, rasterize: rasterize)
        document.write(body: body, headerID: headerID, footerID: footerID, firstHeaderID: firstHeaderID, firstFooterID: firstFooterID)
        relationships = document.relationships

        var headerRelationships = WordRelationships()
        var media = document.media
        var logoIDs: (png: String, svg: String?)?
        if let logo {
            let png = headerRelationships.add(type: "image", target: "media/logo.png")
            media.append(Part(path: "word/media/logo.png", bytes: logo.png, isXML: false))
            var svg: String?
            if let svgBytes = logo.svg {
                svg = headerRelationships.add(type: "image", target: "media/logo.svg")
                media.append(Part(path: "word/media/logo.svg", bytes: svgBytes, isXML: false))
            }
            logoIDs = (png, svg)
        }

        var parts: [Part] = [
            Part(
                path: "[Content_Types].xml", bytes: WordParts.contentTypes(hasSVG: logo?.svg != nil || !media.isEmpty, hasPNG: logo != nil || !media.isEmpty),
                isXML: true),
            Part(path: "_rels/.rels", bytes: WordParts.packageRelationships(), isXML: true),
            Part(path: "docProps/core.xml", bytes: WordParts.coreProperties(title: title, head: head), isXML: true),
            Part(path: "docProps/app.xml", bytes: WordParts.appProperties(company: head.firmName), isXML: true),
            Part(path: "word/document.xml", bytes: document.finish(), isXML: true),
            Part(path: "word/_rels/document.xml.rels", bytes: relationships.bytes(), isXML: true),
            Part(path: "word/styles.xml", bytes: WordStyles.bytes(for: head), isXML: true),
            Part(path: "word/numbering.xml", bytes: WordParts.numbering(orderedLists: document.orderedListCount), isXML: true),
            Part(path: "word/settings.xml", bytes: WordParts.settings(language: head.language), isXML: true),
            Part(path: "word/header1.xml", bytes: WordParts.header(logo: logo, ids: logoIDs, firmName: head.firmName, page: page), isXML: true),
            Part(path: "word/footer1.xml", bytes: WordParts.footer(title: title, head: head, page: page), isXML: true),
            // The cover's: the logo larger, at the left, and no footer.
            Part(path: "word/header2.xml", bytes: WordParts.header(logo: logo, ids: logoIDs, firmName: head.firmName, page: page, onCover: true), isXML: true),
            Part(path: "word/footer2.xml", bytes: WordParts.emptyFooter(), isXML: true),
        ]
        if logo != nil {
            parts.append(Part(path: "word/_rels/header1.xml.rels", bytes: headerRelationships.bytes(), isXML: true))
            parts.append(Part(path: "word/_rels/header2.xml.rels", bytes: headerRelationships.bytes(), isXML: true))
        }
        return parts + media
    }

    /// The zip of `parts`, in their order, each entry dated 1 January 1980 (the zip
    /// format's first date) so that the bytes depend on the content alone.
    public static func package(_ parts: [Part]) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            let date = Date(timeIntervalSince1970: 315_532_800)
            for part in parts {
                let data = Data(part.bytes)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                    permissions: 0o644, compressionMethod: part.isXML ? .deflate : .none
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            return [UInt8](archive.data ?? Data())
        } catch {
            // An in-memory archive fails only when memory does.
            preconditionFailure("Could not write a zip in memory: \(error)")
        }
    }
}
