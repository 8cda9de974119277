import Testing

@testable import XMLSupport

/// Every element's position is the line and column of the `<` that opens its start tag.
@Suite("Source positions")
struct SourcePositionTests {
    /// Each element of the tree in pre-order, as "name@line:column".
    static func positions(_ element: SourceElement) -> [String] {
        ["\(element.name)@\(element.position)"] + element.elements.flatMap(positions)
    }

    static func positions(of text: String) throws -> [String] {
        positions(try TestXML.parse(text).root)
    }

    @Test func startTagsOnSeparateLines() throws {
        let text = """
            <root>
              <a/>
                <b>
                  <c>text</c>
                </b>
            </root>
            """
        #expect(try Self.positions(of: text) == ["root@1:1", "a@2:3", "b@3:5", "c@4:7"])
    }

    @Test func multiLineStartTagIsPlacedAtItsOpeningAngleBracket() throws {
        let text = """
            <root>
              <item
                  id="1"
                  name="x">t</item>
              <next/>
            </root>
            """
        #expect(try Self.positions(of: text) == ["root@1:1", "item@2:3", "next@5:3"])
    }

    @Test func markupContainingAngleBracketsIsNotMistakenForStartTags() throws {
        let text = """
            <?xml version="1.0"?>
            <!-- <fake> and <?pi?> and > -->
            <r><!-- <x/> --><a/><![CDATA[ <fake attr=">"> ]]><b/><?pi <fake> > ?><c/>
            </r>
            """
        #expect(try Self.positions(of: text) == ["r@3:1", "a@3:17", "b@3:50", "c@3:70"])
    }

    @Test func attributeValuesContainingGreaterThanAndQuotesDoNotEndTheTag() throws {
        let text = #"<r><a title="x > y" alt='say "hi" >' href="/p/"><b/></a><c q='"'/></r>"#
        let document = try TestXML.parse(text)
        #expect(Self.positions(document.root) == ["r@1:1", "a@1:4", "b@1:49", "c@1:57"])
        #expect(document.root.elements.first?[attribute: "alt"] == #"say "hi" >"#)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "é" and "–" are two and three bytes, "日本" six bytes, "😀" four bytes: one column each.
        let text = "<r>café – 日本 😀 <b/>\n ünï <c/></r>"
        #expect(try Self.positions(of: text) == ["r@1:1", "b@1:16", "c@2:6"])
    }

    @Test func crlfLineEndingsCountAsOneLineBreak() throws {
        let text = "<r>\r\n  <a/>\r\n  <b>\r\n    <c/>\r\n  </b>\r\n</r>\r\n"
        #expect(try Self.positions(of: text) == ["r@1:1", "a@2:3", "b@3:3", "c@4:5"])
    }

    @Test func positionsHoldPastLine65535() throws {
        let text = "<r>\n" + String(repeating: "\n", count: 70_000) + "  <far/></r>"
        #expect(try Self.positions(of: text) == ["r@1:1", "far@70002:3"])
    }

    @Test func positionsMatchTheNthStartTagWhenElementsRepeat() throws {
        let text = "<list><i>1</i><i>2</i>\n<i>3</i></list>"
        let document = try TestXML.parse(text)
        let items = document.root.elements(named: "i")
        #expect(items.map(\.textContent) == ["1", "2", "3"])
        #expect(items.map(\.position) == [
            SourcePosition(line: 1, column: 7), SourcePosition(line: 1, column: 15), SourcePosition(line: 2, column: 1),
        ])
    }

    @Test func xpathNodesCarryTheSamePositionsAsTheTree() throws {
        let document = try TestXML.parse("<r>\n  <a n=\"1\">x</a>\n  <a n=\"2\"/>\n</r>")
        let value = try document.evaluate("//a/@n")
        guard case .nodes(let nodes) = value else {
            Issue.record("Expected a node-set, got \(value).")
            return
        }
        #expect(nodes.map(\.position) == document.root.elements.map(\.position))
        #expect(nodes.map(\.position) == [SourcePosition(line: 2, column: 3), SourcePosition(line: 3, column: 3)])
    }

    @Test
    func byteOrderMarkTakesNoColumn() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<r><a/></r>".utf8)
        let document = try XMLDocument.parse(bytes: bytes, fileName: "bom.xml")
        #expect(Self.positions(document.root) == ["r@1:1", "a@1:4"])
        // libxml2 itself does not count the mark: an error after it is at column 5, as without it.
        let error = try #require(TestXML.failure(parsing: [0xEF, 0xBB, 0xBF] + Array("<a>&</a>".utf8))?.diagnostics.first)
        #expect(error.position == SourcePosition(line: 1, column: 5))
    }

    @Test
    func utf16ColumnsCountCharacters() throws {
        let document = try XMLDocument.parse(bytes: TestXML.utf16LittleEndian("<x>\n <y/></x>"), fileName: "u16.xml")
        #expect(Self.positions(document.root) == ["x@1:1", "y@2:2"])
    }

    @Test func positionDescriptionAndOrdering() {
        let early = SourcePosition(line: 2, column: 9)
        let late = SourcePosition(line: 10, column: 1)
        #expect(early.description == "2:9")
        #expect(early < late)
        #expect(SourcePosition(line: 2, column: 1) < early)
        #expect(SourcePosition.start == SourcePosition(line: 1, column: 1))
    }
}

/// The scanner on its own: what it records and where it stops.
@Suite("Start tag scanner")
struct StartTagScannerTests {
    static func scan(_ text: String, maximumDepth: Int = 256) -> StartTagScanner {
        Array(text.utf8).withUnsafeBufferPointer { StartTagScanner.scan($0, maximumDepth: maximumDepth) }
    }

    @Test func recordsOnlyStartTagsAndEmptyElementTags() {
        let scanner = Self.scan("<a>\n <b/><!-- <c> --></a>\n<?p <d>?><![CDATA[<e>]]>")
        #expect(scanner.startTags == [SourcePosition(line: 1, column: 1), SourcePosition(line: 2, column: 2)])
        #expect(scanner.finding == nil)
    }

    @Test func stopsAtADoctypeWithItsPosition() {
        let scanner = Self.scan("<!-- x -->\n  <!DOCTYPE a><a/>")
        #expect(scanner.finding == .doctype(SourcePosition(line: 2, column: 3)))
        #expect(scanner.startTags.isEmpty)
    }

    @Test func stopsAtTheFirstTagDeeperThanTheLimit() {
        let scanner = Self.scan("<a><b></b><b><c>", maximumDepth: 2)
        #expect(scanner.finding == .tooDeep(depth: 3, at: SourcePosition(line: 1, column: 14)))
    }

    @Test func siblingsDoNotAddDepth() {
        let text = "<r>" + String(repeating: "<i></i><j/>", count: 1000) + "</r>"
        let scanner = Self.scan(text, maximumDepth: 2)
        #expect(scanner.finding == nil)
        #expect(scanner.startTags.count == 2001)
    }

    @Test
    func emptyElementPastTheLimitIsTooDeep() throws {
        let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 2)
        let failure = try #require(TestXML.failure(parsing: "<r><a><b/></a></r>", limits: limits))
        #expect(failure.diagnostics.first?.summary.contains("nested 3 levels deep") == true)
    }
}
