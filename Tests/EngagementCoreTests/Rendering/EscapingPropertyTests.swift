import Foundation
import Testing
import XMLSupport

@testable import Rendering

/// Data survives rendering as data: parsed by html5lib (HTML) or by cmark-gfm and then
/// html5lib (Markdown), the output has the input's text, and no element or attribute
/// that the input did not have. The inputs are strings built to break escaping
/// (``AdversarialText``) and seeded random trees.
@Suite("Escaping checked by html5lib and cmark-gfm")
struct EscapingPropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    /// Every document the tests render, parsed by one Python process.
    static let parses = ParserOracle.parseAll({
        var documents: [(ParserOracle.Kind, String)] = []
        for text in AdversarialText.strings {
            documents.append((.html, HTMLRenderer.render(document(with: text))))
            documents.append((.markdown, MarkdownRenderer.render(document(with: text))))
        }
        for seed in seeds {
            var wellFormed = WellFormedTree(seed: seed)
            let document = wellFormed.document()
            documents.append((.html, HTMLRenderer.render(document)))
            documents.append((.markdown, MarkdownRenderer.render(document)))
            documents.append((.html, HTMLRenderer.render(anyTree(seed: seed))))
        }
        return documents
    }())

    static func parse(_ kind: ParserOracle.Kind, _ source: String) throws -> ParserOracle.Parse {
        let parse = try parses.get()[ParserOracle.key(kind, source)]
        return try #require(parse, "the document was not in the batch given to the parsers")
    }

    /// A ``RandomTree`` whose attribute values each end with one of ``AdversarialText``:
    /// the random pieces alone rarely put a combining mark after a quote.
    static func anyTree(seed: UInt64) -> XMLOutputElement {
        var generator = RandomTree(seed: seed)
        var document = generator.document()
        func spoil(_ element: inout XMLOutputElement) {
            for name in element.attributes.keys.sorted() { element.attributes[name, default: ""] += generator.pick(AdversarialText.strings) }
            for index in element.children.indices {
                guard case .element(var child) = element.children[index] else { continue }
                spoil(&child)
                element.children[index] = .element(child)
            }
        }
        spoil(&document)
        return document
    }

    /// One document with `text` in every place data can go.
    static func document(with text: String) -> XMLOutputElement {
        func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLOutputNode]) -> XMLOutputNode {
            .element(XMLOutputElement(name: name, attributes: attributes, children: children))
        }
        let inline: [XMLOutputNode] = [
            .text(text), .text(" "), element("em", [:], [.text("x" + text + "x")]), .text(" "),
            element("strong", [:], [.text("x" + text + "x")]), .text(" "), element("code", [:], [.text(text)]), .text(" "),
            element("span", ["title": text], [.text(text)]), .text(" x" + text),
            element("a", ["href": text], [.text("x" + text + "x")]), element("br", [:], []), .text(text),
        ]
        let section = element("section", ["id": text], [
            element("h2", [:], [.text(text)]),
            element("p", [:], inline),
            element("p", [:], [element("a", ["href": "#" + text], [.text(text)])]),
            element("ul", [:], [element("li", [:], inline), element("li", [:], [.text(text)])]),
            element("ol", [:], [element("li", [:], [.text(text)])]),
            element("table", [:], [
                element("thead", [:], [element("tr", [:], [element("th", [:], [.text(text)]), element("th", ["class": "number"], inline)])]),
                element("tbody", [:], [element("tr", [:], [element("td", [:], inline), element("td", [:], [.text(text)])])]),
            ]),
            element("blockquote", [:], [element("p", [:], inline)]),
            element("dl", [:], [element("dt", [:], [.text("x" + text + "x")]), element("dd", [:], inline)]),
        ])
        let head = element("head", [:], [element("title", [:], [.text(text)])])
        return XMLOutputElement(name: "html", attributes: ["lang": text], children: [head, element("body", [:], [section])])
    }

    // MARK: HTML

    @Test("HTML of data in every place parses back to the same elements, attributes and text", arguments: AdversarialText.strings)
    func htmlRoundTripsAdversarialText(text: String) throws {
        try expectHTMLRoundTrips(Self.document(with: text))
    }

    @Test("HTML of a random well-formed tree parses back to the tree", arguments: seeds)
    func htmlRoundTripsRandomTree(seed: UInt64) throws {
        var generator = WellFormedTree(seed: seed)
        try expectHTMLRoundTrips(generator.document())
    }

    @Test("HTML of any random tree has only the input's elements and attributes", arguments: seeds)
    func htmlOfAnyTreeAddsNoElementOrAttribute(seed: UInt64) throws {
        let document = Self.anyTree(seed: seed)
        let html = HTMLRenderer.render(document)
        let parsed = try Self.parse(.html, html).tree
        var names: Set<String> = HTMLShape.scaffoldNames.union(HTMLShape.impliedNames)
        var attributes: Set<[String]> = HTMLShape.scaffoldAttributes
        for element in HTMLShape.allElements(document) {
            names.insert(element.name)
            for (name, value) in element.attributes where name != "xmlns" {
                attributes.insert([element.name, name, HTMLShape.normalizedLineBreaks(value)])
            }
        }
        for case .element(let body) in document.children where body.name == "body" {
            for case .element(let section) in body.children where section.name == "section" {
                if let id = section.attributes["id"] { attributes.insert(["a", "href", "#" + HTMLShape.normalizedLineBreaks(id)]) }
            }
        }
        for element in parsed.allElements {
            let name = element.name ?? ""
            #expect(names.contains(name), "html5lib found <\(name)>, which the input does not have, in\n\(html)")
            for attribute in element.attributes ?? [] {
                #expect(attributes.contains([name] + attribute), "html5lib found \(attribute) on <\(name)> in\n\(html)")
            }
        }
    }

    private func expectHTMLRoundTrips(_ document: XMLOutputElement, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let html = HTMLRenderer.render(document)
        let parsed = try Self.parse(.html, html).tree
        let body = try #require(parsed.first(named: "body"))
        let inputBody = try #require(document.elements.first { $0.name == "body" })
        var parsedBody = HTMLShape.canonical(body)
        // The renderer adds the table of contents; the rest must be the input's body.
        parsedBody.children?.removeAll { $0.name == "nav" }
        #expect(parsedBody == HTMLShape.canonical(inputBody), "\(html)", sourceLocation: sourceLocation)
        let title = document.elements.first { $0.name == "head" }?.elements.first { $0.name == "title" }?.textContent
        #expect(parsed.first(named: "title")?.textContent == title.map(HTMLShape.normalizedLineBreaks), sourceLocation: sourceLocation)
        #expect(parsed.attributes == [["lang", HTMLShape.normalizedLineBreaks(document.attributes["lang"] ?? "")]], sourceLocation: sourceLocation)
        let contents = parsed.first(named: "nav")?.allElements.filter { $0.name == "a" } ?? []
        let sections = inputBody.elements.filter { $0.name == "section" }
        #expect(contents.map { $0.attributes ?? [] } == sections.map { [["href", "#" + HTMLShape.normalizedLineBreaks($0.attributes["id"] ?? "")]] }, sourceLocation: sourceLocation)
        #expect(contents.map(\.textContent) == sections.map { HTMLShape.normalizedLineBreaks($0.elements.first?.textContent ?? "") }, sourceLocation: sourceLocation)
    }

    // MARK: Markdown

    /// Where `found` and `expected` part, for a failure message about long texts.
    static func difference(_ found: String, _ expected: String) -> String {
        let common = zip(found.unicodeScalars, expected.unicodeScalars).prefix { $0 == $1 }.count
        func tail(_ text: String) -> String { String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(common).prefix(40))) }
        return "found \(String(reflecting: tail(found))), expected \(String(reflecting: tail(expected))) after \(common) scalars"
    }

    @Test("Markdown of data in every place keeps its text and opens no construct", arguments: AdversarialText.strings)
    func markdownKeepsAdversarialText(text: String) throws {
        try expectMarkdownKeepsTextAndStructure(Self.document(with: text))
    }

    @Test("Markdown of a random well-formed tree keeps its text and its constructs", arguments: seeds)
    func markdownKeepsRandomTree(seed: UInt64) throws {
        var generator = WellFormedTree(seed: seed)
        try expectMarkdownKeepsTextAndStructure(generator.document())
    }

    private func expectMarkdownKeepsTextAndStructure(_ document: XMLOutputElement, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let markdown = MarkdownRenderer.render(document)
        let parse = try Self.parse(.markdown, markdown)
        let body = try #require(parse.tree.first(named: "body"))
        var expected = MarkdownShape()
        for case .element(let element) in document.children where element.name == "body" { expected.add(element.children) }
        let parsed = MarkdownShape(parsed: body)
        let context = "Markdown:\n\(markdown)\ncmark-gfm:\n\(parse.html ?? "")"
        #expect(parsed.text == expected.text, "\(Self.difference(parsed.text, expected.text))\n\(context)", sourceLocation: sourceLocation)
        // A line break at either end of a block is trimmed with the spaces around it.
        #expect(parsed.elements["br", default: 0] <= expected.elements["br", default: 0], "\(context)", sourceLocation: sourceLocation)
        #expect(parsed.elements.filter { $0.key != "br" } == expected.elements.filter { $0.key != "br" }, "\(context)", sourceLocation: sourceLocation)
        #expect(parsed.attributes == expected.attributes, "\(context)", sourceLocation: sourceLocation)
    }
}

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
