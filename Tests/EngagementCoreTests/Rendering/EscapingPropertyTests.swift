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
