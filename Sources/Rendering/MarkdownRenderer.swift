import XMLSupport

/// Turns a rendered XHTML document into GitHub-flavoured Markdown: headings, paragraphs,
/// lists, pipe tables, emphasis and links; every character of data that Markdown would
/// read as syntax is escaped.
///
/// The Markdown is written as UTF-8 bytes; ``MarkdownEscaper`` holds the rules for data,
/// which work on Unicode scalars as cmark-gfm does, so a `*` followed by a combining mark
/// is still escaped.
public enum MarkdownRenderer {
    /// The Markdown for `document`, the root `<html>` element of an XHTML document. Each
    /// chart is an image linked beside it, named by ``ChartImages/files(in:prefix:)`` with
    /// `imagePrefix` (the document's kind in a pack).
    public static func render(_ document: XMLOutputElement, imagePrefix: String = "document") -> String {
        let body = document.elements.first { $0.name == "body" } ?? document
        var writer = MarkdownWriter()
        writer.imageNames = ChartImages.files(in: body, prefix: imagePrefix).map(\.name)
        writer.output.reserveCapacity(32_768)
        writer.renderBlocks(body.children, listDepth: 0)
        writer.output.append(UInt8(ascii: "\n"))
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// What an element is to the renderer.
    enum Tag {
        case heading(level: Int), paragraph, list(ordered: Bool), table, definitionList, blockquote, rule, image
        /// A block that is left out (`nav`, `head`, `style`, `script`).
        case hidden
        /// A block whose children are blocks of the document (`section`, `div`, ...).
        case container
        case strong, emphasis, code, lineBreak, link, caption
        case listItem, row, rowGroup, cell, term, definition

        var isBlock: Bool {
            switch self {
            case .heading, .paragraph, .list, .table, .definitionList, .blockquote, .rule, .image, .hidden, .container: true
            default: false
            }
        }
    }

    /// The tags of the elements the renderer knows; any other element is inline.
    static let tags: [String: Tag] = {
        var tags: [String: Tag] = [
            "p": .paragraph, "ul": .list(ordered: false), "ol": .list(ordered: true), "table": .table,
            "dl": .definitionList, "blockquote": .blockquote, "hr": .rule, "svg": .image,
            "strong": .strong, "b": .strong, "em": .emphasis, "i": .emphasis, "code": .code, "br": .lineBreak,
            "a": .link, "caption": .caption,
            "li": .listItem, "tr": .row, "thead": .rowGroup, "tbody": .rowGroup, "tfoot": .rowGroup,
            "td": .cell, "th": .cell, "dt": .term, "dd": .definition,
        ]
        for level in 1...6 { tags["h\(level)"] = .heading(level: level) }
        for name in ["nav", "head", "style", "script"] { tags[name] = .hidden }
        for name in ["section", "div", "header", "footer", "article", "aside", "figure", "figcaption"] {
            tags[name] = .container
        }
        return tags
    }()

    static func tag(of element: XMLOutputElement) -> Tag? { tags[element.name] }
}
