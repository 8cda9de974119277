import Foundation
import Rendering
import Testing
import XMLSupport

/// Where the HTML page puts its table of contents: after the cover, which is a section
/// without a heading of its own, and before the first section it lists.
@Suite("HTML contents placement")
struct HTMLContentsPlacementTests {
    static func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLOutputNode]) -> XMLOutputElement {
        XMLOutputElement(name: name, attributes: attributes, children: children)
    }

    @Test("The contents follow the cover section and precede the first section with a heading")
    func contentsAfterCover() {
        let cover = Self.element("section", ["id": "cover"], [.element(Self.element("header", ["class": "cover"], [.element(Self.element("h1", [:], [.text("Strategy")]))]))])
        let summary = Self.element("section", ["id": "summary"], [.element(Self.element("h2", [:], [.text("Summary")])), .element(Self.element("p", [:], [.text("Text.")]))])
        let body = Self.element("body", [:], [.element(cover), .element(summary)])
        let html = HTMLRenderer.render(Self.element("html", [:], [.element(Self.element("head", [:], [])), .element(body)]))
        let coverAt = try? #require(html.range(of: "<section id=\"cover\"")).lowerBound
        let contentsAt = try? #require(html.range(of: "<nav class=\"toc\"")).lowerBound
        let summaryAt = try? #require(html.range(of: "<section id=\"summary\"")).lowerBound
        #expect(coverAt != nil && contentsAt != nil && summaryAt != nil)
        if let coverAt, let contentsAt, let summaryAt {
            #expect(coverAt < contentsAt && contentsAt < summaryAt, "\(html)")
        }
        #expect(!html.contains("href=\"#cover\""), "the cover is not listed")
    }
}
