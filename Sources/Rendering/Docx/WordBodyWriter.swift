import XMLSupport

/// Writes the body of `word/document.xml` from an XHTML `<body>`: blocks become
/// paragraphs in Word's styles, lists numbered paragraphs, tables Word tables with their
/// header row repeated on each page, links hyperlinks to bookmarks or to the web.
///
/// The cover comes first; a table of contents follows on a page of its own, and the
/// sections after it. Word's rules are kept as they are met: every table cell ends in a
/// paragraph, adjacent tables get a paragraph between them (Word would merge them), and
/// the body ends in a paragraph before its section properties. Charts (SVG) become
/// pictures, whose files ``media`` collects.
struct WordBodyWriter {
    let page: WordPage
    var relationships: WordRelationships
    let rasterize: DocxWriter.Rasterize
    let w = XMLStreamWriter()
    /// The charts' PNG and SVG files, in document order.
    var media: [DocxWriter.Part] = []
    var chartsDrawn = 0
    /// How many ordered lists were written: each has its own numbering (``WordParts/numbering(orderedLists:)``).
    private(set) var orderedListCount = 0
    /// The bookmark name of every element id, for links to it.
    var bookmarkNames: [String: String] = [:]
    var bookmarksWritten = 0
    /// Bookmarks to open at the start of the next paragraph.
    var pendingBookmarks: [String] = []
    var pendingPageBreak = false
    /// Whether the next paragraph is the cover's first.
    var coverOpeningPending = false
    var lastBlockWasTable = false
    var externalLinks: [String: String] = [:]

    init(page: WordPage, relationships: WordRelationships, rasterize: @escaping DocxWriter.Rasterize) {
        self.page = page
        self.relationships = relationships
        self.rasterize = rasterize
    }

    /// How a run of text looks.
    struct RunFormat {
        var bold = false
        var italic = false
        var code = false
        var link = false
        var colour: String?
        var verticalAlignment: String?
    }

    /// Where blocks are being written, and how their paragraphs look there.
    struct Place {
        /// The style of plain paragraphs here (Quote inside a callout, TableText in a cell).
        var paragraphStyle = "Normal"
        var inCell = false
        var alignRight = false
    }

    /// A paragraph's own formatting, beyond its style's.
    struct ParagraphFormat {
        /// Whether the paragraph stays on the page of the next; nil: as its style says.
        var keepNext: Bool?
        var centred = false
        /// Single line spacing, for a picture: its line is as tall as the picture, and
        /// Normal's 1.15 lines would add 15% of that above it.
        var singleLine = false
        var spaceAfter: Int?
    }

    // MARK: - Document

    mutating func write(body: XMLOutputElement, headerID: String, footerID: String, firstHeaderID: String, firstFooterID: String) {
        w.start("w:document", [
            "xmlns:w": WordNamespace.main, "xmlns:r": WordNamespace.relationships, "xmlns:wp": WordNamespace.drawing,
            "xmlns:a": WordNamespace.drawingMain, "xmlns:pic": WordNamespace.picture,
        ])
        w.start("w:body")
        var usedNames: Set<String> = []
        nameBookmarks(in: body, used: &usedNames)
        let contents = tableOfContentsEntries(body)
        if case .element(let first)? = body.children.first(where: { if case .element = $0 { true } else { false } }) {
            coverOpeningPending = first.name == "section" && first.attributes["id"] == "cover"
        }
        var contentsWritten = contents.isEmpty
        var wroteAnything = false
        for child in body.children {
            // The contents go after the cover, before the first section with a heading.
            if !contentsWritten, case .element(let element) = child, element.name == "section", Self.heading(of: element) != nil {
                if wroteAnything { pendingPageBreak = true }
                writeTableOfContents(contents)
                pendingPageBreak = true
                contentsWritten = true
            }
            writeBlocks([child], place: Place())
            wroteAnything = true
        }
        if lastBlockWasTable || !wroteAnything { emptyParagraph(style: "Normal") }
        w.start("w:sectPr")
        w.empty("w:headerReference", ["w:type": "default", "r:id": headerID])
        w.empty("w:headerReference", ["w:type": "first", "r:id": firstHeaderID])
        w.empty("w:footerReference", ["w:type": "default", "r:id": footerID])
        w.empty("w:footerReference", ["w:type": "first", "r:id": firstFooterID])
        w.empty("w:pgSz", ["w:w": String(page.width), "w:h": String(page.height)])
        w.empty("w:pgMar", [
            "w:top": String(page.margin), "w:right": String(page.margin), "w:bottom": String(page.margin),
            "w:left": String(page.margin), "w:header": "567", "w:footer": "567", "w:gutter": "0",
        ])
        // The cover is the first page: it has a header and footer of its own.
        w.empty("w:titlePg")
        w.end()
        w.end()
        w.end()
    }

    func finish() -> [UInt8] { w.finish() }

    /// Gives every element id a bookmark name Word accepts: letters, digits and
    /// underscores, starting with a letter, at most 40 characters, unique.
    mutating func nameBookmarks(in element: XMLOutputElement, used: inout Set<String>) {
        for case .element(let child) in element.children {
            if let id = child.attributes["id"], bookmarkNames[id] == nil {
                var name = String(id.unicodeScalars.map { $0.isASCIIAlphanumeric ? Character($0) : "_" })
                if !(name.unicodeScalars.first?.isASCIILetter ?? false) { name = "s" + name }
                name = String(name.prefix(40))
                var unique = name
                var counter = 2
                while used.contains(unique) {
                    let suffix = "_\(counter)"
                    unique = String(name.prefix(40 - suffix.count)) + suffix
                    counter += 1
                }
                used.insert(unique)
                bookmarkNames[id] = unique
            }
            nameBookmarks(in: child, used: &used)
        }
    }

    /// The first heading directly inside a section.
    static func heading(of section: XMLOutputElement) -> XMLOutputElement? {
        section.elements.first { ["h1", "h2", "h3"].contains($0.name) }
    }

    func tableOfContentsEntries(_ body: XMLOutputElement) -> [(text: String, bookmark: String?)] {
        body.elements.compactMap { section in
            guard section.name == "section", let heading = Self.heading(of: section) else { return nil }
            return (heading.textContent.collapsingXMLWhitespace(), section.attributes["id"].flatMap { bookmarkNames[$0] })
        }
    }

    /// A Word table-of-contents field whose shown result lists the sections (as the HTML's
    /// contents do) until Word updates it with page numbers on opening.
    mutating func writeTableOfContents(_ entries: [(text: String, bookmark: String?)]) {
        startParagraph(style: "TOCHeading")
        WordRun.text(w, "Contents")
        w.end()
        for (index, entry) in entries.enumerated() {
            startParagraph(style: "TOC1")
            if index == 0 {
                fieldCharacter("begin", dirty: true)
                w.start("w:r")
                w.element("w:instrText", ["xml:space": "preserve"], text: #" TOC \o "1-3" \h \z \u "#)
                w.end()
                fieldCharacter("separate")
            }
            if let bookmark = entry.bookmark {
                w.start("w:hyperlink", ["w:anchor": bookmark, "w:history": "1"])
                WordRun.text(w, entry.text)
                w.end()
            } else {
                WordRun.text(w, entry.text)
            }
            if index == entries.count - 1 { fieldCharacter("end") }
            w.end()
        }
        lastBlockWasTable = false
    }

    func fieldCharacter(_ type: String, dirty: Bool = false) {
        w.start("w:r")
        w.start("w:fldChar", ["w:fldCharType": type])
        if dirty { w.attribute("w:dirty", "true") }
        w.end()
        w.end()
    }

    // MARK: - Blocks

    /// Writes `nodes`: runs of text and inline elements become paragraphs in the place's
    /// style, block elements are written in turn.
    mutating func writeBlocks(_ nodes: [XMLOutputNode], place: Place) {
        var inline: [XMLOutputNode] = []
        func flush(_ writer: inout WordBodyWriter) {
            defer { inline = [] }
            guard Self.hasText(inline) else { return }
            writer.paragraph(style: place.paragraphStyle, inline: inline, place: place)
        }
        for node in nodes {
            switch node {
            case .text:
                inline.append(node)
            case .element(let element) where Self.isInline(element):
                inline.append(node)
            case .element(let element):
                flush(&self)
                writeBlock(element, place: place)
            }
        }
        flush(&self)
    }

    mutating func writeBlock(_ element: XMLOutputElement, place: Place) {
        if let id = element.attributes["id"], let name = bookmarkNames[id] { pendingBookmarks.append(name) }
        let classes = (element.attributes["class"] ?? "").split(separator: " ")
        switch element.name {
        case "head", "nav", "style", "script", "template", "img":
            return
        case "figure":
            writeFigure(element, place: place)
        case "svg":
            writeChartParagraph(element, keepWithNext: false)
        case "h1":
            paragraph(style: "Title", inline: element.children, place: place)
        case "h2":
            paragraph(style: "Heading1", inline: element.children, place: place)
        case "h3":
            paragraph(style: "Heading2", inline: element.children, place: place)
        case "h4", "h5", "h6":
            paragraph(style: "Heading3", inline: element.children, place: place)
        case "p":
            let style =
                place.inCell ? place.paragraphStyle
                : classes.contains("subtitle") ? "Subtitle" : classes.contains("firm") ? "SmallPrint" : place.paragraphStyle
            writeParagraphContent(element.children, style: style, place: place)
        case "caption", "figcaption":
            paragraph(style: "Caption", inline: element.children, place: place)
        case "ul", "ol":
            writeList(element, level: 0, place: place)
        case "table":
            writeTable(element)
        case "blockquote":
            var quote = place
            if !place.inCell { quote.paragraphStyle = "Quote" }
            writeBlocks(element.children, place: quote)
        case "dl":
            for item in element.elements {
                if item.name == "dt" {
                    paragraph(style: place.inCell ? place.paragraphStyle : "Term", inline: item.children, place: place)
                } else if item.name == "dd" {
                    var definition = place
                    if !place.inCell { definition.paragraphStyle = "Definition" }
                    writeBlocks(item.children, place: definition)
                }
            }
        case "pre":
            paragraph(style: place.paragraphStyle, inline: [.element(XMLOutputElement(name: "code", children: element.children))], place: place, preservingLines: true)
        case "hr":
            emptyParagraph(style: place.paragraphStyle)
        default:
            // Sections, divisions, the cover's header, list items met outside a list...
            if Self.isInlineOnly(element) {
                writeParagraphContent(element.children, style: place.paragraphStyle, place: place)
            } else {
                writeBlocks(element.children, place: place)
            }
        }
    }

    /// A paragraph of `nodes`, or, when they hold blocks (a `<p>` never should), those blocks.
    mutating func writeParagraphContent(_ nodes: [XMLOutputNode], style: String, place: Place) {
        if nodes.allSatisfy({ if case .element(let element) = $0 { return Self.isInline(element) } else { return true } }) {
            if Self.hasText(nodes) { paragraph(style: style, inline: nodes, place: place) }
        } else {
            var inner = place
            inner.paragraphStyle = style
            writeBlocks(nodes, place: inner)
        }
    }

    mutating func writeList(_ list: XMLOutputElement, level: Int, place: Place) {
        var numbering = 1
        if list.name == "ol" {
            orderedListCount += 1
            numbering = orderedListCount + 1
        }
        let style = place.inCell ? place.paragraphStyle : "ListParagraph"
        for item in list.elements where item.name == "li" {
            if let id = item.attributes["id"], let name = bookmarkNames[id] { pendingBookmarks.append(name) }
            var inline: [XMLOutputNode] = []
            var numbered = false
            func flush(_ writer: inout WordBodyWriter) {
                defer { inline = [] }
                guard Self.hasText(inline) else { return }
                writer.paragraph(style: style, inline: inline, place: place, list: numbered ? nil : (level, numbering), indentLevel: level)
                numbered = true
            }
            for node in item.children {
                switch node {
                case .text:
                    inline.append(node)
                case .element(let element) where Self.isInline(element):
                    inline.append(node)
                case .element(let element) where element.name == "ul" || element.name == "ol":
                    flush(&self)
                    writeList(element, level: min(level + 1, 5), place: place)
                    numbered = true
                case .element(let element) where element.name == "p":
                    flush(&self)
                    inline = element.children
                    flush(&self)
                case .element(let element):
                    flush(&self)
                    writeBlock(element, place: place)
                    numbered = true
                }
            }
            flush(&self)
        }
    }

    // MARK: - Paragraphs

    var paragraphsWritten = 0

    mutating func startParagraph(
        style: String, list: (level: Int, numbering: Int)? = nil, indentLevel: Int? = nil, alignRight: Bool = false,
        format: ParagraphFormat = ParagraphFormat()
    ) {
        w.start("w:p")
        let followsTable = lastBlockWasTable
        // Normal is the default paragraph style, and a paragraph without properties needs
        // no w:pPr: leaving them out keeps the part (and the zip's work) small.
        // The cover starts a quarter of the way down its page, below the letterhead.
        let opensCover = coverOpeningPending
        coverOpeningPending = false
        let spaceBefore = followsTable ? 200 : opensCover ? 2800 : nil
        let hasProperties =
            style != "Normal" || pendingPageBreak || list != nil || spaceBefore != nil || indentLevel != nil || alignRight
            || format.keepNext != nil || format.centred || format.singleLine || format.spaceAfter != nil
        if hasProperties { w.start("w:pPr") }
        if style != "Normal" { w.empty("w:pStyle", ["w:val": style]) }
        if let keepNext = format.keepNext { w.empty("w:keepNext", keepNext ? [:] : ["w:val": "0"]) }
        if pendingPageBreak {
            w.empty("w:pageBreakBefore")
            pendingPageBreak = false
        }
        if let list {
            w.start("w:numPr")
            w.empty("w:ilvl", ["w:val": String(list.level)])
            w.empty("w:numId", ["w:val": String(list.numbering)])
            w.end()
        }
        // Word puts no space between a table and the paragraph after it.
        if spaceBefore != nil || format.spaceAfter != nil || format.singleLine {
            w.start("w:spacing")
            if let spaceBefore { w.attribute("w:before", String(spaceBefore)) }
            if let spaceAfter = format.spaceAfter { w.attribute("w:after", String(spaceAfter)) }
            if format.singleLine {
                w.attribute("w:line", "240")
                w.attribute("w:lineRule", "auto")
            }
            w.end()
        }
        if list == nil, let indentLevel {
            // A list item's second paragraph lines up with its first.
            w.empty("w:ind", ["w:left": String(360 * (indentLevel + 1))])
        }
        if alignRight || format.centred { w.empty("w:jc", ["w:val": alignRight ? "right" : "center"]) }
        if hasProperties { w.end() }
        for name in pendingBookmarks {
            let id = String(bookmarksWritten)
            bookmarksWritten += 1
            w.empty("w:bookmarkStart", ["w:id": id, "w:name": name])
            w.empty("w:bookmarkEnd", ["w:id": id])
        }
        pendingBookmarks = []
        paragraphsWritten += 1
        lastBlockWasTable = false
    }

    mutating func emptyParagraph(style: String) {
        startParagraph(style: style)
        w.end()
    }

    mutating func paragraph(
        style: String, inline: [XMLOutputNode], place: Place, list: (level: Int, numbering: Int)? = nil, indentLevel: Int? = nil,
        preservingLines: Bool = false
    ) {
        startParagraph(style: style, list: list, indentLevel: indentLevel, alignRight: place.alignRight)
        var spacing = Spacing(preservingLines: preservingLines)
        writeInline(inline, format: RunFormat(), spacing: &spacing)
        w.end()
    }

    // MARK: - Element kinds

    /// Elements that sit inside a line of text.
    static let inlineNames: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]

    static func isInline(_ element: XMLOutputElement) -> Bool { inlineNames.contains(element.name) }

    static func isInlineOnly(_ element: XMLOutputElement) -> Bool {
        element.children.allSatisfy { if case .element(let child) = $0 { return isInline(child) } else { return true } }
    }

    static func hasText(_ nodes: [XMLOutputNode]) -> Bool {
        nodes.contains { node in
            switch node {
            case .text(let text): !text.allSatisfy(\.isWhitespace)
            case .element(let element): element.name == "br" || hasText(element.children)
            }
        }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIILetter || ("0"..."9").contains(self) }
}
