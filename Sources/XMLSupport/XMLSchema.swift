import CLibXML2
import Foundation

/// A compiled W3C XML Schema (XSD) that documents are validated against.
///
/// The schema text is itself read through ``XMLDocument``'s hardened parser. libxml2
/// does not change a compiled schema while validating, and each validation uses a
/// context of its own, so one schema is shared by all threads.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// libxml2's compiled schema points into the schema document; keep it alive.
    private let schemaDocument: XMLDocument

    /// Where a user reads what the schema expects, named in fixes ("see docs/x.md").
    public var guide: String?

    /// Compiles the XSD in `document`.
    ///
    /// - Parameter guide: the documentation fixes refer the user to.
    /// - Throws: ``XMLParseFailure`` listing the schema's own errors.
    public init(document: XMLDocument, guide: String? = nil) throws(XMLParseFailure) {
        self.guide = guide
        let (compiled, errors) = LibXML2Runtime.capturingErrors { _ -> xmlSchemaPtr? in
            guard let parserContext = xmlSchemaNewDocParserCtxt(document.pointer) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            return xmlSchemaParse(parserContext)
        }
        guard let compiled else {
            let diagnostics = errors.map { ParserErrorMessages.diagnostic(for: $0, fileName: document.fileName) }
            throw XMLParseFailure(diagnostics: diagnostics.isEmpty
                ? [Diagnostic(file: document.fileName, position: .start, summary: "The schema cannot be compiled.")]
                : diagnostics)
        }
        self.schema = compiled
        self.schemaDocument = document
    }

    /// Reads and compiles the XSD file at `path`.
    public convenience init(fileAt path: String, guide: String? = nil) throws(XMLParseFailure) {
        try self.init(document: try XMLDocument.parse(fileAt: path), guide: guide)
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates `document`, returning one diagnostic per violation, each at the start
    /// tag of the element it is about; empty when the document is valid.
    public func validate(_ document: XMLDocument) -> [Diagnostic] {
        _ = document.root  // positions of elements are needed for the diagnostics
        let (_, errors) = LibXML2Runtime.capturingErrors { collector -> Int32 in
            guard let context = xmlSchemaNewValidCtxt(schema) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, collectStructuredError, collector.opaqueSelf)
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        return errors.map { error in
            let position = document.position(ofNode: error.node)
                ?? SourcePosition(line: max(1, error.line), column: 1)
            return Diagnostic(
                severity: error.isWarning ? .warning : .error,
                file: document.fileName,
                position: position,
                summary: SchemaErrorMessages.summary(error.message),
                fix: SchemaErrorMessages.fix(forCode: error.code, message: error.message, guide: guide))
        }
    }
}

/// Rewrites libxml2's schema messages into plainer sentences with a fix.
enum SchemaErrorMessages {
    /// "Element 'x', attribute 'y': [facet 'maxInclusive'] The value ..." becomes
    /// "Element <x>, attribute 'y': the value ...".
    static func summary(_ message: String) -> String {
        var text = message.trimmingCharacters()
        while let open = text.range(of: "[facet '"), let close = text[open.upperBound...].range(of: "'] ") {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        if text.hasPrefix("Element '"), let end = text.dropFirst(9).firstIndex(of: "'") {
            let name = text[text.index(text.startIndex, offsetBy: 9)..<end]
            text = "Element <\(name)>" + text[text.index(after: end)...]
        }
        text = text.replacingOccurrences(of: ": The value", with: ": the value")
        text = text.replacingOccurrences(of: ": This element is not expected.", with: ": this element is not expected here.")
        return ParserErrorMessages.sentence(text)
    }

    /// "<mission>" from "... Expected is ( mission )."; "one of <a>, <b>" for a choice.
    static func expectedElements(in message: String) -> String? {
        guard let open = message.range(of: "Expected is ( "), let close = message[open.upperBound...].range(of: " )") else {
            return nil
        }
        let names = message[open.upperBound..<close.lowerBound].split(separator: ",").map {
            "<\($0.trimmingCharacters(in: .whitespaces))>"
        }
        guard !names.isEmpty else { return nil }
        return names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
    }

    static func fix(forCode code: Int32, message: String, guide: String?) -> String {
        let see = guide.map { "; see \($0)" } ?? ""
        if message.contains("Missing child element") {
            return "Add the missing element\(see)."
        }
        if message.contains("This element is not expected") {
            if let expected = expectedElements(in: message) {
                return "Add \(expected) here if it is missing; otherwise move this element to where it belongs or correct its name\(see)."
            }
            return "Move the element to where the schema expects it, or check its spelling\(see)."
        }
        switch code {
        case Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_4.rawValue):
            return "Add the attribute with a value."
        case Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1.rawValue), Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2.rawValue):
            return "Remove the attribute or correct its spelling."
        case Int32(XML_SCHEMAV_CVC_ELT_1.rawValue):
            return "Use the root element the schema declares\(see)."
        case Int32(XML_SCHEMAV_CVC_ENUMERATION_VALID.rawValue):
            return "Use one of the listed values."
        case Int32(XML_SCHEMAV_CVC_MININCLUSIVE_VALID.rawValue), Int32(XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID.rawValue):
            return "Use a value inside the allowed range."
        case Int32(XML_SCHEMAV_CVC_PATTERN_VALID.rawValue):
            if message.contains("[a-z][a-z0-9\\-]*") {
                return "Ids use lower-case letters, digits and hyphens, starting with a letter (e.g. \"exp-wait-time\")."
            }
            return "Write the value in the required form."
        case Int32(XML_SCHEMAV_CVC_MINLENGTH_VALID.rawValue), Int32(XML_SCHEMAV_CVC_MAXLENGTH_VALID.rawValue):
            return "Write text of the allowed length."
        case Int32(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1.rawValue), Int32(XML_SCHEMAV_CVC_ATTRIBUTE_3.rawValue),
            Int32(XML_SCHEMAV_CVC_ELT_4_3.rawValue), Int32(XML_SCHEMAV_CVC_TYPE_3_1_1.rawValue):
            if message.contains("xs:date") { return "Write dates as YYYY-MM-DD, for example 2026-11-22." }
            if message.contains("xs:duration") { return "Write durations in ISO 8601, for example P2W or P1M." }
            if message.contains("xs:boolean") { return "Write true or false." }
            if message.contains("decimal") || message.contains("integer") {
                return "Write a plain number, with a dot for decimals and no units or thousands separators."
            }
            return "Write a value of the required type."
        case Int32(XML_SCHEMAV_ELEMENT_CONTENT.rawValue), Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1.rawValue),
            Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3.rawValue):
            return "Remove the text or elements this element may not hold."
        default:
            return guide.map { "See \($0) for what this part holds." } ?? "Check the document against its schema."
        }
    }
}
