import Foundation
import Testing

@testable import XMLSupport

/// Building the ``SourceElement`` tree from bytes and files.
@Suite("Parsing")
struct ParsingTests {
    @Test func treeHoldsElementsAttributesAndTextInDocumentOrder() throws {
        let document = try TestXML.parse(
            """
            <order id="o-7" status='open'>
              <item sku="a">Apples</item>
              <note>Deliver <em>before</em> noon</note>
              <item sku="b">Pears</item>
            </order>
            """, fileName: "order.xml")

        #expect(document.fileName == "order.xml")
        let root = document.root
        #expect(root.name == "order")
        #expect(root.attributes.map(\.name) == ["id", "status"])
        #expect(root[attribute: "id"] == "o-7")
        #expect(root[attribute: "status"] == "open")
        #expect(root[attribute: "missing"] == nil)
        #expect(root.elements.map(\.name) == ["item", "note", "item"])
        #expect(root.elements(named: "item").map { $0[attribute: "sku"] } == ["a", "b"])
        let note = try #require(root.element(named: "note"))
        #expect(note.textContent == "Deliver before noon")
        #expect(note.children.count == 3)
        #expect(note.children.first == .text("Deliver "))
        #expect(root.element(named: "absent") == nil)
    }

    @Test func entitiesCharacterReferencesAndCDATAAreDecodedAndMergedIntoOneTextRun() throws {
        let document = try TestXML.parse("<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;<![CDATA[<c>&amp;]]>!</a>")
        #expect(document.root.children == [.text("<&>\"'AB<c>&amp;!")])
    }

    @Test func attributeValuesAreDecodedAndNormalized() throws {
        let document = try TestXML.parse("<a v=\"1 &lt; 2 &amp;&#x20;3\" tab=\"x\ty\"/>")
        #expect(document.root[attribute: "v"] == "1 < 2 & 3")
        // XML attribute-value normalization turns a literal tab into a space.
        #expect(document.root[attribute: "tab"] == "x y")
    }

    @Test func commentsAndProcessingInstructionsAreLeftOutOfTheTree() throws {
        let document = try TestXML.parse("<?xml version=\"1.0\"?><!-- top --><a>x<!-- inner -->y<?pi data?>z</a><!-- end -->")
        #expect(document.root.children == [.text("xyz")])
    }

    @Test func whitespaceIsPreservedByDefault() throws {
        let document = try TestXML.parse("<r>\n  <a>1</a>\n</r>")
        #expect(document.root.children.count == 3)
        #expect(document.root.children.first == .text("\n  "))
    }

    @Test func dropBlankNodesRemovesIndentationButKeepsMixedContent() throws {
        let document = try TestXML.parse(
            "<r>\n  <a>1</a>\n  <c>x <i>y</i> z</c>\n</r>", whitespace: .dropBlankNodes)
        #expect(document.root.children.count == 2)
        #expect(document.root.elements.map(\.name) == ["a", "c"])
        let mixed = try #require(document.root.element(named: "c"))
        #expect(mixed.textContent == "x y z")
    }

    @Test func normalizedTextCollapsesLayoutWhitespace() throws {
        let document = try TestXML.parse("<p>\n   Wait   times\n\tfell <b>by</b>\n  half.  </p>")
        #expect(document.root.normalizedText == "Wait times fell by half.")
    }

    @Test func namespacesAreResolvedAndPrefixedAttributesAreKeptApart() throws {
        let document = try TestXML.parse(
            #"<r xmlns="urn:default" xmlns:x="urn:x"><x:a x:id="1" id="2"/><b/></r>"#)
        let root = document.root
        #expect(root.namespaceURI == "urn:default")
        let a = try #require(root.elements.first)
        #expect(a.name == "a")
        #expect(a.namespaceURI == "urn:x")
        #expect(a[attribute: "id"] == "2")
        #expect(a.attribute("id", namespaceURI: "urn:x") == "1")
        #expect(root.elements.last?.namespaceURI == "urn:default")
        // Namespace declarations are not attributes.
        #expect(root.attributes.isEmpty)
    }

    @Test func latin1DocumentIsDecodedFromItsDeclaredEncoding() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf".utf8) + [0xE9] + Array(" <b/></a>".utf8)
        let document = try XMLDocument.parse(bytes: bytes, fileName: "latin1.xml")
        #expect(document.root.textContent == "café ")
        #expect(document.root.elements.first?.position == SourcePosition(line: 2, column: 9))
    }

    @Test func utf16DocumentWithByteOrderMarkIsDecoded() throws {
        let bytes = TestXML.utf16LittleEndian("<x a=\"é\">日本<y/></x>")
        let document = try XMLDocument.parse(bytes: bytes, fileName: "utf16.xml")
        #expect(document.root.name == "x")
        #expect(document.root[attribute: "a"] == "é")
        #expect(document.root.textContent == "日本")
        #expect(document.root.elements.map(\.name) == ["y"])
    }

    @Test func bytesOverTheLimitAreRefusedBeforeParsing() throws {
        let limits = XMLLimits(maximumBytes: 1024, maximumDepth: 8)
        let atLimit = "<a>" + String(repeating: "x", count: 1024 - 7) + "</a>"
        #expect(atLimit.utf8.count == 1024)
        #expect(try TestXML.parse(atLimit, limits: limits).root.textContent.count == 1017)

        // One byte more, and a DOCTYPE too: the size is checked first.
        let overLimit = "<!DOCTYPE a>" + String(repeating: " ", count: 1013)
        let diagnostic = try #require(TestXML.failure(parsing: overLimit, limits: limits)?.diagnostics.first)
        #expect(diagnostic.summary.hasPrefix("The file is 1.0 KiB (1025 bytes), more than the limit of 1 KiB"))
        #expect(diagnostic.position == .start)
    }

    @Test
    func tooLargeMessageShowsSizesThatDiffer() throws {
        let limits = XMLLimits(maximumBytes: 1024, maximumDepth: 8)
        let diagnostic = try #require(
            TestXML.failure(parsing: String(repeating: " ", count: 1025), limits: limits)?.diagnostics.first)
        #expect(diagnostic.summary != "The file is 1 KiB, more than the limit of 1 KiB.")
        #expect(diagnostic.summary.contains("1025 bytes") || diagnostic.summary.contains("1.0"))
    }

    @Test func fileIsParsedAndNamedAsTheCallerAsks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Data("<plan><step n=\"1\"/></plan>".utf8), to: "plan.xml")

        let byPath = try XMLDocument.parse(fileAt: path)
        #expect(byPath.fileName == path)
        #expect(byPath.root.elements.first?[attribute: "n"] == "1")

        let named = try XMLDocument.parse(fileAt: path, displayName: "plans/plan.xml")
        #expect(named.fileName == "plans/plan.xml")
    }

    @Test func fileAtTheLimitIsReadAndOneByteMoreIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let limits = XMLLimits(maximumBytes: 100, maximumDepth: 8)
        let exact = try folder.write(Data(("<a>" + String(repeating: "y", count: 93) + "</a>").utf8), to: "exact.xml")
        let over = try folder.write(Data(("<a>" + String(repeating: "y", count: 94) + "</a>").utf8), to: "over.xml")

        #expect(try XMLDocument.parse(fileAt: exact, limits: limits).root.textContent.count == 93)
        do {
            _ = try XMLDocument.parse(fileAt: over, displayName: "over.xml", limits: limits)
            Issue.record("A file over the limit was parsed.")
        } catch {
            #expect(error.diagnostics.first?.summary == "The file is 101 bytes, more than the limit of 100 bytes.")
            #expect(error.diagnostics.first?.file == "over.xml")
        }
    }

    @Test func missingFileAndFolderGiveDiagnosticsNamingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("nope.xml").path

        do {
            _ = try XMLDocument.parse(fileAt: missing, displayName: "nope.xml")
            Issue.record("A missing file was parsed.")
        } catch {
            #expect(error.diagnostics.map(\.formatted) == [
                "nope.xml:1:1: error: The file does not exist. Check the path and the working directory."
            ])
        }
        do {
            _ = try XMLDocument.parse(fileAt: folder.url.path, displayName: "folder")
            Issue.record("A folder was parsed.")
        } catch {
            #expect(error.diagnostics.first?.summary == "This is a folder, not a file.")
        }
    }

    @Test func malformedFileIsReportedUnderItsDisplayName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Data("<a>\n<b></a>".utf8), to: "broken.xml")
        do {
            _ = try XMLDocument.parse(fileAt: path, displayName: "clients/broken.xml")
            Issue.record("A malformed file was parsed.")
        } catch {
            #expect(error.diagnostics.first?.file == "clients/broken.xml")
            #expect(error.diagnostics.first?.line == 2)
        }
    }

    @Test func rootIsBuiltOnceAndStaysTheSame() throws {
        let document = try TestXML.parse("<a><b/></a>")
        #expect(document.root == document.root)
        #expect(document.root.elements.count == 1)
    }
}
