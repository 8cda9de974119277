import Foundation
import Testing

@testable import XMLSupport

/// Bytes the parser would misread are named for what they are, at their place, instead of
/// as whatever libxml2 trips over first (reliability review: "Elements are nested 33 levels
/// deep" for UTF-16 without a byte order mark, "Premature end of data" for a NUL byte).
@Suite("Encoding messages")
struct EncodingMessageTests {
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    @Test(arguments: [false, true])
    func utf16WithoutAByteOrderMarkIsNamedAsSuch(bigEndian: Bool) throws {
        let bytes = Self.utf16("<client id=\"a\"><mission>Care</mission></client>", bigEndian: bigEndian)
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes: bytes, fileName: "p.xml") }
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(failure.diagnostics.count == 1)
        #expect(diagnostic.summary.contains("UTF-16 (\(bigEndian ? "big" : "little")-endian) without a byte order mark"))
        #expect(diagnostic.fix?.contains("UTF-8") == true)
    }

    @Test func utf16WithAByteOrderMarkIsStillRead() throws {
        let bytes = [0xFF, 0xFE] + Self.utf16("<client id=\"a\"/>", bigEndian: false)
        #expect(throws: Never.self) { try XMLDocument.parse(bytes: bytes, fileName: "p.xml") }
    }

    @Test(arguments: [
        "<client id=\"a\">\n  <mission>Care</mission>\n  <values>\n    <value id=\"v\" name",
        "<client id=\"a\">\n  <mission>Care</mission>\n  <values>\n    <value",
        "<client id=\"a\">\n  <mission>Care</mission>\n  <values>\n",
    ])
    func aTruncatedFileIsNamedAsCutOffInOneDiagnostic(text: String) throws {
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes: Array(text.utf8), fileName: "p.xml") }
        #expect(failure.diagnostics.count == 1, "\(failure.diagnostics.map(\.summary))")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.summary.contains("it looks cut off"), "\(diagnostic.summary)")
        #expect(diagnostic.fix?.hasPrefix("Restore the rest of the file") == true)
        #expect(!(diagnostic.fix ?? "").contains("&lt;"))
    }

    @Test func aMismatchedTagInTheMiddleIsNotCalledTruncation() throws {
        let text = "<client id=\"a\"><mission>Care</values></client>"
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes: Array(text.utf8), fileName: "p.xml") }
        #expect(!failure.diagnostics.contains { $0.summary.contains("cut off") })
    }

    @Test func aNulByteIsNamedAtItsLineAndColumn() throws {
        let bytes = Array("<client>\n  <mission>Ca".utf8) + [0] + Array("re</mission>\n</client>".utf8)
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes: bytes, fileName: "p.xml") }
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.position == SourcePosition(line: 2, column: 14))
        #expect(diagnostic.summary == "The file contains a NUL byte (U+0000), which XML does not allow.")
    }
}
