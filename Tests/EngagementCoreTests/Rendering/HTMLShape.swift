import XMLSupport

/// The HTML tree compared without what HTML does not keep: `xmlns`, carriage returns,
/// and white space between elements (the renderer puts line breaks between blocks).
enum HTMLShape {
    static let scaffoldNames: Set<String> = ["html", "head", "meta", "title", "style", "body", "nav", "h2", "ol", "li", "a"]
    /// Elements the HTML parser adds around misplaced content.
    static let impliedNames: Set<String> = ["tbody", "tr", "p"]
    static let scaffoldAttributes: Set<[String]> = [
        ["meta", "charset", "utf-8"], ["meta", "name", "viewport"], ["meta", "content", "width=device-width, initial-scale=1"],
        ["nav", "class", "toc"], ["nav", "aria-label", "Contents"], ["html", "lang", "en"],
    ]

    /// HTML reads `\r\n` and `\r` as `\n`. Scalar by scalar: Foundation's
    /// `replacingOccurrences` would miss a `\r` that a combining mark follows.
    static func normalizedLineBreaks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            if scalar == "\n", previous == "\r" {
                previous = scalar
                continue
            }
            scalars.append(scalar == "\r" ? "\n" : scalar)
            previous = scalar
        }
        return String(scalars)
    }

    static func allElements(_ element: XMLOutputElement) -> [XMLOutputElement] {
        [element] + element.elements.flatMap(allElements)
    }

    static func canonical(_ element: XMLOutputElement) -> ParserOracle.Node {
        var attributes = element.attributes.filter { $0.key != "xmlns" }.map { [$0.key, normalizedLineBreaks($0.value)] }
        attributes.sort { $0.lexicographicallyPrecedes($1) }
        let children: [ParserOracle.Node] = element.children.map {
            switch $0 {
            case .text(let text): ParserOracle.Node(text: text)
            case .element(let child): canonical(child)
            }
        }
        return canonical(ParserOracle.Node(name: element.name, attributes: attributes, children: children))
    }

    /// `node` with adjacent texts joined, line breaks normalized and texts of white space
    /// alone left out.
    static func canonical(_ node: ParserOracle.Node) -> ParserOracle.Node {
        guard node.name != nil else { return node }
        var children: [ParserOracle.Node] = []
        for child in node.children ?? [] {
            if let text = child.text {
                if let last = children.last?.text {
                    children[children.count - 1].text = last + text
                } else {
                    children.append(child)
                }
            } else {
                children.append(canonical(child))
            }
        }
        for index in children.indices where children[index].text != nil {
            children[index].text = normalizedLineBreaks(children[index].text ?? "")
        }
        children.removeAll { $0.text.map { $0.allSatisfy { " \t\n\u{C}".contains($0) } } ?? false }
        var result = node
        result.attributes = (node.attributes ?? []).map { [$0[0], normalizedLineBreaks($0[1])] }
        result.children = children
        return result
    }
}
