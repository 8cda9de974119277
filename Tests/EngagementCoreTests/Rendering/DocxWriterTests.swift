import Foundation
import Rendering
import Testing
import XMLSupport

/// The Word document's own rules, each checked on a small XHTML document: what Word would
/// call damaged (a cell without a paragraph, merged adjacent tables), numbering that
/// restarts per list, links to bookmarks Word accepts, text XML cannot hold, the house
/// style in the styles, and the same bytes every time.
@Suite("DOCX writer")
struct DocxWriterTests {
    static func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLOutputNode] = []) -> XMLOutputElement {
        XMLOutputElement(name: name, attributes: attributes, children: children)
    }

    static func text(_ name: String, _ text: String, _ attributes: [String: String] = [:]) -> XMLOutputNode {
        .element(element(name, attributes, [.text(text)]))
    }

    /// An XHTML document with `head` children and `body` children.
    static func document(head: [XMLOutputNode] = [], _ body: [XMLOutputNode]) -> XMLOutputElement {
        element("html", [:], [.element(element("head", [:], [text("title", "Strategy: Client")] + head)), .element(element("body", [:], body))])
    }

    static func part(_ root: XMLOutputElement, _ path: String) throws -> SourceElement {
        let part = try #require(DocxWriter.parts(of: root).first { $0.path == path })
        return try XMLDocument.parse(bytes: part.bytes, fileName: path).root
    }

    static func descendants(_ element: SourceElement, named name: String) -> [SourceElement] {
        element.elements.flatMap { ($0.name == name ? [$0] : []) + descendants($0, named: name) }
    }

    static func table(_ cells: [String]) -> XMLOutputNode {
        .element(element("table", [:], [.element(element("tbody", [:], [.element(element("tr", [:], cells.map { text("td", $0) }))]))]))
    }

    @Test("Adjacent tables get a paragraph between them, every cell ends in a paragraph, and the body ends in one")
    func tablesKeepWordsRules() throws {
        let root = Self.document([.element(Self.element("section", ["id": "s"], [Self.text("h2", "Tables"), Self.table(["a", ""]), Self.table(["b"])]))])
        let body = try #require(try Self.part(root, "word/document.xml").element(named: "body"))
        let kinds = body.elements.map(\.name)
        let tables = kinds.indices.filter { kinds[$0] == "tbl" }
        #expect(tables.count == 2)
        #expect(tables[1] - tables[0] == 2 && kinds[tables[0] + 1] == "p", "\(kinds)")
        #expect(kinds.suffix(2) == ["p", "sectPr"])
        for cell in Self.descendants(body, named: "tc") {
            #expect(cell.elements.last?.name == "p")
        }
    }

    @Test("Each ordered list restarts at 1 with a numbering of its own; bullets share one; abstract numberings come first")
    func orderedListsRestart() throws {
        let list = { (name: String) -> XMLOutputNode in .element(Self.element(name, [:], [Self.text("li", "one"), Self.text("li", "two")])) }
        let root = Self.document([list("ol"), list("ul"), list("ol")])
        let body = try #require(try Self.part(root, "word/document.xml").element(named: "body"))
        let numbers = Self.descendants(body, named: "numId").compactMap { $0.word("val") }
        #expect(numbers == ["2", "2", "1", "1", "3", "3"])
        let numbering = try Self.part(root, "word/numbering.xml")
        let kinds = numbering.elements.map(\.name)
        #expect(kinds == ["abstractNum", "abstractNum", "num", "num", "num"])
        #expect(Self.descendants(numbering, named: "startOverride").count == 2)
    }

    @Test("Element ids become bookmarks Word accepts, and links to them point at those bookmarks", arguments: [
        ("summary", "summary"),
        ("1st-stage", "s1st_stage"),
        ("touchpoint-a-very-long-identifier-that-goes-on-past-forty", "touchpoint_a_very_long_identifier_that_g"),
    ])
    func bookmarksAndLinks(id: String, bookmark: String) throws {
        let link = XMLOutputNode.element(Self.element("p", [:], [.text("See "), .element(Self.element("a", ["href": "#\(id)"], [.text("there")])), .text(".")]))
        let root = Self.document([link, .element(Self.element("section", ["id": id], [Self.text("h2", "Target")]))])
        let body = try Self.part(root, "word/document.xml")
        #expect(Self.descendants(body, named: "bookmarkStart").compactMap { $0.word("name") }.contains(bookmark))
        #expect(Self.descendants(body, named: "hyperlink").first?.word("anchor") == bookmark)
        #expect(bookmark.count <= 40)
    }

    @Test("Whitespace collapses as a browser shows it; characters XML cannot hold are dropped")
    func textIsCleaned() throws {
        let paragraph = XMLOutputNode.element(Self.element("p", [:], [.text("  Hello \n  \u{1}big"), .element(Self.element("strong", [:], [.text(" world\u{FFFE} ")])), .text(" !")]))
        let body = try Self.part(Self.document([paragraph]), "word/document.xml")
        let runs = Self.descendants(body, named: "t").map(\.textContent)
        #expect(runs.joined() == "Hello big world !")
        #expect(runs == ["Hello big", " world", " !"])
    }

    @Test("The house style of the head reaches the styles and the page: colours, fonts, Letter size")
    func houseStyleInStyles() throws {
        let head: [XMLOutputNode] = [
            .element(Self.element("meta", ["name": "colour-primary", "content": "#0B5D4B"])),
            .element(Self.element("meta", ["name": "font-body", "content": "Source Sans 3"])),
            .element(Self.element("meta", ["name": "page-size", "content": "Letter"])),
            .element(Self.element("meta", ["name": "language", "content": "en-US"])),
        ]
        let root = Self.document(head: head, [Self.text("h2", "Heading")])
        let styles = try Self.part(root, "word/styles.xml")
        let heading = try #require(styles.elements.first { $0.word("styleId") == "Heading1" })
        #expect(Self.descendants(heading, named: "color").first?.word("val") == "0B5D4B")
        #expect(Self.descendants(styles, named: "rFonts").first?.word("ascii") == "Source Sans 3")
        #expect(Self.descendants(styles, named: "lang").first?.word("val") == "en-US")
        let size = try #require(Self.descendants(try Self.part(root, "word/document.xml"), named: "pgSz").first)
        #expect(size.word("w") == "12240" && size.word("h") == "15840")
    }

    @Test("The contents are a TOC field Word updates on opening, listing the sections until it does")
    func tableOfContentsField() throws {
        let sections: [XMLOutputNode] = ["One", "Two"].map { .element(Self.element("section", ["id": $0.lowercased()], [Self.text("h2", $0)])) }
        let root = Self.document(sections)
        let body = try Self.part(root, "word/document.xml")
        let characters = Self.descendants(body, named: "fldChar")
        #expect(characters.map { $0.word("fldCharType") } == ["begin", "separate", "end"])
        #expect(characters.first?.word("dirty") == "true")
        #expect(Self.descendants(body, named: "instrText").first?.textContent == #" TOC \o "1-3" \h \z \u "#)
        let settings = try Self.part(root, "word/settings.xml")
        #expect(settings.element(named: "updateFields")?.word("val") == "true")
    }

    @Test("The same document gives the same bytes, with fixed entry dates")
    func bytesAreDeterministic() throws {
        let root = Self.document([.element(Self.element("section", ["id": "s"], [Self.text("h2", "Same"), Self.table(["x", "y"])]))])
        let first = DocxWriter.render(root)
        #expect(first == DocxWriter.render(root))
        // The first local file header's date and time (offsets 10-13): 1 January 1980, 00:00.
        #expect(Array(first[10..<14]) == [0, 0, 0x21, 0])
    }
}

extension SourceElement {
    /// The WordprocessingML attribute `name` (`w:name`).
    fileprivate func word(_ name: String) -> String? {
        attribute(name, namespaceURI: "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
    }
}
