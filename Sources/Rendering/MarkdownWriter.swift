import XMLSupport

/// Markdown blocks being written, separated by blank lines.
struct MarkdownWriter {
    var output: [UInt8] = []
    private var blockCount = 0
    /// Inline Markdown not yet written: the text of the block being assembled.
    private var line: [UInt8] = []
    /// The file names of the document's charts, in document order; the next is taken by
    /// the next chart met.
    var imageNames: [String] = []
    private var imagesWritten = 0

    private static let space = MarkdownEscaper.space
    private static let newline = MarkdownEscaper.newline

    mutating func renderBlocks(_ nodes: [XMLOutputNode], listDepth: Int) {
        for node in nodes {
            guard case .element(let element) = node, let tag = MarkdownRenderer.tag(of: element), tag.isBlock else {
                Self.renderInline(node, inTable: false, into: &line)
                continue
            }
            flushLine()
            switch tag {
            case .heading(let level):
                startBlock()
                for _ in 0..<level { output.append(UInt8(ascii: "#")) }
                output.append(Self.space)
                Self.renderInline(element.children, inTable: false, into: &line)
                appendTrimmedLine(escapingLineStart: false)
            case .paragraph:
                Self.renderInline(element.children, inTable: false, into: &line)
                flushLine()
            case .list:
                startBlock()
                writeList(element, depth: listDepth)
            case .table:
                startBlock()
                writeTable(element)
            case .definitionList:
                startBlock()
                writeDefinitionList(element)
            case .blockquote:
                startBlock()
                var inner = MarkdownWriter()
                inner.renderBlocks(element.children, listDepth: listDepth)
                appendQuoted(inner.output)
            case .rule:
                startBlock()
                append("---")
            case .image:
                // A chart: its picture beside the Markdown, its title as the text alternative.
                guard ChartImages.isChart(element), imagesWritten < imageNames.count else { continue }
                startBlock()
                append("![")
                MarkdownEscaper.appendEscaped(ChartImages.alternativeText(of: element), to: &output)
                append("](")
                MarkdownEscaper.appendDestination(imageNames[imagesWritten], to: &output)
                append(")")
                imagesWritten += 1
            case .hidden:
                continue
            default:  // section, div, header, footer, article, aside, figure, figcaption
                renderBlocks(element.children, listDepth: listDepth)
            }
        }
        flushLine()
    }

    private mutating func startBlock() {
        if blockCount > 0 { append("\n\n") }
        blockCount += 1
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Writes the pending inline text as a paragraph, unless it is only white space.
    private mutating func flushLine() {
        if !MarkdownEscaper.trimmed(line, line.indices).isEmpty {
            startBlock()
            appendTrimmedLine(escapingLineStart: true)
        }
        line.removeAll(keepingCapacity: true)
    }

    /// Appends the pending inline text without its surrounding white space, and clears
    /// it; `escapingLineStart` tells whether it starts a line of the output.
    private mutating func appendTrimmedLine(escapingLineStart: Bool) {
        let trimmed = MarkdownEscaper.trimmed(line, line.indices)
        MarkdownEscaper.appendLines(line, trimmed, escapingFirstLine: escapingLineStart, to: &output)
        line.removeAll(keepingCapacity: true)
    }

    /// One line per item (`-` or `1.`), nested lists indented by three spaces.
    private mutating func writeList(_ element: XMLOutputElement, depth: Int) {
        guard case .list(let ordered) = MarkdownRenderer.tag(of: element) else { return }
        var number = 0
        for case .element(let item) in element.children {
            guard case .listItem = MarkdownRenderer.tag(of: item) else { continue }
            if number > 0 { output.append(Self.newline) }
            number += 1
            for _ in 0..<depth { append("   ") }
            if ordered {
                output.append(contentsOf: String(number).utf8)
                output.append(UInt8(ascii: "."))
            } else {
                output.append(UInt8(ascii: "-"))
            }
            output.append(Self.space)
            for child in item.children {
                if case .element(let nested) = child, case .list = MarkdownRenderer.tag(of: nested) { continue }
                Self.renderInline(child, inTable: false, into: &line)
            }
            appendTrimmedLine(escapingLineStart: true)
            for case .element(let nested) in item.children {
                guard case .list = MarkdownRenderer.tag(of: nested) else { continue }
                output.append(Self.newline)
                writeList(nested, depth: depth + 1)
            }
        }
    }

    /// A pipe table; the first row is the header, and a column whose header cell has the
    /// class `number` is right-aligned.
    private mutating func writeTable(_ element: XMLOutputElement) {
        var rows: [XMLOutputElement] = []
        Self.collectRows(element, into: &rows)
        guard !rows.isEmpty else { return }
        var cellText: [UInt8] = []
        var cells: [Range<Int>] = []
        var rowEnds: [Int] = []
        var width = 0
        for row in rows {
            let rowStart = cells.count
            for case .element(let cell) in row.children {
                guard case .cell = MarkdownRenderer.tag(of: cell) else { continue }
                let start = cellText.count
                Self.renderInline(cell.children, inTable: true, into: &cellText)
                cells.append(MarkdownEscaper.trimmed(cellText, start..<cellText.count))
            }
            rowEnds.append(cells.count)
            width = max(width, cells.count - rowStart)
        }
        var numeric: [Bool] = []
        for case .element(let cell) in rows[0].children {
            guard case .cell = MarkdownRenderer.tag(of: cell) else { continue }
            numeric.append((cell.attributes["class"] ?? "").split(separator: " ").contains("number"))
        }
        for case .element(let caption) in element.children where caption.name == "caption" {
            append("**")
            Self.renderInline(caption.children, inTable: false, into: &line)
            appendTrimmedLine(escapingLineStart: false)
            append("**\n\n")
            break
        }
        func appendRow(_ row: Int) {
            let first = row == 0 ? 0 : rowEnds[row - 1]
            append("| ")
            for column in 0..<width {
                if column > 0 { append(" | ") }
                if first + column < rowEnds[row] { output.append(contentsOf: cellText[cells[first + column]]) }
            }
            append(" |")
        }
        appendRow(0)
        output.append(Self.newline)
        output.append(UInt8(ascii: "|"))
        for column in 0..<width {
            if column < numeric.count && numeric[column] { append(" ---: |") } else { append(" --- |") }
        }
        for row in rowEnds.indices.dropFirst() {
            output.append(Self.newline)
            appendRow(row)
        }
    }

    private static func collectRows(_ parent: XMLOutputElement, into rows: inout [XMLOutputElement]) {
        for case .element(let child) in parent.children {
            switch MarkdownRenderer.tag(of: child) {
            case .row: rows.append(child)
            case .rowGroup: collectRows(child, into: &rows)
            default: continue
            }
        }
    }

    /// One `- **term**: definition` line per `dd`, under the latest `dt`.
    private mutating func writeDefinitionList(_ element: XMLOutputElement) {
        var term: [UInt8] = []
        var lineCount = 0
        for case .element(let child) in element.children {
            switch MarkdownRenderer.tag(of: child) {
            case .term:
                Self.renderInline(child.children, inTable: false, into: &line)
                term = Array(line[MarkdownEscaper.trimmed(line, line.indices)])
                line.removeAll(keepingCapacity: true)
            case .definition:
                if lineCount > 0 { output.append(Self.newline) }
                lineCount += 1
                append("- **")
                output.append(contentsOf: term)
                append("**: ")
                Self.renderInline(child.children, inTable: false, into: &line)
                appendTrimmedLine(escapingLineStart: false)
            default:
                continue
            }
        }
    }

    /// `> ` before every line of `quoted`, the blocks of a blockquote.
    private mutating func appendQuoted(_ quoted: [UInt8]) {
        append("> ")
        var runStart = 0
        for index in quoted.indices where quoted[index] == Self.newline {
            output.append(contentsOf: quoted[runStart..<index])
            append("\n> ")
            runStart = index + 1
        }
        output.append(contentsOf: quoted[runStart...])
    }
}

extension MarkdownWriter {
    static func renderInline(_ nodes: [XMLOutputNode], inTable: Bool, into buffer: inout [UInt8]) {
        for node in nodes { renderInline(node, inTable: inTable, into: &buffer) }
    }

    static func renderInline(_ node: XMLOutputNode, inTable: Bool, into buffer: inout [UInt8]) {
        switch node {
        case .text(let text):
            MarkdownEscaper.appendEscaped(text, to: &buffer)
        case .element(let element):
            switch MarkdownRenderer.tag(of: element) {
            case .strong:
                let start = buffer.count
                renderInline(element.children, inTable: inTable, into: &buffer)
                wrap(&buffer, from: start, in: strongMarker)
            case .emphasis:
                let start = buffer.count
                renderInline(element.children, inTable: inTable, into: &buffer)
                wrap(&buffer, from: start, in: emphasisMarker)
            case .code:
                var code: [UInt8] = []
                appendTextContent(of: element, to: &code)
                // An empty span would leave two backquotes as text.
                guard !code.isEmpty else { return }
                buffer.append(UInt8(ascii: "`"))
                MarkdownEscaper.appendCode(code, inTable: inTable, to: &buffer)
                buffer.append(UInt8(ascii: "`"))
            case .lineBreak:
                buffer.append(contentsOf: inTable ? "<br>".utf8 : "  \n".utf8)
            case .link:
                guard let href = element.attributes["href"] else {
                    renderInline(element.children, inTable: inTable, into: &buffer)
                    return
                }
                // A `!` of text just before the link would make it an image.
                if buffer.last == UInt8(ascii: "!") { buffer.insert(MarkdownEscaper.backslash, at: buffer.count - 1) }
                buffer.append(UInt8(ascii: "["))
                renderInline(element.children, inTable: inTable, into: &buffer)
                buffer.append(contentsOf: "](".utf8)
                MarkdownEscaper.appendDestination(href, to: &buffer)
                buffer.append(UInt8(ascii: ")"))
            case .caption:
                return
            default:
                renderInline(element.children, inTable: inTable, into: &buffer)
            }
        }
    }

    private static let strongMarker = Array("**".utf8)
    private static let emphasisMarker = Array("_".utf8)

    /// Wraps the Markdown from `start` to the end of `buffer` in `marker`. Emphasis
    /// markers must touch the text, so surrounding spaces move outside them (other white
    /// space around the text is dropped); white space alone is left as it is.
    private static func wrap(_ buffer: inout [UInt8], from start: Int, in marker: [UInt8]) {
        let end = buffer.count
        let trimmed = MarkdownEscaper.trimmed(buffer, start..<end)
        guard !trimmed.isEmpty else { return }
        let leading = buffer[start] == space
        let trailing = buffer[end - 1] == space
        buffer.removeSubrange(trimmed.upperBound..<end)
        buffer.append(contentsOf: marker)
        if trailing { buffer.append(space) }
        buffer.replaceSubrange(start..<trimmed.lowerBound, with: leading ? [space] + marker : marker)
    }

    /// Appends the text of every text node inside `element`, in document order.
    private static func appendTextContent(of element: XMLOutputElement, to bytes: inout [UInt8]) {
        for child in element.children {
            switch child {
            case .text(let text): bytes.append(contentsOf: text.utf8)
            case .element(let nested): appendTextContent(of: nested, to: &bytes)
            }
        }
    }
}
