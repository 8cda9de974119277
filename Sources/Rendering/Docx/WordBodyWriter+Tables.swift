import XMLSupport

/// Tables: a caption paragraph, `w:tbl` with its grid, a header row repeated on each page,
/// and Word's rules (an empty paragraph between adjacent tables, every cell ending in a
/// paragraph).
extension WordBodyWriter {
    mutating func writeTable(_ table: XMLOutputElement) {
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
        let widths = WordTableLayout.columnWidths(rows.map(\.row), textWidth: page.textWidth)
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

    mutating func writeCell(_ cell: XMLOutputElement, width: Int, span: Int) {
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
}

/// The column widths of a Word table, from its cells' text.
enum WordTableLayout {
    /// Column widths in twips that fill the text width. Each column is first as wide as
    /// its longest word, which cannot wrap (a header such as "Touchpoints" must not
    /// break); what is left goes to the columns whose text is longer, in proportion to
    /// how much longer (up to 60 characters: text beyond that wraps anyway).
    static func columnWidths(_ rows: [XMLOutputElement], textWidth total: Int) -> [Int] {
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
        let floor = minimum.reduce(0, +)
        var widths: [Int]
        if floor >= total {
            widths = minimum.map { total * $0 / floor }
        } else {
            let extra = zip(wanted, minimum).map { max(0, $0 - $1) }
            let extraTotal = extra.reduce(0, +)
            widths = zip(minimum, extra).map { minimum, extra in
                minimum + (extraTotal > 0 ? (total - floor) * extra / extraTotal : (total - floor) / max(1, columnCount(of: rows)))
            }
        }
        widths[widths.count - 1] += total - widths.reduce(0, +)
        return widths
    }

    static func columnCount(of rows: [XMLOutputElement]) -> Int {
        rows.map { row in
            row.children.reduce(0) { count, child in
                guard case .element(let cell) = child, cell.name == "td" || cell.name == "th" else { return count }
                return count + max(1, Int(cell.attributes["colspan"] ?? "1") ?? 1)
            }
        }.max() ?? 1
    }

    /// The length of a cell's text and of its longest word, in UTF-8 bytes, whitespace
    /// collapsed: a column's width in proportion, not a typesetter's measure.
    struct TextMeasure {
        var length = 0
        var longestWord = 0
        var word = 0
        var pendingSpace = false

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
}
