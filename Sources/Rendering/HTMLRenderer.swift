import XMLSupport

/// Turns a rendered XHTML document into a self-contained HTML5 page: inline stylesheet
/// (screen and print: the shipped one, the house style of the document's head, then its
/// own stylesheets), a table of contents built from the top-level sections, no external
/// resources.
public enum HTMLRenderer {
    /// The HTML page for `document`, the root `<html>` element of an XHTML document.
    public static func render(_ document: XMLOutputElement) -> String {
        let headElement = document.elements.first { $0.name == "head" }
        let body = document.elements.first { $0.name == "body" } ?? XMLOutputElement(name: "body")
        var page = HTMLOutput()
        page.bytes.reserveCapacity(32_768)
        let head = DocumentHead(document: document)
        page.append("<!DOCTYPE html>\n<html lang=\"")
        page.appendEscaped(head.language ?? document.attributes["lang"] ?? document.attributes["xml:lang"] ?? "en", inAttribute: true)
        page.append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        for (name, value) in [("author", head.author), ("date", head.date), ("status", head.status), ("classification", head.classification)] {
            guard let value else { continue }
            page.append("<meta name=\"")
            page.bytes.append(contentsOf: name.utf8)
            page.append("\" content=\"")
            page.appendEscaped(value, inAttribute: true)
            page.append("\">\n")
        }
        page.append("<title>")
        if let title = headElement?.elements.first(where: { $0.name == "title" }) {
            page.appendEscapedTextContent(of: title)
        } else {
            page.append("Engagement document")
        }
        page.append("</title>\n<style>\n")
        page.bytes.append(contentsOf: Stylesheet.css.utf8)
        page.bytes.append(contentsOf: Stylesheet.houseRules(for: head).utf8)
        for stylesheet in head.stylesheets {
            page.bytes.append(contentsOf: Stylesheet.embeddable(stylesheet).utf8)
            page.append("\n")
        }
        page.append("</style>\n</head>\n<body")
        page.appendAttributes(body.attributes)
        page.append(">\n")
        let contents = tableOfContents(body)
        var inserted = false
        for child in body.children {
            // The contents go after the cover and before the first section they list (one
            // with a heading of its own): the cover is a section too, without one.
            if !inserted, case .element(let element) = child, element.name == "section",
                element.elements.contains(where: { ["h1", "h2", "h3"].contains($0.name) })
            {
                page.bytes.append(contentsOf: contents)
                inserted = true
            }
            page.write(child)
        }
        if !inserted { page.bytes.append(contentsOf: contents) }
        page.append("\n</body>\n</html>\n")
        return String(decoding: page.bytes, as: UTF8.self)
    }

    /// A `<nav>` listing each top-level section by its first heading; empty when no
    /// section has both an id and a heading.
    static func tableOfContents(_ body: XMLOutputElement) -> [UInt8] {
        var nav = HTMLOutput()
        for case .element(let section) in body.children where section.name == "section" {
            guard let id = section.attributes["id"],
                let heading = section.elements.first(where: { ["h1", "h2", "h3"].contains($0.name) })
            else { continue }
            if nav.bytes.isEmpty { nav.append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n") }
            nav.append("<li><a href=\"#")
            nav.appendEscaped(id, inAttribute: true)
            nav.append("\">")
            nav.appendEscapedTextContent(of: heading)
            nav.append("</a></li>\n")
        }
        if !nav.bytes.isEmpty { nav.append("</ol>\n</nav>\n") }
        return nav.bytes
    }

    /// How HTML writes an element.
    enum Layout {
        /// No end tag and no content (`br`, `img`).
        case void
        /// Children that are all elements go on lines of their own.
        case block
    }

    /// The layout of the elements that are not written inline.
    static let layouts: [String: Layout] = {
        var layouts: [String: Layout] = [:]
        for name in ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"] {
            layouts[name] = .void
        }
        for name in [
            "section", "div", "header", "footer", "nav", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl",
            "figure", "aside", "article", "blockquote",
        ] {
            layouts[name] = .block
        }
        return layouts
    }()
}

/// An HTML page being written as UTF-8 bytes.
struct HTMLOutput {
    var bytes: [UInt8] = []

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ node: XMLOutputNode) {
        switch node {
        case .text(let text):
            appendEscaped(text, inAttribute: false)
        case .element(let element):
            bytes.append(UInt8(ascii: "<"))
            bytes.append(contentsOf: element.name.utf8)
            appendAttributes(element.attributes)
            bytes.append(UInt8(ascii: ">"))
            let layout = HTMLRenderer.layouts[element.name]
            if layout == .void { return }
            var hasElement = false
            var hasText = false
            if layout == .block {
                for child in element.children {
                    if case .element = child { hasElement = true } else { hasText = true }
                }
            }
            if hasElement, !hasText {
                bytes.append(UInt8(ascii: "\n"))
                for child in element.children {
                    write(child)
                    bytes.append(UInt8(ascii: "\n"))
                }
            } else {
                for child in element.children { write(child) }
            }
            append("</")
            bytes.append(contentsOf: element.name.utf8)
            bytes.append(UInt8(ascii: ">"))
        }
    }

    /// ` name="value"` for each attribute but `xmlns`, sorted by name.
    mutating func appendAttributes(_ attributes: [String: String]) {
        guard !attributes.isEmpty else { return }
        if attributes.count == 1 {
            for (name, value) in attributes where name != "xmlns" { appendAttribute(name, value) }
            return
        }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) where name != "xmlns" {
            appendAttribute(name, value)
        }
    }

    private mutating func appendAttribute(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: name.utf8)
        append("=\"")
        appendEscaped(value, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    /// All text inside `element`, escaped as text.
    mutating func appendEscapedTextContent(of element: XMLOutputElement) {
        for child in element.children {
            switch child {
            case .text(let text): appendEscaped(text, inAttribute: false)
            case .element(let nested): appendEscapedTextContent(of: nested)
            }
        }
    }

    mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        HTMLEscaper.append(text, for: inAttribute ? .attribute : .text, to: &bytes)
    }
}
