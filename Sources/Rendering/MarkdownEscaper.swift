/// The rules for writing data into GitHub-flavoured Markdown so that it reads as text:
/// no character of data can open emphasis, a link, a code span, raw HTML, a heading, a
/// list item, a table cell or any other construct. One gap remains: GitHub's extension
/// links an e-mail address (`a@b.org`) whatever is escaped in it.
///
/// The rules work on Unicode scalars, as cmark-gfm does, not on `Character`s: cmark-gfm
/// reads `*` as a delimiter even when a combining mark follows it. Every character
/// Markdown gives a meaning is ASCII and no byte of a multi-byte UTF-8 sequence is
/// ASCII, so the rules scan UTF-8 bytes.
enum MarkdownEscaper {
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")

    /// Appends `text` as inline Markdown: syntax characters behind a backslash, `&` as
    /// `&amp;`, line breaks as spaces, and the `://` of a URL or the `.` of `www.`
    /// escaped so that GitHub's extension does not make the text a link.
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        // Runs between special bytes are copied whole, as in HTMLEscaper.
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                // What the byte becomes; nil for the byte behind a backslash.
                let replacement: StaticString?
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"),
                    UInt8(ascii: "~"):
                    replacement = nil
                case UInt8(ascii: "&"):
                    replacement = "&amp;"
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    replacement = " "
                case UInt8(ascii: ".") where index >= 3 && utf8[index - 3] == UInt8(ascii: "w")
                    && utf8[index - 2] == UInt8(ascii: "w") && utf8[index - 1] == UInt8(ascii: "w"):
                    replacement = nil
                case UInt8(ascii: "/") where index >= 2 && utf8[index - 2] == UInt8(ascii: ":") && utf8[index - 1] == UInt8(ascii: "/"):
                    replacement = nil
                default:
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                if let replacement {
                    replacement.withUTF8Buffer { buffer.append(contentsOf: $0) }
                } else {
                    buffer.append(backslash)
                    buffer.append(byte)
                }
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Appends the bytes of a code span's text: backquotes become quotes so that they
    /// cannot end the span, line breaks become spaces so that no line of the span can
    /// start a block, and in a table a `|` is escaped so that it cannot end the cell.
    static func appendCode(_ text: [UInt8], inTable: Bool, to buffer: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "`"): buffer.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): buffer.append(space)
            case UInt8(ascii: "|") where inTable: buffer.append(contentsOf: #"\|"#.utf8)
            default: buffer.append(byte)
            }
        }
    }

    /// Appends a link destination: the characters that would end it or make it invalid
    /// (spaces, controls, parentheses, angle brackets, backslashes, and `|`, which ends a
    /// table cell even there) percent-encoded, and
    /// `&` as `&amp;` so that a reference-like `&amp;` in the target stays as it is.
    static func appendDestination(_ href: String, to buffer: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in href.utf8 {
            switch byte {
            case 0...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), backslash,
                UInt8(ascii: "|"):
                buffer.append(UInt8(ascii: "%"))
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
            case UInt8(ascii: "&"):
                buffer.append(contentsOf: "&amp;".utf8)
            default:
                buffer.append(byte)
            }
        }
    }

    /// Whether `byte` is white space that Markdown strips at the start or end of a block.
    static func isBlankSpace(_ byte: UInt8) -> Bool { byte == space || byte == newline || byte == tab }

    /// `bounds` of `text` without the spaces, tabs and line feeds at either end.
    static func trimmed(_ text: [UInt8], _ bounds: Range<Int>) -> Range<Int> {
        var start = bounds.lowerBound
        var end = bounds.upperBound
        while start < end, isBlankSpace(text[start]) { start += 1 }
        while start < end, isBlankSpace(text[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Appends `text[range]`, the inline Markdown of a block, line by line (a hard line
    /// break ends a line). Each line loses its leading spaces and tabs, which could make
    /// it indented code, and gets a backslash where its start would read as a list item
    /// (`- `, `+ `, `1. `, `2) `), a heading underline (`=`, `-`) or the delimiter row that
    /// makes the line above a table header (`:--`); the first line only when
    /// `escapingFirstLine` says that it starts the block.
    static func appendLines(_ text: [UInt8], _ range: Range<Int>, escapingFirstLine: Bool, to output: inout [UInt8]) {
        var lineStart = range.lowerBound
        var isFirst = true
        while lineStart <= range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound, text[lineEnd] != newline { lineEnd += 1 }
            if !isFirst {
                output.append(newline)
                while lineStart < lineEnd, text[lineStart] == space || text[lineStart] == tab { lineStart += 1 }
            }
            if escapingFirstLine || !isFirst { appendEscapingLineStart(text, lineStart..<lineEnd, to: &output) }
            else { output.append(contentsOf: text[lineStart..<lineEnd]) }
            isFirst = false
            lineStart = lineEnd + 1
        }
    }

    /// Appends `text[range]` with a backslash before the character that would make the
    /// line start a list item, underline a heading or make a table.
    private static func appendEscapingLineStart(_ text: [UInt8], _ range: Range<Int>, to output: inout [UInt8]) {
        guard let first = range.first else { return }
        switch text[first] {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ":"):
            output.append(backslash)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Only ASCII digits number a list item.
            var end = first
            while end < range.upperBound, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[end]) { end += 1 }
            if end < range.upperBound, text[end] == UInt8(ascii: ".") || text[end] == UInt8(ascii: ")") {
                output.append(contentsOf: text[first..<end])
                output.append(backslash)
                output.append(contentsOf: text[end..<range.upperBound])
                return
            }
        default:
            break
        }
        output.append(contentsOf: text[range])
    }
}
