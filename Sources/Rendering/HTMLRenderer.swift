import XMLSupport

/// Turns a rendered XHTML document into a self-contained HTML5 page: inline stylesheet
/// (screen and print), a table of contents built from the top-level sections, no
/// external resources.
public enum HTMLRenderer {
    /// Elements HTML writes without an end tag.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// The HTML page for `document`, the root `<html>` element of an XHTML document.
    public static func render(_ document: XMLOutputElement) -> String {
        let head = document.elements.first { $0.name == "head" }
        let body = document.elements.first { $0.name == "body" } ?? XMLOutputElement(name: "body")
        let title = head?.elements.first { $0.name == "title" }?.textContent ?? "Engagement document"
        let language = document.attributes["lang"] ?? document.attributes["xml:lang"] ?? "en"
        var html = "<!DOCTYPE html>\n<html lang=\"\(escapeAttribute(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(escapeText(title))</title>\n<style>\n\(Stylesheet.css)</style>\n</head>\n"
        var bodyAttributes = body.attributes
        bodyAttributes.removeValue(forKey: "xmlns")
        html += "<body\(attributes(bodyAttributes))>\n"
        let contents = tableOfContents(body)
        var inserted = false
        for child in body.children {
            // The contents go after the cover (the first element) and before the sections.
            if !inserted, case .element(let element) = child, element.name == "section" {
                html += contents
                inserted = true
            }
            write(child, into: &html)
        }
        if !inserted { html += contents }
        html += "\n</body>\n</html>\n"
        return html
    }

    /// A `<nav>` listing each top-level section by its first heading.
    static func tableOfContents(_ body: XMLOutputElement) -> String {
        let entries: [(id: String, title: String)] = body.elements.compactMap { section in
            guard section.name == "section", let id = section.attributes["id"],
                let heading = section.elements.first(where: { ["h1", "h2", "h3"].contains($0.name) })
            else { return nil }
            return (id, heading.textContent)
        }
        guard !entries.isEmpty else { return "" }
        var nav = "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for entry in entries {
            nav += "<li><a href=\"#\(escapeAttribute(entry.id))\">\(escapeText(entry.title))</a></li>\n"
        }
        return nav + "</ol>\n</nav>\n"
    }

    static func write(_ node: XMLOutputNode, into html: inout String) {
        switch node {
        case .text(let text):
            html += escapeText(text)
        case .element(let element):
            var elementAttributes = element.attributes
            elementAttributes.removeValue(forKey: "xmlns")
            html += "<\(element.name)\(attributes(elementAttributes))>"
            if voidElements.contains(element.name) { return }
            let isBlock = blockElements.contains(element.name)
            if isBlock, element.children.contains(where: { if case .element = $0 { return true }; return false }),
                !element.children.contains(where: { if case .text = $0 { return true }; return false })
            {
                html += "\n"
                for child in element.children {
                    write(child, into: &html)
                    html += "\n"
                }
            } else {
                for child in element.children { write(child, into: &html) }
            }
            html += "</\(element.name)>"
        }
    }

    static let blockElements: Set<String> = [
        "section", "div", "header", "footer", "nav", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "figure",
        "aside", "article", "blockquote",
    ]

    static func attributes(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escapeAttribute(attributes[$0] ?? ""))\"" }.joined()
    }

    static func escapeText(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
