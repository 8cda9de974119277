import XMLSupport

/// Runs of text inside a paragraph: whitespace collapsed as a browser does, bold, italic,
/// code, status colours, line breaks, and hyperlinks to bookmarks or to the web.
extension WordBodyWriter {
    /// Whitespace as a browser shows it: runs of it are one space, none at the start or
    /// end of a paragraph.
    struct Spacing {
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

    mutating func writeInline(_ nodes: [XMLOutputNode], format: RunFormat, spacing: inout Spacing) {
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

    mutating func writeInlineElement(_ element: XMLOutputElement, format: RunFormat, spacing: inout Spacing) {
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
        case "svg":
            // A chart in a line of text stays in it.
            if let chart = WordChart(element) { writeChart(chart) }
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

    enum LinkTarget {
        case anchor(String)
        case relationship(String)
    }

    /// A link inside the document goes to its bookmark; one to the web or an e-mail
    /// address through a relationship; any other is left as text.
    mutating func hyperlinkTarget(_ href: String?) -> LinkTarget? {
        guard let href else { return nil }
        if href.hasPrefix("#") { return bookmarkNames[String(href.dropFirst())].map(LinkTarget.anchor) }
        let lower = href.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        if let id = externalLinks[href] { return .relationship(id) }
        let id = relationships.add(type: "hyperlink", target: href, external: true)
        externalLinks[href] = id
        return .relationship(id)
    }

    func run(_ text: String, format: RunFormat) {
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

    func lineBreak() {
        w.start("w:r")
        w.empty("w:br")
        w.end()
    }
}
