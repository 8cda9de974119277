import Testing

@testable import XMLSupport

/// Canonical XML 1.0 without comments: equal information gives equal bytes.
@Suite("Canonical serialization")
struct CanonicalizationTests {
    static func canonical(_ text: String, whitespace: XMLWhitespaceHandling = .preserve) throws -> String {
        String(decoding: try TestXML.parse(text, whitespace: whitespace).canonicalBytes(), as: UTF8.self)
    }

    @Test func canonicalFormSortsAttributesUsesDoubleQuotesAndExpandsEmptyElements() throws {
        let text = "<?xml version=\"1.0\"?>\n<r b='2' a=\"1\"><e/><f x='&lt;&quot;'/></r>"
        #expect(try Self.canonical(text) == #"<r a="1" b="2"><e></e><f x="&lt;&quot;"></f></r>"#)
    }

    @Test(
        "Documents that differ only in form have identical canonical bytes",
        arguments: [
            ("<r a=\"1\" b=\"2\"/>", "<r b=\"2\" a=\"1\"/>"),
            ("<r a=\"1\"/>", "<r a='1'/>"),
            ("<r><e/></r>", "<r><e></e></r>"),
            ("<r  a = \"1\"  ></r  >", "<r a=\"1\"/>"),
            ("<r>A&amp;B</r>", "<r>&#65;&#x26;&#66;</r>"),
            ("<r>a&lt;b</r>", "<r><![CDATA[a<b]]></r>"),
            ("<r>x</r>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- note --><r>x<!-- inner --></r>"),
            ("<r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"/>", "<r xmlns:b=\"urn:b\" xmlns:a=\"urn:a\"/>"),
        ]
    )
    func formOnlyDifferencesCanonicalizeEqually(first: String, second: String) throws {
        let a = try TestXML.parse(first).canonicalBytes()
        let b = try TestXML.parse(second).canonicalBytes()
        #expect(a == b, "\(String(decoding: a, as: UTF8.self)) vs \(String(decoding: b, as: UTF8.self))")
    }

    @Test func attributeOrderQuotesAndEmptyElementsTogetherCanonicalizeEqually() throws {
        let first = """
            <plan id="p1" version='2'><step n="1" kind='call'/><step kind="visit" n="2"></step></plan>
            """
        let second = """
            <plan version="2" id='p1'><step kind="call" n='1'></step><step n="2" kind="visit"/></plan>
            """
        #expect(try TestXML.parse(first).canonicalBytes() == TestXML.parse(second).canonicalBytes())
    }

    @Test(
        "Documents that differ in content have different canonical bytes",
        arguments: [
            ("<r a=\"1\"/>", "<r a=\"2\"/>"),
            ("<r a=\"1\"/>", "<r A=\"1\"/>"),
            ("<r a=\"1\"/>", "<r a=\"1\" b=\"\"/>"),
            ("<r>x</r>", "<r>y</r>"),
            ("<r>x</r>", "<r> x</r>"),
            ("<r><a/><b/></r>", "<r><b/><a/></r>"),
            ("<r><a/></r>", "<s><a/></s>"),
            ("<r xmlns=\"urn:a\"/>", "<r xmlns=\"urn:b\"/>"),
            ("<r><a/></r>", "<r><a><a/></a></r>"),
            ("<r>x</r>", "<r>x</r><?pi data?>"),
        ]
    )
    func contentDifferencesCanonicalizeDifferently(first: String, second: String) throws {
        #expect(try TestXML.parse(first).canonicalBytes() != TestXML.parse(second).canonicalBytes())
    }

    @Test func indentationMattersUnlessBlankNodesAreDropped() throws {
        let indented = "<r>\n  <a>1</a>\n  <b/>\n</r>"
        let compact = "<r><a>1</a><b/></r>"
        #expect(try Self.canonical(indented) != Self.canonical(compact))
        #expect(try Self.canonical(indented, whitespace: .dropBlankNodes) == Self.canonical(compact))
    }

    @Test func nonASCIITextIsWrittenAsUTF8() throws {
        let bytes = try TestXML.parse("<r t='é'>日本 &#x1F600;</r>").canonicalBytes()
        #expect(bytes == Array("<r t=\"é\">日本 😀</r>".utf8))
    }

    @Test func canonicalBytesAreStableAcrossCalls() throws {
        let document = try TestXML.parse("<r b='2' a='1'>text</r>")
        let first = try document.canonicalBytes()
        #expect(try document.canonicalBytes() == first)
        #expect(first == Array(#"<r a="1" b="2">text</r>"#.utf8))
    }
}
