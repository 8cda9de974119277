import XMLSupport

/// What the Markdown of a document must show once cmark-gfm has read it: its text
/// without white space (Markdown trims and joins lines), how many of each element, and
/// the attributes.
struct MarkdownShape {
    var text = ""
    var elements: [String: Int] = [:]
    var attributes: [[String]] = []
    /// Elements whose number depends on line breaks and blank lines, not on escaping.
    static let uncounted: Set<String> = ["p", "html", "head", "title", "body"]

    init() {}

    /// The shape of the HTML cmark-gfm made, read by html5lib.
    init(parsed body: ParserOracle.Node) {
        for element in body.allElements.dropFirst() {
            let name = element.name ?? ""
            if !Self.uncounted.contains(name) { elements[name, default: 0] += 1 }
            for attribute in element.attributes ?? [] {
                if name == "a", attribute[0] == "href" {
                    // cmark-gfm percent-encodes a destination; compare what it means.
                    attributes.append([name, attribute[0], Self.percentDecoded(attribute[1])])
                } else {
                    attributes.append([name] + attribute)
                }
            }
        }
        text = Self.withoutWhiteSpace(body.textContent)
        attributes.sort { $0.lexicographicallyPrecedes($1) }
    }

    /// `text` with each `%XX` turned back into its byte. Foundation's
    /// `removingPercentEncoding` would also drop a leading U+FEFF as a byte order mark.
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func withoutWhiteSpace(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !" \t\n\r".unicodeScalars.contains($0) }))
    }

    private mutating func count(_ name: String, _ times: Int = 1) {
        if times > 0 { elements[name, default: 0] += times }
    }

    /// Adds the blocks of a well-formed document (``WellFormedTree``).
    mutating func add(_ nodes: [XMLOutputNode]) {
        for case .element(let element) in nodes { addBlock(element) }
        attributes.sort { $0.lexicographicallyPrecedes($1) }
    }

    private mutating func addBlock(_ element: XMLOutputElement) {
        switch element.name {
        case "section": add(element.children)
        case "p": addInline(element.children)
        case "ul", "ol":
            count(element.name)
            for item in element.elements { addBlock(item) }
        case "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "hr":
            count(element.name)
            for child in element.children {
                if case .element(let nested) = child, ["ul", "ol", "p"].contains(nested.name) { addBlock(nested) } else { addInline([child]) }
            }
        case "dl":
            count("ul")
            var term: [XMLOutputNode] = []
            for child in element.elements {
                if child.name == "dt" { term = child.children; continue }
                count("li")
                count("strong")
                addInline(term)
                text += ":"
                addInline(child.children)
            }
        case "table":
            count("table")
            let rows = element.elements.flatMap(\.elements)
            let width = rows.map(\.elements.count).max() ?? 0
            let numeric = rows.first?.elements.map { $0.attributes["class"] == "number" } ?? []
            count("thead")
            if rows.count > 1 { count("tbody") }
            count("tr", rows.count)
            for (index, row) in rows.enumerated() {
                let cell = index == 0 ? "th" : "td"
                count(cell, width)
                for column in 0..<width {
                    if column < numeric.count, numeric[column] { attributes.append([cell, "align", "right"]) }
                }
                for cell in row.elements { addInline(cell.children) }
            }
        default:
            addInline(element.children)
        }
    }

    private mutating func addInline(_ nodes: [XMLOutputNode]) {
        for node in nodes {
            switch node {
            case .text(let value):
                text += Self.withoutWhiteSpace(value)
            case .element(let element):
                switch element.name {
                case "em", "i": count("em")
                case "strong", "b": count("strong")
                case "code":
                    if !element.textContent.isEmpty { count("code") }
                    // Scalar by scalar: a backquote followed by a combining mark is still one.
                    let code = element.textContent.unicodeScalars.map { $0 == "`" ? "'" : $0 }
                    text += Self.withoutWhiteSpace(String(String.UnicodeScalarView(code)))
                    continue
                case "a":
                    count("a")
                    attributes.append(["a", "href", element.attributes["href"] ?? ""])
                case "br": count("br")
                default: break
                }
                addInline(element.children)
            }
        }
    }
}
