import XMLSupport

@testable import EngagementCore

/// Random documents that HTML and Markdown can both express without loss, the same for
/// the same seed: sections with an id and a heading, paragraphs, lists, tables,
/// blockquotes and definition lists, with emphasis, code, links, spans and line breaks
/// inside, and text drawn from ``AdversarialText``.
///
/// A paragraph follows every list, and list items start with a letter: Markdown joins
/// two lists of the same kind that follow each other, and reads an empty nested item as a
/// heading underline.
///
/// Emphasis always has a letter at either edge and a space or a block edge outside:
/// Markdown's flanking rules make `_` next to punctuation or a letter plain text, which
/// is how the writer's emphasis works, not a matter of escaping.
struct WellFormedTree {
    private var random: RandomTree

    init(seed: UInt64) { random = RandomTree(seed: seed) }

    mutating func text() -> String {
        random.number(below: 3) == 0 ? random.pick(AdversarialText.strings) : random.text()
    }

    private func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLOutputNode]) -> XMLOutputNode {
        .element(XMLOutputElement(name: name, attributes: attributes, children: children))
    }

    /// Inline content: items separated by spaces; line breaks only where `breaks` allows.
    mutating func inline(breaks: Bool) -> [XMLOutputNode] {
        var nodes: [XMLOutputNode] = []
        for index in 0..<(1 + random.number(below: 4)) {
            if index > 0 {
                nodes.append(breaks && random.number(below: 5) == 0 ? element("br", [:], []) : .text(" "))
            }
            switch random.number(below: 8) {
            case 0: nodes.append(element(random.pick(["em", "i"]), [:], [.text("x" + text() + "x")]))
            case 1: nodes.append(element(random.pick(["strong", "b"]), [:], [.text("x" + text() + "x")]))
            case 2:
                let emphasis = element("em", [:], [.text("x" + text() + "x")])
                nodes.append(element("strong", [:], [.text("x "), emphasis, .text(" x")]))
            case 3: nodes.append(element("code", [:], [.text(text())]))
            case 4: nodes.append(element("a", ["href": random.pick(AdversarialText.hrefs)], [.text("x" + text() + "x")]))
            case 5: nodes.append(element("span", ["title": text()], [.text(text())]))
            default: nodes.append(.text(text()))
            }
        }
        return nodes
    }

    mutating func list(depth: Int) -> XMLOutputNode {
        var items: [XMLOutputNode] = []
        for _ in 0..<(1 + random.number(below: 4)) {
            // A letter first: an empty nested item under a line of text reads as that
            // line's heading underline (`-`), a limit of the writer, not of escaping.
            var children = [XMLOutputNode.text("x ")] + inline(breaks: true)
            if depth < 2, random.number(below: 4) == 0 { children.append(list(depth: depth + 1)) }
            items.append(element("li", [:], children))
        }
        return element(random.pick(["ul", "ol"]), [:], items)
    }

    mutating func table() -> XMLOutputNode {
        let width = 1 + random.number(below: 3)
        let numeric = (0..<width).map { _ in random.number(below: 3) == 0 }
        let header = element("tr", [:], (0..<width).map { column in
            element("th", numeric[column] ? ["class": "number"] : [:], inline(breaks: false))
        })
        var groups = [element("thead", [:], [header])]
        let rows = (0..<random.number(below: 3)).map { _ in
            element("tr", [:], (0..<width).map { _ in element("td", [:], inline(breaks: true)) })
        }
        if !rows.isEmpty { groups.append(element("tbody", [:], rows)) }
        return element("table", [:], groups)
    }

    mutating func block() -> XMLOutputNode {
        switch random.number(below: 7) {
        case 0: return list(depth: 0)
        case 1: return table()
        case 2: return element("blockquote", [:], [element("p", [:], inline(breaks: true))])
        case 3:
            var children: [XMLOutputNode] = []
            for _ in 0..<(1 + random.number(below: 2)) {
                children.append(element("dt", [:], [.text("x" + text() + "x")]))
                children.append(element("dd", [:], inline(breaks: true)))
            }
            return element("dl", [:], children)
        case 4: return element("hr", [:], [])
        default: return element("p", [:], inline(breaks: true))
        }
    }

    mutating func document() -> XMLOutputElement {
        var sections: [XMLOutputNode] = []
        for _ in 0..<(1 + random.number(below: 3)) {
            var children = [element("h2", [:], inline(breaks: false))]
            for _ in 0..<(1 + random.number(below: 4)) {
                children.append(block())
                // Markdown joins two lists of the same kind that follow each other (a
                // known limit of the writer, not of escaping), so a paragraph ends each.
                if case .element(let last) = children.last, ["ul", "ol", "dl"].contains(last.name) {
                    children.append(element("p", [:], [.text("x")]))
                }
            }
            sections.append(element("section", ["id": text()], children))
        }
        let head = element("head", [:], [element("title", [:], [.text(text())])])
        return XMLOutputElement(name: "html", attributes: ["lang": text()], children: [head, element("body", [:], sections)])
    }
}

/// Strings built to break escaping: every character Markdown or HTML gives a meaning,
/// each alone and followed by a combining mark (U+0301, U+0338), zero-width joiners, line
/// breaks, control characters, right-to-left marks and emoji sequences.
enum AdversarialText {
    static let specials = ["\"", "'", "<", ">", "&", "*", "_", "[", "]", "`", "#", "|", "!", "~", "\\", "-", "+", "=", "(", ")", ":", "@"]

    static let strings: [String] = {
        var strings: [String] = []
        for special in specials {
            strings.append(special)
            strings.append(special + "\u{301}")
            strings.append(special + "\u{338}")
            strings.append(special + "\u{200D}")
        }
        strings += [
            "Northgate\"\u{338} onmouseover=alert(1) x=\"",
            "Northgate'\u{338} onmouseover='alert(1)",
            "<\u{301}script>alert(1)<\u{301}/script>",
            "<script>alert(1)</script>",
            "&\u{301}amp; &amp\u{301}; &#x22; &lt;",
            "*\u{301}plain*\u{301}", "_\u{301}plain_\u{301}", "**\u{301}bold**\u{301}",
            "`\u{301}code`\u{301}", "~\u{301}strike~\u{301}", "~~\u{301}strike~~\u{301}",
            "[\u{301}link]\u{301}(\u{301}http://x)", "![\u{301}image](x)", "[x](y)", "![x](y)",
            "<\u{301}div>", "<div>", "<!-- c -->", "<![CDATA[x]]>",
            "#\u{301} heading", "# heading", "- item", "-\u{301} item", "+ item", "* item", "1. item", "1) item",
            "1\u{301}. item", "\u{663}. item", "2024. year", "---", "***", "___", "===", "> quote", ">\u{301} quote",
            "| a | b |", "|\u{301} a |\u{301}", "a | b", "- [ ] task", "[^1]", "[x]: http://x",
            "    indented", "\tindented", "\u{A0}\u{A0}nbsp", "trailing  ",
            "a\nb", "a\r\nb", "a\rb", "\n\n", "a\n- b", "a\n# b", "a\n===", "a\n    b",
            "\u{1}\u{2}\u{7}\u{8}\u{B}\u{C}\u{1B}\u{1F}\u{7F}\u{85}",
            "\u{200F}שלום\u{200F}", "\u{202E}reversed\u{202C}", "مرحبا \u{200E}x",
            "👍🏽", "👨‍👩‍👧", "🇬🇧", "1\u{FE0F}\u{20E3}", "e\u{301}", "\u{1FEF}", "\u{FEFF}x", "\u{2028}",
            "www.example.com", "http://example.com/a_b", "https://x.y", "x:\u{301}//y",
            "\\*", "\\\\", "\\\u{301}", "a\\", "&copy;", "&#42;", "&#x2a;",
            "x!", "x!\u{301}",
        ]
        return strings
    }()

    static let hrefs = [
        "#top", "http://example.com/a?b=1&c=2", "x y", "a)b", "a(b", "<a>", "a\\b", "&amp;", "a\"b", "a'b",
        "https://example.com/\u{301}", "a*b_c", "\u{1}", "#\u{338}\"",
    ]
}
