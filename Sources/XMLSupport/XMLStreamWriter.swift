import CLibXML2

/// Writes an XML document element by element through libxml2's text writer, for parts
/// built straight from code (the WordprocessingML of a DOCX) rather than from a tree.
///
/// Attributes are written in the order given, so output is as deterministic as the code
/// that calls it. Text and attribute values are escaped by libxml2; characters XML cannot
/// hold (controls, U+FFFE, U+FFFF) are dropped first, so no data can make a part
/// malformed. Names are the caller's, qualified names included (`w:p`): the namespaces
/// are declared as attributes of the root element.
public final class XMLStreamWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// Starts a document with an XML declaration (`standalone="yes"`, as Office writes it).
    public init() {
        LibXML2Runtime.ensureInitialized()
        buffer = xmlBufferCreateSize(16_384)
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens `name` with `attributes`, in order. Names are literals: they reach libxml2
    /// without a copy, which matters at a few thousand elements a document.
    public func start(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        xmlTextWriterStartElement(writer, name.utf8Start)
        for (attribute, value) in attributes { self.attribute(attribute, value) }
    }

    /// Adds an attribute to the element just opened.
    public func attribute(_ name: StaticString, _ value: String) {
        Self.xmlCharacters(value).withCString { value in
            value.withMemoryRebound(to: xmlChar.self, capacity: 1) { _ = xmlTextWriterWriteAttribute(writer, name.utf8Start, $0) }
        }
    }

    /// Closes the innermost open element (as `<name/>` when it holds nothing).
    public func end() {
        xmlTextWriterEndElement(writer)
    }

    /// `<name attributes.../>`.
    public func empty(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        start(name, attributes)
        end()
    }

    /// `<name attributes...>text</name>`.
    public func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text: String) {
        start(name, attributes)
        self.text(text)
        end()
    }

    public func text(_ text: String) {
        Self.xmlCharacters(text).withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: 1) { _ = xmlTextWriterWriteString(writer, $0) }
        }
    }

    /// Closes every open element and returns the document's bytes.
    public func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = buffer.pointee.content else { return [] }
        return [UInt8](UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// `text` without the characters XML 1.0 cannot hold.
    static func xmlCharacters(_ text: String) -> String {
        // Almost all text is clean: look at the bytes first. Below 0x20 only tab, line
        // feed and carriage return are allowed; U+FFFE and U+FFFF start with 0xEF 0xBF.
        let suspect =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }
            } ?? text.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }
        guard suspect else { return text }
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isXMLCharacter(scalar) { clean.append(scalar) }
        return String(clean)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
