import Foundation
import Testing

@testable import XMLSupport

/// One invalid document and the diagnostic it must produce.
struct InvalidDocumentCase: Sendable, CustomTestStringConvertible {
    var label: String
    var text: String
    var line: Int
    var column: Int
    var summary: String
    var fix: String

    var testDescription: String { label }
}

/// W3C XML Schema validation: each violation at the start tag of the element it is about.
@Suite("Schema validation")
struct SchemaValidationTests {
    static let schemaText = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="order">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="item" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="quantity">
                        <xs:simpleType>
                          <xs:restriction base="xs:integer">
                            <xs:minInclusive value="1"/>
                            <xs:maxInclusive value="100"/>
                          </xs:restriction>
                        </xs:simpleType>
                      </xs:element>
                      <xs:element name="due" type="xs:date" minOccurs="0"/>
                    </xs:sequence>
                    <xs:attribute name="sku" type="xs:string" use="required"/>
                    <xs:attribute name="weight" type="xs:decimal"/>
                    <xs:attribute name="size">
                      <xs:simpleType>
                        <xs:restriction base="xs:string">
                          <xs:enumeration value="small"/>
                          <xs:enumeration value="large"/>
                        </xs:restriction>
                      </xs:simpleType>
                    </xs:attribute>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="id" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    static func schema() throws -> XMLSchema {
        try XMLSchema(document: TestXML.parse(schemaText, fileName: "order.xsd"))
    }

    static let cases: [InvalidDocumentCase] = [
        InvalidDocumentCase(
            label: "missing required attribute",
            text: "<order id=\"o\">\n  <item><quantity>5</quantity></item>\n</order>",
            line: 2, column: 3,
            summary: "Element <item>: The attribute 'sku' is required but missing.",
            fix: "Add the attribute with a value."),
        InvalidDocumentCase(
            label: "element value of the wrong type",
            text: "<order id=\"o\">\n  <item sku=\"a\">\n    <quantity>five</quantity></item>\n</order>",
            line: 3, column: 5,
            summary: "Element <quantity>: 'five' is not a valid value",
            fix: "Write a value of the required type."),
        InvalidDocumentCase(
            label: "value above the maximum",
            text: "<order id=\"o\">\n  <item sku=\"a\">\n    <quantity>500</quantity></item>\n</order>",
            line: 3, column: 5,
            summary: "Element <quantity>: the value '500' is greater than the maximum value allowed ('100').",
            fix: "Use a value inside the allowed range."),
        InvalidDocumentCase(
            label: "value below the minimum",
            text: "<order id=\"o\"><item sku=\"a\">\n      <quantity>0</quantity></item></order>",
            line: 2, column: 7,
            summary: "the value '0' is less than the minimum value allowed ('1')",
            fix: "Use a value inside the allowed range."),
        InvalidDocumentCase(
            label: "unexpected element",
            text: "<order id=\"o\">\n  <item sku=\"a\"><quantity>5</quantity>\n   <colour/></item>\n</order>",
            line: 3, column: 4,
            summary: "Element <colour>: this element is not expected here.",
            fix: "Add <due> here if it is missing; otherwise move this element to where it belongs or correct its name."),
        InvalidDocumentCase(
            label: "attribute of the wrong type on a multi-line start tag",
            text: "<order id=\"o\">\n  <item sku=\"a\"\n     weight=\"heavy\"><quantity>5</quantity></item>\n</order>",
            line: 2, column: 3,
            summary: "Element <item>, attribute 'weight': 'heavy' is not a valid value of the atomic type 'xs:decimal'.",
            fix: "Write a plain number"),
        InvalidDocumentCase(
            label: "undeclared attribute",
            text: "<order id=\"o\">\n  <item sku=\"a\" extra=\"1\"><quantity>5</quantity></item>\n</order>",
            line: 2, column: 3,
            summary: "The attribute 'extra' is not allowed.",
            fix: "Remove the attribute or correct its spelling."),
        InvalidDocumentCase(
            label: "value outside an enumeration",
            text: "<order id=\"o\">\n    <item sku=\"a\" size=\"huge\"><quantity>5</quantity></item>\n</order>",
            line: 2, column: 5,
            summary: "'huge' is not an element of the set {'small', 'large'}",
            fix: "Use one of the listed values."),
        InvalidDocumentCase(
            label: "date in the wrong form",
            text: "<order id=\"o\">\n  <item sku=\"a\"><quantity>5</quantity><due>22/11/2026</due></item>\n</order>",
            line: 2, column: 39,
            summary: "'22/11/2026' is not a valid value of the atomic type 'xs:date'.",
            fix: "Write dates as YYYY-MM-DD"),
    ]

    @Test func validDocumentHasNoDiagnostics() throws {
        let document = try TestXML.parse(
            "<order id=\"o\">\n  <item sku=\"a\" weight=\"1.5\" size=\"small\"><quantity>5</quantity><due>2026-11-22</due></item>\n</order>")
        #expect(try Self.schema().validate(document) == [])
    }

    @Test("Invalid documents get one diagnostic at the offending start tag", arguments: cases)
    func violationIsReportedAtTheStartTagOfTheOffendingElement(_ testCase: InvalidDocumentCase) throws {
        let document = try TestXML.parse(testCase.text, fileName: "order.xml")
        let diagnostics = try Self.schema().validate(document)

        #expect(diagnostics.count == 1, "got \(diagnostics.map(\.formatted))")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.file == "order.xml")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == SourcePosition(line: testCase.line, column: testCase.column))
        #expect(diagnostic.summary.contains(testCase.summary), "summary was: \(diagnostic.summary)")
        #expect(diagnostic.fix?.contains(testCase.fix) == true, "fix was: \(diagnostic.fix ?? "nil")")
    }

    @Test func everyViolationIsCollectedInOneRun() throws {
        let document = try TestXML.parse(
            """
            <order>
              <item sku="a"><quantity>0</quantity></item>
              <item sku="b"><quantity>101</quantity></item>
            </order>
            """)
        let diagnostics = try Self.schema().validate(document).sortedForDisplay()
        #expect(diagnostics.map(\.position) == [
            SourcePosition(line: 1, column: 1), SourcePosition(line: 2, column: 17), SourcePosition(line: 3, column: 17),
        ])
        #expect(diagnostics[0].summary.contains("'id' is required"))
        #expect(diagnostics[1].summary.contains("'0'"))
        #expect(diagnostics[2].summary.contains("'101'"))
    }

    @Test func validatingTwiceGivesTheSameDiagnosticsAndLeavesTheTreeUnchanged() throws {
        let schema = try Self.schema()
        let document = try TestXML.parse("<order id=\"o\"><item sku=\"a\"><quantity>500</quantity></item></order>")
        let before = document.root
        let first = schema.validate(document)
        #expect(schema.validate(document) == first)
        #expect(first.count == 1)
        #expect(document.root == before)
    }

    @Test func schemaIsReadFromAFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Data(Self.schemaText.utf8), to: "order.xsd")
        let schema = try XMLSchema(fileAt: path)
        let document = try TestXML.parse("<order id=\"o\"><item><quantity>3</quantity></item></order>")
        #expect(schema.validate(document).map(\.position) == [SourcePosition(line: 1, column: 15)])
    }

    @Test func schemaThatDoesNotCompileIsRefusedWithItsOwnDiagnostics() throws {
        let text = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="a" type="xs:nope"/>
            </xs:schema>
            """
        do {
            _ = try XMLSchema(document: TestXML.parse(text, fileName: "broken.xsd"))
            Issue.record("A schema with an unknown type compiled.")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.file == "broken.xsd")
            #expect(diagnostic.summary.contains("nope"))
        }
    }

    @Test func schemaFileWithADoctypeIsRefusedByTheHardenedParser() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = "<!DOCTYPE xs:schema [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n" + Self.schemaText
        let path = try folder.write(Data(text.utf8), to: "evil.xsd")
        do {
            _ = try XMLSchema(fileAt: path)
            Issue.record("A schema with a DOCTYPE was compiled.")
        } catch {
            #expect(error.diagnostics.first?.summary.contains("DOCTYPE") == true)
        }
    }

    @Test
    func missingChildIsReportedWithAFixThatSaysToAddIt() throws {
        let document = try TestXML.parse("<order id=\"o\">\n  <item sku=\"a\">\n  </item>\n</order>")
        let diagnostics = try Self.schema().validate(document)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.position == SourcePosition(line: 2, column: 3))
        #expect(diagnostic.summary.contains("Missing child element(s). Expected is ( quantity )."))
        #expect(diagnostic.fix?.contains("Add the missing element") == true)
    }

    @Test
    func undeclaredRootFixDoesNotNameAnElementFromAnotherSchema() throws {
        let document = try TestXML.parse("<basket/>")
        let diagnostic = try #require(try Self.schema().validate(document).first)
        #expect(diagnostic.position == .start)
        #expect(diagnostic.summary.contains("No matching global declaration"))
        #expect(diagnostic.fix?.contains("<client") == false)
    }
}
