import Foundation
import Synchronization
import XMLSupport

/// The namespaces of the parts a DOCX holds.
enum WordNamespace {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let drawing = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let drawingMain = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let picture = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    static let svg = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
}

/// Page size and margins, in twentieths of a point (twips), as Word measures them.
struct WordPage {
    let width: Int
    let height: Int
    let margin: Int

    init(size: DocumentHead.PageSize) {
        switch size {
        case .a4: (width, height, margin) = (11_906, 16_838, 1_134)  // 210 x 297 mm, 2 cm margins
        case .letter: (width, height, margin) = (12_240, 15_840, 1_080)  // 8.5 x 11 in, 0.75 in margins
        }
    }

    /// The width between the margins.
    var textWidth: Int { width - 2 * margin }
    /// The height between the margins.
    var textHeight: Int { height - 2 * margin }
}

/// The relationships of one part, numbered `rId1`, `rId2`, ... in the order added.
struct WordRelationships {
    private(set) var entries: [(id: String, type: String, target: String, external: Bool)] = []

    /// Adds a relationship of `type` (the last segment of its Office type URI) and returns its id.
    @discardableResult
    mutating func add(type: String, target: String, external: Bool = false) -> String {
        let id = "rId\(entries.count + 1)"
        entries.append((id, type, target, external))
        return id
    }

    func bytes() -> [UInt8] {
        let writer = XMLStreamWriter()
        writer.start("Relationships", ["xmlns": WordNamespace.packageRelationships])
        for entry in entries {
            writer.start("Relationship", ["Id": entry.id, "Type": WordNamespace.officeRelationshipTypes + entry.type, "Target": entry.target])
            if entry.external { writer.attribute("TargetMode", "External") }
            writer.end()
        }
        return writer.finish()
    }
}

/// The firm's logo, for the page header: the first `<img class="logo">` of the body, as
/// PNG (drawn from its `src` when that is SVG, which Word needs beside the SVG).
struct WordLogo {
    /// The height an SVG logo's PNG is drawn at: sharp in a page header when printed.
    static let pixelHeight = 160

    var png: [UInt8]
    var svg: [UInt8]?
    var description: String
    /// Pixel size of the PNG, for the aspect ratio.
    var pixelWidth: Int
    var pixelHeight: Int

    /// The logo of `element`, or nil when it has none or its SVG cannot be drawn (the header
    /// then names the firm).
    static func find(in element: XMLOutputElement) -> WordLogo? {
        for child in element.elements {
            if child.name == "img", isLogo(child), let source = DataURL(child.attributes["src"] ?? "") {
                let svg = source.mediaType == "image/svg+xml" ? source.bytes : nil
                guard let png = svg.map(drawing) ?? (source.mediaType == "image/png" ? source.bytes : nil), let size = pngSize(png) else { continue }
                return WordLogo(png: png, svg: svg, description: child.attributes["alt"] ?? "Logo", pixelWidth: size.width, pixelHeight: size.height)
            }
            if let found = find(in: child) { return found }
        }
        return nil
    }

    /// The PNG of an SVG logo, drawn once per process: the four documents of every pack of
    /// a batch carry the same logo.
    private static func drawing(of svg: [UInt8]) -> [UInt8]? {
        if let known = drawings.withLock({ $0[svg] }) { return known }
        let png = try? SVGRasterizer.png(fromSVG: svg, height: pixelHeight)
        drawings.withLock { drawings in
            if drawings.count >= 8 { drawings.removeAll() }
            drawings[svg] = png
        }
        return png
    }

    private static let drawings = Mutex<[[UInt8]: [UInt8]?]>([:])

    static func isLogo(_ element: XMLOutputElement) -> Bool {
        element.name == "img" && (element.attributes["class"] ?? "").split(separator: " ").contains("logo")
    }

    /// Width and height from a PNG's header chunk.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        func integer(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        let size = (integer(at: 16), integer(at: 20))
        return size.0 > 0 && size.1 > 0 ? size : nil
    }
}

/// A `data:` URL's media type and decoded bytes (base64 only).
struct DataURL {
    let mediaType: String
    let bytes: [UInt8]

    init?(_ text: String) {
        guard text.hasPrefix("data:"), let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else { return nil }
        let header = text[text.index(text.startIndex, offsetBy: 5)..<comma]
        guard let data = Data(base64Encoded: String(text[text.index(after: comma)...])) else { return nil }
        mediaType = String(header.dropLast(";base64".count))
        bytes = [UInt8](data)
    }
}
