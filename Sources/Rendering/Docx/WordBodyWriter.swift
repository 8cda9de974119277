import XMLSupport

/// Writes the body of `word/document.xml` from an XHTML `<body>`: blocks become
/// paragraphs in Word's styles, lists numbered paragraphs, tables Word tables with their
/// header row repeated on each page, links hyperlinks to bookmarks or to the web.
///
/// The cover comes first; a table of contents follows on a page of its own, and the
/// sections after it. Word's rules are kept as they are met: every table cell ends in a
/// paragraph, adjacent tables get a paragraph between them (Word would merge them), and
/// the body ends in a paragraph before its section properties.
struct WordBodyWriter {
    let page: WordPage
    var relationships: WordRelationships
    private let w = XMLStreamWriter()
    /// How many ordered lists were written: each has its own numbering (``WordParts/numbering(orderedLists:)``).
    private(set) var orderedListCount = 0
    /// The bookmark name of every element id, for links to it.
    private var bookmarkNames: [String: String] = [:]
    private var bookmarksWritten = 0
    /// Bookmarks to open at the start of the next paragraph.
    private var pendingBookmarks: [String] = []
    private var pendingPageBreak = false
    /// Whether the next paragraph is the cover's first.
    private var coverOpeningPending = false
    private var lastBlockWasTable = false
    private var externalLinks: [String: String] = [:]

    init(page: WordPage, relationships: WordRelationships) {
        self.page = page
        self.relationships = relationships
    }

    /// How a run of text looks.
    private struct RunFormat {
        var bold = false
        var italic = false
        var code = false
        var link = false
        var colour: String?
        var verticalAlignment: String?
    }

    /// Where blocks are being written, and how their paragraphs look there.
    private struct Place {
        /// The style of plain paragraphs here (Quote inside a callout, TableText in a cell).
        var paragraphStyle = "Normal"
        var inCell = false
        var alignRight = false
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
    private mutating func nameBookmarks(in element: XMLOutputElement, used: inout Set<String>) {
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

    private func tableOfContentsEntries(_ body: XMLOutputElement) -> [(text: String, bookmark: String?)] {
        body.elements.compactMap { section in
            guard section.name == "section", let heading = Self.heading(of: section) else { return nil }
            return (heading.textContent.collapsingWhitespace, section.attributes["id"].flatMap { bookmarkNames[$0] })
        }
    }

    /// A Word table-of-contents field whose shown result lists the sections (as the HTML's
    /// contents do) until Word updates it with page numbers on opening.
    private mutating func writeTableOfContents(_ entries: [(text: String, bookmark: String?)]) {
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

    private func fieldCharacter(_ type: String, dirty: Bool = false) {
        w.start("w:r")
        w.start("w:fldChar", ["w:fldCharType": type])
        if dirty { w.attribute("w:dirty", "true") }
        w.end()
        w.end()
    }

    // MARK: - Blocks

    /// Writes `nodes`: runs of text and inline elements become paragraphs in the place's
    /// style, block elements are written in turn.
    private mutating func writeBlocks(_ nodes: [XMLOutputNode], place: Place) {
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

    private mutating func writeBlock(_ element: XMLOutputElement, place: Place) {
        if let id = element.attributes["id"], let name = bookmarkNames[id] { pendingBookmarks.append(name) }
        let classes = (element.attributes["class"] ?? "").split(separator: " ")
        switch element.name {
        case "head", "nav", "style", "script", "template", "img":
            return
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
    private mutating func writeParagraphContent(_ nodes: [XMLOutputNode], style: String, place: Place) {
        if nodes.allSatisfy({ if case .element(let element) = $0 { return Self.isInline(element) } else { return true } }) {
            if Self.hasText(nodes) { paragraph(style: style, inline: nodes, place: place) }
        } else {
            var inner = place
            inner.paragraphStyle = style
            writeBlocks(nodes, place: inner)
        }
    }

    private mutating func writeList(_ list: XMLOutputElement, level: Int, place: Place) {
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

    // MARK: - Tables

    private mutating func writeTable(_ table: XMLOutputElement) {
        if lastBlockWasTable { emptyParagraph(style: "Normal") }
        if let caption = table.elements.first(where: { $0.name == "caption" }) {
            paragraph(style: "Caption", inline: caption.children, place: Place())
        }
        var rows: [(row: XMLOutputElement, isHeader: Bool)] = []
        for child in table.elements {
            switch child.name {
            case "tr": rows.append((child, false))
            case "thead", "tbody", "tfoot":
                for row in child.elements where row.name == "tr" { rows.append((row, child.name == "thead")) }
            default: continue
            }
        }
        guard !rows.isEmpty else { return }
        let widths = columnWidths(rows.map(\.row))
        // A bookmark on the table itself goes before it, on the caption if there was one.
        if !pendingBookmarks.isEmpty { emptyParagraph(style: "Normal") }
        w.start("w:tbl")
        w.start("w:tblPr")
        w.empty("w:tblStyle", ["w:val": "EngageTable"])
        w.empty("w:tblW", ["w:w": "5000", "w:type": "pct"])
        w.empty("w:tblLayout", ["w:type": "fixed"])
        w.empty("w:tblLook", ["w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"])
        w.end()
        w.start("w:tblGrid")
        for width in widths { w.empty("w:gridCol", ["w:w": String(width)]) }
        w.end()
        for (row, isHeader) in rows {
            w.start("w:tr")
            w.start("w:trPr")
            w.empty("w:cantSplit")
            if isHeader { w.empty("w:tblHeader") }
            w.end()
            var column = 0
            for cell in row.elements where cell.name == "td" || cell.name == "th" {
                guard column < widths.count else { break }
                let span = max(1, min(Int(cell.attributes["colspan"] ?? "1") ?? 1, widths.count - column))
                writeCell(cell, width: widths[column..<column + span].reduce(0, +), span: span)
                column += span
            }
            while column < widths.count {
                writeCell(XMLOutputElement(name: "td"), width: widths[column], span: 1)
                column += 1
            }
            w.end()
        }
        w.end()
        lastBlockWasTable = true
    }

    private mutating func writeCell(_ cell: XMLOutputElement, width: Int, span: Int) {
        let isHeading = cell.name == "th"
        w.start("w:tc")
        w.start("w:tcPr")
        w.empty("w:tcW", ["w:w": String(width), "w:type": "dxa"])
        if span > 1 { w.empty("w:gridSpan", ["w:val": String(span)]) }
        if isHeading { w.empty("w:shd", ["w:val": "clear", "w:color": "auto", "w:fill": WordStyles.soft]) }
        w.end()
        var place = Place()
        place.inCell = true
        place.paragraphStyle = isHeading ? "TableHeading" : "TableText"
        place.alignRight = (cell.attributes["class"] ?? "").split(separator: " ").contains("number")
        let outer = lastBlockWasTable
        lastBlockWasTable = false
        let before = paragraphsWritten
        writeBlocks(cell.children, place: place)
        // Every cell ends in a paragraph, or Word calls the file damaged.
        if paragraphsWritten == before || lastBlockWasTable { emptyParagraph(style: place.paragraphStyle) }
        lastBlockWasTable = outer
        w.end()
    }

    /// Column widths in twips that fill the text width. Each column is first as wide as
    /// its longest word, which cannot wrap (a header such as "Touchpoints" must not
    /// break); what is left goes to the columns whose text is longer, in proportion to
    /// how much longer (up to 60 characters: text beyond that wraps anyway).
    private func columnWidths(_ rows: [XMLOutputElement]) -> [Int] {
        // An average character of the 9-point table text, and a cell's two margins.
        let character = 100
        let margins = 2 * 85 + 20
        var minimum: [Int] = []
        var wanted: [Int] = []
        for row in rows {
            var column = 0
            for case .element(let cell) in row.children where cell.name == "td" || cell.name == "th" {
                let span = max(1, Int(cell.attributes["colspan"] ?? "1") ?? 1)
                while minimum.count < column + span {
                    minimum.append(4 * character + margins)
                    wanted.append(4 * character + margins)
                }
                if span == 1 {
                    var measure = TextMeasure()
                    measure.add(cell)
                    // Headings are bold: their letters are wider.
                    let wordWidth = measure.longestWord * character * (cell.name == "th" ? 11 : 10) / 10 + margins
                    minimum[column] = max(minimum[column], wordWidth)
                    wanted[column] = max(wanted[column], min(measure.length, 60) * character + margins)
                }
                column += span
            }
        }
        guard !minimum.isEmpty else { return [] }
        let total = page.textWidth
        let floor = minimum.reduce(0, +)
        var widths: [Int]
        if floor >= total {
            widths = minimum.map { total * $0 / floor }
        } else {
            let extra = zip(wanted, minimum).map { max(0, $0 - $1) }
            let extraTotal = extra.reduce(0, +)
            widths = zip(minimum, extra).map { minimum, extra in
                minimum + (extraTotal > 0 ? (total - floor) * extra / extraTotal : (total - floor) / max(1, self.columnCount(of: rows)))
            }
        }
        widths[widths.count - 1] += total - widths.reduce(0, +)
        return widths
    }

    private func columnCount(of rows: [XMLOutputElement]) -> Int {
        rows.map { row in
            row.children.reduce(0) { count, child in
                guard case .element(let cell) = child, cell.name == "td" || cell.name == "th" else { return count }
                return count + max(1, Int(cell.attributes["colspan"] ?? "1") ?? 1)
            }
        }.max() ?? 1
    }

    /// The length of a cell's text and of its longest word, in UTF-8 bytes, whitespace
    /// collapsed: a column's width in proportion, not a typesetter's measure.
    private struct TextMeasure {
        var length = 0
        var longestWord = 0
        private var word = 0
        private var pendingSpace = false

        mutating func add(_ element: XMLOutputElement) {
            for child in element.children {
                switch child {
                case .text(let text):
                    for byte in text.utf8 {
                        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                            if length > 0 { pendingSpace = true }
                            word = 0
                        } else {
                            if pendingSpace { length += 1 }
                            pendingSpace = false
                            length += 1
                            word += 1
                            longestWord = max(longestWord, word)
                        }
                    }
                case .element(let nested):
                    add(nested)
                }
            }
        }
    }

    // MARK: - Paragraphs

    private var paragraphsWritten = 0

    private mutating func startParagraph(style: String, list: (level: Int, numbering: Int)? = nil, indentLevel: Int? = nil, alignRight: Bool = false) {
        w.start("w:p")
        let followsTable = lastBlockWasTable
        // Normal is the default paragraph style, and a paragraph without properties needs
        // no w:pPr: leaving them out keeps the part (and the zip's work) small.
        // The cover starts a quarter of the way down its page, below the letterhead.
        let opensCover = coverOpeningPending
        coverOpeningPending = false
        let hasProperties = style != "Normal" || pendingPageBreak || list != nil || followsTable || indentLevel != nil || alignRight || opensCover
        if hasProperties { w.start("w:pPr") }
        if style != "Normal" { w.empty("w:pStyle", ["w:val": style]) }
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
        if followsTable {
            w.empty("w:spacing", ["w:before": "200"])
        } else if opensCover {
            w.empty("w:spacing", ["w:before": "2800"])
        }
        if list == nil, let indentLevel {
            // A list item's second paragraph lines up with its first.
            w.empty("w:ind", ["w:left": String(360 * (indentLevel + 1))])
        }
        if alignRight { w.empty("w:jc", ["w:val": "right"]) }
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

    private mutating func emptyParagraph(style: String) {
        startParagraph(style: style)
        w.end()
    }

    private mutating func paragraph(
        style: String, inline: [XMLOutputNode], place: Place, list: (level: Int, numbering: Int)? = nil, indentLevel: Int? = nil,
        preservingLines: Bool = false
    ) {
        startParagraph(style: style, list: list, indentLevel: indentLevel, alignRight: place.alignRight)
        var spacing = Spacing(preservingLines: preservingLines)
        writeInline(inline, format: RunFormat(), spacing: &spacing)
        w.end()
    }

    // MARK: - Runs

    /// Whitespace as a browser shows it: runs of it are one space, none at the start or
    /// end of a paragraph.
    private struct Spacing {
        var preservingLines = false
        var atStart = true
        var pendingSpace = false

        mutating func collapse(_ text: String) -> String {
            // By UTF-8 byte: the whitespace is ASCII, and a byte never starts another
            // character's encoding, so the rest is copied as it is.
            var result: [UInt8] = []
            result.reserveCapacity(text.utf8.count + 1)
            for byte in text.utf8 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    if !atStart { pendingSpace = true }
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    atStart = false
                    result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    private mutating func writeInline(_ nodes: [XMLOutputNode], format: RunFormat, spacing: inout Spacing) {
        for node in nodes {
            switch node {
            case .text(let text):
                if spacing.preservingLines {
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    for (index, line) in lines.enumerated() {
                        if index > 0 { lineBreak() }
                        if !line.isEmpty { run(String(line), format: format) }
                    }
                } else {
                    let collapsed = spacing.collapse(text)
                    if !collapsed.isEmpty { run(collapsed, format: format) }
                }
            case .element(let element):
                writeInlineElement(element, format: format, spacing: &spacing)
            }
        }
    }

    private mutating func writeInlineElement(_ element: XMLOutputElement, format: RunFormat, spacing: inout Spacing) {
        var inner = format
        let classes = (element.attributes["class"] ?? "").split(separator: " ")
        switch element.name {
        case "strong", "b": inner.bold = true
        case "em", "i", "cite", "dfn": inner.italic = true
        case "code", "kbd", "samp": inner.code = true
        case "sup": inner.verticalAlignment = "superscript"
        case "sub": inner.verticalAlignment = "subscript"
        case "br":
            lineBreak()
            spacing.atStart = true
            spacing.pendingSpace = false
            return
        case "img", "style", "script":
            return
        case "a":
            if let target = hyperlinkTarget(element.attributes["href"]) {
                // A space before the link stays outside it.
                if spacing.pendingSpace, Self.hasText(element.children) {
                    run(" ", format: format)
                    spacing.pendingSpace = false
                }
                switch target {
                case .anchor(let name): w.start("w:hyperlink", ["w:anchor": name, "w:history": "1"])
                case .relationship(let id): w.start("w:hyperlink", ["r:id": id, "w:history": "1"])
                }
                inner.link = true
                writeInline(element.children, format: inner, spacing: &spacing)
                w.end()
                return
            }
        default:
            break
        }
        if let status = classes.lazy.compactMap({ Self.statusColours[String($0)] }).first {
            inner.colour = status
            inner.bold = true
        }
        writeInline(element.children, format: inner, spacing: &spacing)
    }

    /// The colours of the status and rating words, as in the HTML stylesheet.
    static let statusColours: [String: String] = [
        "status-met": "1B7340", "status-on-track": "1B7340", "rating-low": "1B7340",
        "status-at-risk": "9A6700", "rating-medium": "9A6700",
        "status-missed": "B42318", "rating-high": "B42318",
    ]

    private enum LinkTarget {
        case anchor(String)
        case relationship(String)
    }

    /// A link inside the document goes to its bookmark; one to the web or an e-mail
    /// address through a relationship; any other is left as text.
    private mutating func hyperlinkTarget(_ href: String?) -> LinkTarget? {
        guard let href else { return nil }
        if href.hasPrefix("#") { return bookmarkNames[String(href.dropFirst())].map(LinkTarget.anchor) }
        let lower = href.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        if let id = externalLinks[href] { return .relationship(id) }
        let id = relationships.add(type: "hyperlink", target: href, external: true)
        externalLinks[href] = id
        return .relationship(id)
    }

    private func run(_ text: String, format: RunFormat) {
        defer { w.end() }
        w.start("w:r")
        if format.bold || format.italic || format.code || format.link || format.colour != nil || format.verticalAlignment != nil {
            // Children in the schema's order: rStyle, b, bCs, i, iCs, color, vertAlign.
            w.start("w:rPr")
            if format.link {
                w.empty("w:rStyle", ["w:val": "Hyperlink"])
            } else if format.code {
                w.empty("w:rStyle", ["w:val": "CodeChar"])
            }
            if format.bold {
                w.empty("w:b")
                w.empty("w:bCs")
            }
            if format.italic {
                w.empty("w:i")
                w.empty("w:iCs")
            }
            if let colour = format.colour { w.empty("w:color", ["w:val": colour]) }
            if let alignment = format.verticalAlignment { w.empty("w:vertAlign", ["w:val": alignment]) }
            w.end()
        }
        WordRun.textElement(w, text)
    }

    private func lineBreak() {
        w.start("w:r")
        w.empty("w:br")
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
