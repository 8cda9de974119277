import Foundation
import Testing
import XMLSupport

@testable import EngagementCore
@testable import Rendering

/// The output code writes UTF-8 bytes directly; these tests hold it to the exact bytes
/// of the code it replaced (``ReferenceMarkdownRenderer``), on random
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
    }
}
