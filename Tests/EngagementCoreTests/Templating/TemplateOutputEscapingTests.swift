import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// One model value and the exact forms it must take in XHTML text and attributes.
struct TemplateEscapingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var value: String
    var inText: String
    var inAttribute: String

    var testDescription: String { name }

    static let all: [TemplateEscapingCase] = [
        TemplateEscapingCase(name: "less-than", value: "a < b", inText: "a &lt; b", inAttribute: "a &lt; b"),
        TemplateEscapingCase(name: "ampersand", value: "Smith & Sons", inText: "Smith &amp; Sons", inAttribute: "Smith &amp; Sons"),
        TemplateEscapingCase(name: "double quotes", value: #"say "hi""#, inText: #"say "hi""#, inAttribute: "say &quot;hi&quot;"),
        TemplateEscapingCase(name: "apostrophe", value: "it's", inText: "it's", inAttribute: "it's"),
        TemplateEscapingCase(name: "CDATA end", value: "a]]>b", inText: "a]]&gt;b", inAttribute: "a]]&gt;b"),
        TemplateEscapingCase(name: "entity syntax in data", value: "&lt; &amp; &copy;", inText: "&amp;lt; &amp;amp; &amp;copy;", inAttribute: "&amp;lt; &amp;amp; &amp;copy;"),
        TemplateEscapingCase(
            name: "markup in data", value: "<script>alert('x')</script>",
            inText: "&lt;script&gt;alert('x')&lt;/script&gt;", inAttribute: "&lt;script&gt;alert('x')&lt;/script&gt;"),
        TemplateEscapingCase(
            name: "right-to-left marks", value: "\u{200F}שלום\u{200F} RLM", inText: "\u{200F}שלום\u{200F} RLM",
            inAttribute: "\u{200F}שלום\u{200F} RLM"),
        TemplateEscapingCase(name: "emoji", value: "Great 👍🏽 👨‍👩‍👧", inText: "Great 👍🏽 👨‍👩‍👧", inAttribute: "Great 👍🏽 👨‍👩‍👧"),
        TemplateEscapingCase(
            name: "combining characters", value: "Cafe\u{301} n\u{303}o", inText: "Cafe\u{301} n\u{303}o",
            inAttribute: "Cafe\u{301} n\u{303}o"),
    ]

    /// `value` written as XML character data of the model.
    var modelText: String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Data enters the output only as escaped text and attribute values.
@Suite("Template output escaping")
struct TemplateOutputEscapingTests {
    typealias Fixture = TemplatingFixtures

    func render(_ escapingCase: TemplateEscapingCase) throws -> XMLOutputElement {
        try Fixture.render(
            template: Fixture.template(#"<p t:attr-title="/client/v" t:text="/client/v">x</p>"#),
            model: "<client><v>\(escapingCase.modelText)</v></client>"
        ).root
    }

    @Test("Model text comes out escaped in text and attributes, byte for byte", arguments: TemplateEscapingCase.all)
    func escapedExactly(_ escapingCase: TemplateEscapingCase) throws {
        let output = Fixture.serialized(try render(escapingCase))
        let expected = Fixture.div(#"<p title="\#(escapingCase.inAttribute)">\#(escapingCase.inText)</p>"#)
        // Bytes, not String ==, which would equate composed and decomposed accents.
        #expect(Array(output.utf8) == Array(expected.utf8), "\(output)")
    }

    @Test("The output parses back to exactly the model's text and attribute value", arguments: TemplateEscapingCase.all)
    func roundTrips(_ escapingCase: TemplateEscapingCase) throws {
        let bytes = XMLWriter.serialize(try render(escapingCase), indent: true)
        let reparsed = try XMLDocument.parse(bytes: bytes, fileName: "output.xhtml")
        let paragraph = try #require(reparsed.root.elements.first)
        #expect(Array(paragraph.textContent.unicodeScalars) == Array(escapingCase.value.unicodeScalars))
        #expect(paragraph[attribute: "title"].map { Array($0.unicodeScalars) } == Array(escapingCase.value.unicodeScalars))
    }

    @Test("Escaped markup in the template itself is written escaped again")
    func templateTextEscaped() throws {
        let output = try Fixture.output(template: Fixture.template(#"<p title="a &amp; &lt;b&gt;">R&amp;D &lt;3</p>"#))
        #expect(output == Fixture.div(#"<p title="a &amp; &lt;b&gt;">R&amp;D &lt;3</p>"#))
    }

    @Test("A t:default holding markup characters is written as text")
    func defaultEscaped() throws {
        let output = try Fixture.output(template: Fixture.template(#"<p t:text="/client/none" t:default="&lt;none&gt; &amp; more">x</p>"#))
        #expect(output == Fixture.div("<p>&lt;none&gt; &amp; more</p>"))
    }

    @Test("Attribute values built by concat() with quotes of both kinds are escaped")
    func concatenatedQuotesEscaped() throws {
        let output = try Fixture.output(template: Fixture.template(#"<a t:attr-href="concat('?q=', &quot;it's&quot;, '&amp;x=&quot;1&quot;')">x</a>"#))
        #expect(output == Fixture.div(#"<a href="?q=it's&amp;x=&quot;1&quot;">x</a>"#))
    }
}
