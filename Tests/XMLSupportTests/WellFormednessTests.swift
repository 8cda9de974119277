import Testing

@testable import XMLSupport

/// One malformed document and what its first diagnostic must say.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var label: String
    var text: String
    var line: Int
    var column: Int
    /// A fragment the summary must contain.
    var summary: String
    /// A fragment the fix must contain.
    var fix: String

    var testDescription: String { label }
}

/// Documents that are not well-formed XML: each is refused with diagnostics located at the
/// problem and carrying advice on how to correct it.
@Suite("Well-formedness errors")
struct WellFormednessTests {
    static let cases: [MalformedCase] = [
        MalformedCase(
            label: "mismatched end tag", text: "<list>\n  <item>\n</list>", line: 3, column: 8,
            summary: "Opening and ending tag mismatch: item line 2 and list",
            fix: "end tag of the same name"),
        MalformedCase(
            label: "end tag in another case", text: "<a>\n  <b></B>\n</a>", line: 2, column: 10,
            summary: "Opening and ending tag mismatch: b line 2 and B", fix: "end tag of the same name"),
        MalformedCase(
            label: "unclosed double-quoted attribute", text: "<list>\n  <item name=\"a></item>\n</list>",
            line: 2, column: 17, summary: "Unescaped '<' not allowed in attributes values",
            fix: #"name="value""#),
        MalformedCase(
            label: "attribute quotes that do not match", text: #"<a x='1"/>"#, line: 1, column: 11,
            summary: "AttValue: ' expected", fix: #"name="value""#),
        MalformedCase(
            label: "bare ampersand in text", text: "<p>\n  Fish & chips\n</p>", line: 2, column: 9,
            summary: "EntityRef: no name", fix: "&amp;"),
        MalformedCase(
            label: "two root elements", text: "<first/>\n<second/>", line: 2, column: 1,
            summary: "Extra content at the end of the document", fix: "exactly one root element"),
        MalformedCase(
            label: "empty file", text: "", line: 1, column: 1,
            summary: "The file is empty.", fix: "Write an XML document"),
        MalformedCase(
            label: "whitespace only", text: "  \n  ", line: 2, column: 3,
            summary: "Start tag expected", fix: "exactly one root element"),
        MalformedCase(
            label: "text before the root", text: "text<a/>", line: 1, column: 1,
            summary: "Start tag expected", fix: "exactly one root element"),
        MalformedCase(
            label: "less-than in an attribute value", text: "<a>\n  <b title=\"x < y\"/>\n</a>", line: 2,
            column: 15, summary: "Unescaped '<' not allowed in attributes values", fix: "&lt;"),
        MalformedCase(
            label: "less-than in text", text: "<a>\n  <b>1 < 2</b>\n</a>", line: 2, column: 9,
            summary: "StartTag: invalid element name", fix: "&lt;"),
        MalformedCase(
            label: "unclosed root", text: "<a>", line: 1, column: 4,
            summary: "The file ends here, before <a> (opened at line 1)", fix: "Restore the rest of the file"),
        MalformedCase(
            label: "unfinished start tag", text: "<a>\n  <b", line: 2, column: 5,
            summary: "it looks cut off", fix: "Restore the rest of the file"),
        MalformedCase(
            label: "attribute given twice", text: "<a>\n  <b x=\"1\" x=\"2\"/>\n</a>", line: 2, column: 17,
            summary: "Attribute x redefined", fix: "only once"),
        MalformedCase(
            label: "attribute without value", text: "<a>\n  <b x/>\n</a>", line: 2, column: 7,
            summary: "Specification mandates value for attribute x", fix: #"name="value""#),
        MalformedCase(
            label: "undeclared namespace prefix", text: "<a>\n  <p:b/>\n</a>", line: 2, column: 7,
            summary: "Namespace prefix p on b is not defined", fix: "xmlns:prefix"),
        MalformedCase(
            label: "control character in text", text: "<a>\n  x\u{1}y</a>", line: 2, column: 4,
            summary: "PCDATA invalid Char value 1", fix: "UTF-8"),
        MalformedCase(
            label: "character reference to NUL", text: "<a>\n  &#0;\n</a>", line: 2, column: 7,
            summary: "invalid xmlChar value 0", fix: "UTF-8"),
        MalformedCase(
            label: "unterminated comment", text: "<a><!-- x </a>", line: 1, column: 15,
            summary: "Comment not terminated", fix: "well-formed"),
    ]

    @Test("Malformed documents are refused at the problem with a fix", arguments: cases)
    func malformedDocumentIsRefusedWithPositionAndFix(_ testCase: MalformedCase) throws {
        let failure = try #require(TestXML.failure(parsing: testCase.text, fileName: "bad.xml"))
        let first = try #require(failure.diagnostics.first)

        #expect(first.position == SourcePosition(line: testCase.line, column: testCase.column))
        #expect(first.summary.contains(testCase.summary), "summary was: \(first.summary)")
        #expect(first.fix?.contains(testCase.fix) == true, "fix was: \(first.fix ?? "nil")")
        for diagnostic in failure.diagnostics {
            #expect(diagnostic.file == "bad.xml")
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.fix?.isEmpty == false)
            #expect(diagnostic.summary.last.map { ".!?".contains($0) } == true, "not a sentence: \(diagnostic.summary)")
        }
    }

    @Test func diagnosticTextHasTheCompilerShape() throws {
        let failure = try #require(TestXML.failure(parsing: "<first/>\n<second/>", fileName: "two.xml"))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(
            diagnostic.formatted
                == "two.xml:2:1: error: Extra content at the end of the document. "
                + "A document has exactly one root element and nothing but comments after it.")
    }

    @Test func libxml2FragmentsBecomeCapitalizedSentences() throws {
        // libxml2 says "xmlParseEntityRef: no name"; a diagnostic starts with a capital
        // and ends with a full stop.
        let diagnostic = try #require(TestXML.failure(parsing: "<a>&</a>")?.diagnostics.first)
        #expect(diagnostic.summary.first?.isUppercase == true)
        #expect(diagnostic.summary.hasSuffix("."))
    }

    @Test func errorsBeyondLine65535AreReportedAtTheirRealLine() throws {
        var lines = ["<r>"]
        lines += Array(repeating: "<i/>", count: 70_000)
        lines.append("<i>&</i></r>")
        let diagnostic = try #require(TestXML.failure(parsing: lines.joined(separator: "\n"))?.diagnostics.first)
        #expect(diagnostic.line == 70_002)
        #expect(diagnostic.column == 5)
    }

    @Test func errorLinesCountCRLFLineEndingsOnce() throws {
        let diagnostic = try #require(TestXML.failure(parsing: "<a>\r\n\r\n<b>&</b></a>")?.diagnostics.first)
        #expect(diagnostic.position == SourcePosition(line: 3, column: 5))
    }

    @Test func malformedDocumentThatAlsoHasADoctypeIsReportedForTheDoctype() throws {
        // The DOCTYPE is refused before libxml2 runs, so its message comes first and alone.
        let failure = try #require(TestXML.failure(parsing: "<!DOCTYPE a><a><b></a>"))
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics.first?.summary.contains("DOCTYPE") == true)
    }
}
