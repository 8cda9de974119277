import CLibXML2
import Foundation

/// Turns libxml2's parser errors into diagnostics with advice a user can act on.
enum ParserErrorMessages {
    static func diagnostic(for error: CapturedError, fileName: String) -> Diagnostic {
        let position = SourcePosition(line: max(1, error.line), column: max(1, error.column))
        return Diagnostic(
            severity: error.isWarning ? .warning : .error,
            file: fileName,
            position: position,
            summary: sentence(error.message),
            fix: fix(forCode: error.code))
    }

    /// libxml2's messages are fragments ("Opening and ending tag mismatch: a line 3 and b");
    /// make each a sentence.
    static func sentence(_ message: String) -> String {
        // One diagnostic is one line: libxml2 sometimes breaks its messages.
        var text = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ").trimmingCharacters()
        if let first = text.first, first.isLowercase {
            text = first.uppercased() + text.dropFirst()
        }
        if let last = text.last, !".!?".contains(last) { text += "." }
        return text
    }

    private static func fix(forCode code: Int32) -> String? {
        switch code {
        case Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), Int32(XML_ERR_TAG_NOT_FINISHED.rawValue):
            return "Close every element with an end tag of the same name, in reverse order of opening."
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue),
            Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue), Int32(XML_ERR_NAME_REQUIRED.rawValue):
            return "Write a literal & as &amp; and < as &lt;; only the five predefined entities and character references are allowed."
        case Int32(XML_ERR_INVALID_CHAR.rawValue), Int32(XML_ERR_INVALID_ENCODING.rawValue),
            Int32(XML_ERR_UNKNOWN_ENCODING.rawValue), Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue):
            return "Save the file as UTF-8 and remove control characters."
        case Int32(XML_ERR_LT_IN_ATTRIBUTE.rawValue), Int32(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue),
            Int32(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue), Int32(XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue),
            Int32(XML_ERR_LITERAL_NOT_FINISHED.rawValue):
            return "Write attributes as name=\"value\", with < in a value written as &lt;."
        case Int32(XML_ERR_ATTRIBUTE_REDEFINED.rawValue):
            return "Give each attribute only once per element."
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue), Int32(XML_ERR_DOCUMENT_END.rawValue):
            return "A document has exactly one root element and nothing but comments after it."
        case Int32(XML_ERR_GT_REQUIRED.rawValue):
            return "End the tag with > (or /> for an empty element)."
        case Int32(XML_NS_ERR_UNDEFINED_NAMESPACE.rawValue):
            return "Declare the prefix with an xmlns:prefix attribute, or drop it."
        default:
            return "Correct the XML syntax at this point; the file must be well-formed XML."
        }
    }
}
