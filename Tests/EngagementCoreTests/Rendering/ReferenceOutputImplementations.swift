import Foundation
import XMLSupport

@testable import EngagementCore
@testable import Rendering

// The output code as it was before it was rewritten to write UTF-8 bytes directly:
// the references that OutputEquivalenceTests compares the rewritten code with.

/// The Markdown renderer as it was before it wrote bytes (commit 14202ff), kept as the
/// reference its replacement must match byte for byte.
///
/// Turns a rendered XHTML document into GitHub-flavoured Markdown: headings, paragraphs,
/// lists, pipe tables, emphasis and links; every character of data that Markdown would
/// read as syntax is escaped.
enum ReferenceMarkdownRenderer {
    /// The Markdown for `document`, the root `<html>` element of an XHTML document.
    static func render(_ document: XMLOutputElement) -> String {
        let body = document.elements.first { $0.name == "body" } ?? document
        var blocks: [String] = []
        renderBlocks(body.children, into: &blocks, listDepth: 0)
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func renderBlocks(_ nodes: [XMLOutputNode], into blocks: inout [String], listDepth: Int) {
        var pendingInline: [XMLOutputNode] = []
        func flushInline() {
            let text = escapeLineStart(inline(pendingInline).referenceTrimmingSpaces())
            if !text.isEmpty { blocks.append(text) }
            pendingInline = []
        }
        for node in nodes {
            guard case .element(let element) = node, isBlock(element.name) else {
                pendingInline.append(node)
                continue
            }
            flushInline()
            switch element.name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let level = Int(String(element.name.dropFirst())) ?? 2
                blocks.append(String(repeating: "#", count: level) + " " + inline(element.children).referenceTrimmingSpaces())
            case "p":
                let text = escapeLineStart(inline(element.children).referenceTrimmingSpaces())
                if !text.isEmpty { blocks.append(text) }
            case "ul", "ol":
                blocks.append(list(element, depth: listDepth))
            case "table":
                blocks.append(table(element))
            case "dl":
                blocks.append(definitionList(element))
            case "blockquote":
                var inner: [String] = []
                renderBlocks(element.children, into: &inner, listDepth: listDepth)
                blocks.append(inner.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "> " + $0 }.joined(separator: "\n"))
            case "hr":
                blocks.append("---")
            case "nav", "head", "style", "script":
                continue
            default:  // section, div, header, footer, article, aside, figure
                renderBlocks(element.children, into: &blocks, listDepth: listDepth)
            }
        }
        flushInline()
    }

    private static func isBlock(_ name: String) -> Bool {
        ["h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "table", "dl", "blockquote", "hr", "section", "div", "header",
         "footer", "nav", "article", "aside", "figure", "head", "style", "script", "figcaption"].contains(name)
    }

    private static func list(_ element: XMLOutputElement, depth: Int) -> String {
        let ordered = element.name == "ol"
        var lines: [String] = []
        let indent = String(repeating: "   ", count: depth)
        for (offset, item) in element.elements.filter({ $0.name == "li" }).enumerated() {
            let marker = ordered ? "\(offset + 1)." : "-"
            let inlineNodes = item.children.filter {
                if case .element(let child) = $0 { return !["ul", "ol"].contains(child.name) }
                return true
            }
            lines.append(indent + marker + " " + escapeLineStart(inline(inlineNodes).referenceTrimmingSpaces()))
            for case .element(let nested) in item.children where ["ul", "ol"].contains(nested.name) {
                lines.append(list(nested, depth: depth + 1))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func table(_ element: XMLOutputElement) -> String {
        var rows: [XMLOutputElement] = []
        func collect(_ parent: XMLOutputElement) {
            for child in parent.elements {
                if child.name == "tr" { rows.append(child) } else if ["thead", "tbody", "tfoot"].contains(child.name) { collect(child) }
            }
        }
        collect(element)
        guard !rows.isEmpty else { return "" }
        let cells = rows.map { row in
            row.elements.filter { $0.name == "td" || $0.name == "th" }.map {
                inline($0.children, inTable: true).referenceTrimmingSpaces()
            }
        }
        let width = cells.map(\.count).max() ?? 0
        let header = cells[0] + Array(repeating: "", count: width - cells[0].count)
        let numeric = rows[0].elements.filter { $0.name == "td" || $0.name == "th" }.map {
            ($0.attributes["class"] ?? "").split(separator: " ").contains("number")
        }
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + (0..<width).map { index in
            index < numeric.count && numeric[index] ? " ---: |" : " --- |"
        }.joined())
        for row in cells.dropFirst() {
            let padded = row + Array(repeating: "", count: width - row.count)
            lines.append("| " + padded.joined(separator: " | ") + " |")
        }
        var result = lines.joined(separator: "\n")
        if let caption = element.elements.first(where: { $0.name == "caption" }) {
            result = "**" + inline(caption.children).referenceTrimmingSpaces() + "**\n\n" + result
        }
        return result
    }

    private static func definitionList(_ element: XMLOutputElement) -> String {
        var lines: [String] = []
        var term = ""
        for child in element.elements {
            if child.name == "dt" {
                term = inline(child.children).referenceTrimmingSpaces()
            } else if child.name == "dd" {
                lines.append("- **\(term)**: " + inline(child.children).referenceTrimmingSpaces())
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func inline(_ nodes: [XMLOutputNode], inTable: Bool = false) -> String {
        var result = ""
        for node in nodes {
            switch node {
            case .text(let text):
                result += escape(text, inTable: inTable)
            case .element(let element):
                let content = inline(element.children, inTable: inTable)
                switch element.name {
                case "strong", "b": result += wrap(content, "**")
                case "em", "i": result += wrap(content, "_")
                case "code": result += "`" + element.textContent.replacingOccurrences(of: "`", with: "'") + "`"
                case "br": result += inTable ? "<br>" : "  \n"
                case "a":
                    if let href = element.attributes["href"] {
                        result += "[\(content)](\(href.replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")))"
                    } else {
                        result += content
                    }
                case "caption": continue
                default: result += content
                }
            }
        }
        return result
    }

    /// Emphasis markers must touch the text, so surrounding spaces move outside them.
    private static func wrap(_ content: String, _ marker: String) -> String {
        let trimmed = content.referenceTrimmingSpaces()
        guard !trimmed.isEmpty else { return content }
        let leading = content.hasPrefix(" ") ? " " : ""
        let trailing = content.hasSuffix(" ") ? " " : ""
        return leading + marker + trimmed + marker + trailing
    }

    /// A block that begins like a list item ("- ", "+ ", "1. ") would become one.
    static func escapeLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if first == "-" || first == "+" { return "\\" + text }
        let digits = text.prefix(while: \.isNumber)
        if !digits.isEmpty, text.dropFirst(digits.count).first == "." || text.dropFirst(digits.count).first == ")" {
            var result = text
            result.insert("\\", at: text.index(text.startIndex, offsetBy: digits.count))
            return result
        }
        return text
    }

    /// Escapes Markdown syntax characters; line breaks in data become spaces.
    static func escape(_ text: String, inTable: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~":
                result += "\\" + String(character)
            case "&":
                result += "&amp;"
            case "\n", "\r":
                result += " "
            default:
                result.append(character)
            }
        }
        return result
    }
}

extension String {
    func referenceTrimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\n" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\n" { slice.removeLast() }
        return String(slice)
    }
}
