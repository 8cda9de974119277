import Foundation
import Testing
import XMLSupport

@testable import EngagementCore
@testable import Rendering

/// The output code writes UTF-8 bytes directly; these tests hold it to the exact bytes
/// of the code it replaced (``ReferenceMarkdownRenderer`` and the others), on random
/// trees full of the characters where byte-level and `Character`-level rules could part:
/// syntax characters next to combining marks, `\r\n`, prepended marks, U+1FEF, NUL.
@Suite("Byte-level output matches the reference implementations")
struct OutputEquivalenceTests {
    static let seeds: [UInt64] = Array(1...400)

    @Test("Markdown is byte-for-byte the reference Markdown", arguments: seeds)
    func markdownMatchesReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        let document = generator.document()
        #expect(Array(MarkdownRenderer.render(document).utf8) == Array(ReferenceMarkdownRenderer.render(document).utf8))
    }

    @Test("HTML is byte-for-byte the reference HTML", arguments: seeds)
    func htmlMatchesReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        let document = generator.document()
        #expect(Array(HTMLRenderer.render(document).utf8) == Array(ReferenceHTMLRenderer.render(document).utf8))
    }

    @Test("Section hashes are those of the reference canonical form", arguments: seeds)
    func sectionHashesMatchReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        let document = generator.document()
        let sections = SectionFingerprint.sections(of: document)
        let reference = ReferenceSectionFingerprint.sections(of: document)
        #expect(sections.map(\.id) == reference.map(\.id))
        #expect(sections.map(\.hash) == reference.map(\.hash))
        #expect(SectionFingerprint.canonical(document) == ReferenceSectionFingerprint.canonical(document))
    }

    @Test("A document's reads are the reference's sorted lines, each path once", arguments: seeds)
    func documentReadsMatchReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        var reads: [String: String] = [:]
        for _ in 0..<generator.number(below: 30) { reads[generator.text()] = generator.text() }
        // ASCII paths, sorted as bytes rather than as Strings: prefixes of one another,
        // brackets, quotes, tabs, empty paths and hashes.
        var paths: [String: String] = [:]
        for _ in 0..<generator.number(below: 150) {
            var path = ""
            for _ in 0..<generator.number(below: 6) {
                path += generator.pick(["/client", "/a", "/a/b", "[@id='x']", "[1]", "[10]", "/*", "/@name", "Z", "\t", ""])
            }
            paths[path] = generator.pick(["cbf29ce484222325", "0add25bd68d3fb50", ""])
        }
        // Lines with repeated paths (a path always with the same hash, as in a trace),
        // ASCII or not, in any order, give the sorted lines of their dictionary.
        for table in [paths, reads] {
            var lines = table.map { (path: $0.key, hash: $0.value) }
            lines += lines.filter { _ in generator.number(below: 3) == 0 }
            lines.reverse()
            let built = DocumentReads.build(lines: lines, sections: [Array(lines.indices)])
            #expect(Array(built.reads.encodedLines.utf8) == Array(ReferenceSectionFingerprint.encode(table).utf8))
            #expect(built.sections == [LineNumbers.encode(Array(0..<table.count))])
        }
        let plain = paths.filter { !$0.key.isEmpty && !$0.key.contains("\t") }
        #expect(SectionReads.decode(SectionReads.encode(plain)) == plain)
    }

    @Test(
        "A syntax character followed by a combining mark is part of a larger character",
        arguments: ["a*\u{301}b", "-\u{301} x", "1.\u{301} x", "1\u{301}. x", "\u{663}. x", "\u{600}- x", "\u{1FEF}", " \u{301}a ", "a\u{600} ", "x\r\ny"]
    )
    func combiningMarksMatchReference(text: String) {
        let document = XMLOutputElement(name: "body", children: [
            .element(XMLOutputElement(name: "p", children: [.text(text)])),
            .element(XMLOutputElement(name: "p", children: [
                .element(XMLOutputElement(name: "em", children: [.text(text)])),
                .element(XMLOutputElement(name: "code", children: [.text(text + "`")])),
                .element(XMLOutputElement(name: "a", attributes: ["href": text + ") x"], children: [.text(text)])),
            ])),
            .element(XMLOutputElement(name: "blockquote", children: [.text(text + "\n" + text)])),
        ])
        #expect(Array(MarkdownRenderer.render(document).utf8) == Array(ReferenceMarkdownRenderer.render(document).utf8))
        #expect(Array(HTMLRenderer.render(document).utf8) == Array(ReferenceHTMLRenderer.render(document).utf8))
    }
}

/// Random output trees, the same for the same seed.
struct RandomTree {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func number(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ options: [T]) -> T { options[number(below: options.count)] }

    static let pieces: [String] = [
        "a", "b", "Word", "and more words", " ", "  ", "\n", "\r", "\r\n", "\t", "\\", "`", "*", "_", "[", "]", "<", ">",
        "#", "|", "~", "&", "\"", "'", "(", ")", "-", "+", ".", "1", "12", "0", "%", ";", "=", "/",
        "\u{301}", "\u{338}", "\u{200D}", "\u{903}", "\u{600}", "\u{1FEF}", "\u{663}", "½", "²", "“", "”", "é", "e\u{301}",
        "👍🏽", "👨‍👩‍👧", "\u{200F}", "\u{202E}", "שלום", "مرحبا", "中文", "\u{FEFF}", "\u{1}", "\u{7F}", "\u{85}",
        "\u{2028}", "≮", "K", "\u{212A}", "🇬🇧", "\u{FE0F}", "\u{20E3}", "각", "\u{1100}", "\u{0915}\u{094D}",
    ]

    mutating func text() -> String {
        var text = ""
        for _ in 0..<number(below: 7) {
            text += pick(Self.pieces)
        }
        return text
    }

    static let names = [
        "p", "h1", "h2", "h3", "h4", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "dl", "dt", "dd", "blockquote", "hr", "br", "img", "section", "div", "header", "nav", "figure", "figcaption",
        "head", "style", "script", "strong", "b", "em", "i", "code", "a", "span", "title", "svg:rect", "x",
    ]

    mutating func element(depth: Int) -> XMLOutputElement {
        let name = pick(Self.names)
        var attributes: [String: String] = [:]
        for _ in 0..<number(below: 4) {
            let attribute = pick(["class", "id", "href", "lang", "xml:lang", "xmlns", "title", "data-x", "é", "b"])
            attributes[attribute] = number(below: 4) == 0 ? pick(["number", "x number", "number\u{301}", "numbers"]) : text()
        }
        let namespaces: [String?] = [nil, nil, "http://www.w3.org/1999/xhtml", "urn:x", "q\"uote", "q\"'both", "a\u{0}b"]
        var children: [XMLOutputNode] = []
        if depth < 6 {
            for _ in 0..<number(below: depth < 2 ? 8 : 4) {
                if number(below: 3) == 0 {
                    children.append(.text(text()))
                } else {
                    children.append(.element(element(depth: depth + 1)))
                }
            }
        }
        return XMLOutputElement(name: name, namespaceURI: pick(namespaces), attributes: attributes, children: children)
    }

    mutating func document() -> XMLOutputElement {
        var children: [XMLOutputNode] = []
        if number(below: 2) == 0 {
            children.append(.element(XMLOutputElement(name: "head", children: [
                .element(XMLOutputElement(name: "title", children: [.text(text()), .text(text())])),
            ])))
        }
        var body = element(depth: 1)
        body.name = "body"
        children.append(.element(body))
        if number(below: 4) == 0 { children.append(.text(text())) }
        return XMLOutputElement(
            name: "html", namespaceURI: "http://www.w3.org/1999/xhtml", attributes: ["lang": pick(["en", "he", "a\"&<"])],
            children: children)
    }
}
