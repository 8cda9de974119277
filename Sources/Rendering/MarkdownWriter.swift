import Foundation
import XMLSupport

/// Markdown blocks being written, separated by blank lines.
struct MarkdownWriter {
    var output: [UInt8] = []
    private var blockCount = 0
    /// Inline Markdown not yet written: the text of the block being assembled.
    private var line: [UInt8] = []

    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")

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
        let trimmed = line.withUnsafeBufferPointer { Self.trimmed($0, line.indices) }
        if !trimmed.isEmpty {
            startBlock()
            appendTrimmedLine(escapingLineStart: true)
        }
        line.removeAll(keepingCapacity: true)
    }

    /// Appends the pending inline text without its surrounding spaces and line breaks,
    /// and clears it.
    private mutating func appendTrimmedLine(escapingLineStart: Bool) {
        line.withUnsafeBufferPointer { text in
            let trimmed = Self.trimmed(text, text.indices)
            if escapingLineStart {
                Self.appendEscapingLineStart(text, trimmed, to: &output)
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[trimmed]))
            }
        }
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
                cells.append(cellText.withUnsafeBufferPointer { Self.trimmed($0, start..<$0.count) })
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
        cellText.withUnsafeBufferPointer { text in
            func appendRow(_ row: Int) {
                let first = row == 0 ? 0 : rowEnds[row - 1]
                append("| ")
                for column in 0..<width {
                    if column > 0 { append(" | ") }
                    if first + column < rowEnds[row] {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[cells[first + column]]))
                    }
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
                term = line.withUnsafeBufferPointer { Array($0[Self.trimmed($0, $0.indices)]) }
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
            // A line feed after a carriage return is part of one `\r\n` character.
            if index > 0 && quoted[index - 1] == UInt8(ascii: "\r") { continue }
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
            appendEscaped(text, to: &buffer)
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
                buffer.append(UInt8(ascii: "`"))
                appendCode(element, to: &buffer)
                buffer.append(UInt8(ascii: "`"))
            case .lineBreak:
                buffer.append(contentsOf: inTable ? "<br>".utf8 : "  \n".utf8)
            case .link:
                guard let href = element.attributes["href"] else {
                    renderInline(element.children, inTable: inTable, into: &buffer)
                    return
                }
                buffer.append(UInt8(ascii: "["))
                renderInline(element.children, inTable: inTable, into: &buffer)
                buffer.append(contentsOf: "](".utf8)
                appendHref(href, to: &buffer)
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
        let (trimmed, leading, trailing) = buffer.withUnsafeBufferPointer { content in
            let bounds = start..<end
            let trimmed = Self.trimmed(content, bounds)
            let leading = !trimmed.isEmpty && content[start] == space
                && UTF8Text.isWholeCharacter(content, at: start, within: bounds)
            let trailing = !trimmed.isEmpty && content[end - 1] == space
                && UTF8Text.isWholeCharacter(content, at: end - 1, within: bounds)
            return (trimmed, leading, trailing)
        }
        guard !trimmed.isEmpty else { return }
        buffer.removeSubrange(trimmed.upperBound..<end)
        buffer.append(contentsOf: marker)
        if trailing { buffer.append(space) }
        buffer.replaceSubrange(start..<trimmed.lowerBound, with: leading ? [space] + marker : marker)
    }

    /// The text of a `code` element, with backquotes turned into quotes so that they
    /// cannot end the code span.
    private static func appendCode(_ element: XMLOutputElement, to buffer: inout [UInt8]) {
        let start = buffer.count
        UTF8Text.appendTextContent(of: element, to: &buffer)
        let backquote = UInt8(ascii: "`")
        let differs = buffer.withUnsafeBufferPointer {
            foundationSearchMayDiffer(UnsafeBufferPointer(rebasing: $0[start...]), backquote, backquote)
        }
        if differs {
            let code = String(decoding: buffer[start...], as: UTF8.self).replacingOccurrences(of: "`", with: "'")
            buffer.replaceSubrange(start..., with: code.utf8)
            return
        }
        for index in start..<buffer.count where buffer[index] == backquote { buffer[index] = UInt8(ascii: "'") }
    }

    /// A link target with `)` and spaces percent-encoded.
    private static func appendHref(_ href: String, to buffer: inout [UInt8]) {
        let parenthesis = UInt8(ascii: ")")
        UTF8Text.withBytes(of: href) { bytes in
            if foundationSearchMayDiffer(bytes, parenthesis, space) {
                let encoded = href.replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")
                buffer.append(contentsOf: encoded.utf8)
                return
            }
            var runStart = 0
            for index in bytes.indices where bytes[index] == parenthesis || bytes[index] == space {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: bytes[index] == space ? "%20".utf8 : "%29".utf8)
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Whether Foundation's `replacingOccurrences(of:with:)` might not replace each byte
    /// `first` or `second` of `text` exactly: it compares composed character sequences,
    /// so a target followed by a combining mark is no match, and U+1FEF GREEK VARIA
    /// matches a backquote. Byte-for-byte replacement is exact when neither occurs.
    private static func foundationSearchMayDiffer(_ text: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8) -> Bool {
        for index in text.indices {
            let byte = text[index]
            if byte == first || byte == second {
                if index + 1 < text.count && text[index + 1] >= 0x80 { return true }
            } else if byte == 0xE1, index + 2 < text.count, text[index + 1] == 0xBF, text[index + 2] == 0xAF {
                return true
            }
        }
        return false
    }

    /// Appends `text` with Markdown syntax characters escaped and line breaks turned into
    /// spaces; a character extended by a combining mark is not the syntax character.
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        UTF8Text.withBytes(of: text) { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var length = 1
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"),
                    UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    guard UTF8Text.isWholeCharacter(bytes, at: index, within: bytes.indices) else {
                        index += 1
                        continue
                    }
                case 0xE1:
                    // U+1FEF GREEK VARIA is canonically equivalent to a backquote.
                    guard index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xAF,
                        UTF8Text.isWholeCharacter(bytes, index..<(index + 3), within: bytes.indices)
                    else {
                        index += 1
                        continue
                    }
                    length = 3
                default:
                    index += 1
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch byte {
                case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"): buffer.append(space)
                default:
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                }
                index += length
                runStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// `bounds` of `text` without the spaces and line feeds (whole characters) at either end.
    static func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ bounds: Range<Int>) -> Range<Int> {
        var start = bounds.lowerBound
        var end = bounds.upperBound
        while start < end, text[start] == space || text[start] == newline,
            UTF8Text.isWholeCharacter(text, at: start, within: start..<end)
        {
            start += 1
        }
        while start < end, text[end - 1] == space || text[end - 1] == newline,
            UTF8Text.isWholeCharacter(text, at: end - 1, within: start..<end)
        {
            end -= 1
        }
        return start..<end
    }

    /// Appends `text[range]`, with a backslash that keeps a block beginning like a list
    /// item ("- ", "+ ", "1. ", "2) ") from becoming one.
    static func appendEscapingLineStart(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to output: inout [UInt8]) {
        func appendPlain() { output.append(contentsOf: UnsafeBufferPointer(rebasing: text[range])) }
        guard let first = range.first else { return }
        let byte = text[first]
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            if UTF8Text.isWholeCharacter(text, at: first, within: range) { output.append(UInt8(ascii: "\\")) }
            return appendPlain()
        }
        if byte >= 0x80 {
            // Only a character whose first scalar is numeric can start a numbered item.
            guard UTF8Text.scalar(at: first, in: text).properties.numericType != nil else { return appendPlain() }
            return appendCharacterLevel()
        }
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return appendPlain() }
        var end = first
        while end < range.upperBound, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[end]) { end += 1 }
        guard end < range.upperBound else { return appendPlain() }
        let next = text[end]
        guard next < 0x80 else { return appendCharacterLevel() }
        guard next == UInt8(ascii: ".") || next == UInt8(ascii: ")"),
            UTF8Text.isWholeCharacter(text, at: end, within: range)
        else { return appendPlain() }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[first..<end]))
        output.append(UInt8(ascii: "\\"))
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[end..<range.upperBound]))

        func appendCharacterLevel() {
            let block = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
            output.append(contentsOf: MarkdownRenderer.escapeLineStart(block).utf8)
        }
    }
}
