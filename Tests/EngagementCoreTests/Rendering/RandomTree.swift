import XMLSupport

@testable import EngagementCore

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
