/// Serializes output trees, deterministically.
///
/// The bytes are those libxml2 2.9 writes for the same tree built with `xmlNewDocNode`,
/// `xmlSetProp` and `xmlNewDocText` and saved with `xmlSaveToBuffer(_, "UTF-8",
/// XML_SAVE_AS_XML | XML_SAVE_FORMAT)`, which is how this writer used to work; writing
/// them directly avoids building and freeing a libxml2 tree for every document. Text and
/// attribute values are escaped (`&`, `<`, `>`, and quotes and white space in attribute
/// values), and, as through libxml2's C strings, a NUL character ends a name or a text.
public enum XMLWriter {
    /// The bytes of `root` as an XML document with an XML declaration. Attributes are
    /// sorted by name; with `indent`, elements that hold only elements are indented by two
    /// spaces (libxml2's rule: any text child turns indentation off inside that element,
    /// so prose is never altered).
    public static func serialize(_ root: XMLOutputElement, indent: Bool = true) -> [UInt8] {
        var output = XMLByteWriter()
        output.bytes.reserveCapacity(16_384)
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        output.write(root, level: 0, indenting: indent)
        output.bytes.append(UInt8(ascii: "\n"))
        return output.bytes
    }
}

/// The serializer behind ``XMLWriter``.
private struct XMLByteWriter {
    var bytes: [UInt8] = []
    /// Namespaces already declared: libxml2 declares a namespace on the first element
    /// that uses it, in document order, and reuses that declaration everywhere after.
    private var declaredNamespaces: Set<String> = []
    private var latestNamespace: String?

    /// libxml2 indents by two spaces a level, up to 60 spaces.
    private static let maximumIndentLevel = 30

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ element: XMLOutputElement, level: Int, indenting: Bool) {
        if indenting { appendIndent(level) }
        bytes.append(UInt8(ascii: "<"))
        appendName(element.name)
        if let uri = element.namespaceURI, uri != latestNamespace {
            latestNamespace = uri
            if declaredNamespaces.insert(uri).inserted {
                append(" xmlns=")
                appendQuoted(uri)
            }
        }
        appendAttributes(element.attributes)
        if element.children.isEmpty {
            append("/>")
            return
        }
        var indentsChildren = indenting
        if indenting {
            for case .text in element.children {
                indentsChildren = false
                break
            }
        }
        bytes.append(UInt8(ascii: ">"))
        if indentsChildren { bytes.append(UInt8(ascii: "\n")) }
        // By index rather than `for child in`: the compiler then copies fewer children.
        for index in element.children.indices {
            switch element.children[index] {
            case .element(let nested): write(nested, level: level + 1, indenting: indentsChildren)
            case .text(let text): appendEscaped(text, inAttribute: false)
            }
            if indentsChildren { bytes.append(UInt8(ascii: "\n")) }
        }
        if indentsChildren { appendIndent(level) }
        append("</")
        appendName(element.name)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func appendIndent(_ level: Int) {
        let count = 2 * min(level, Self.maximumIndentLevel)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// A name as a C string: up to its first NUL character.
    private mutating func appendName(_ name: String) {
        Self.withCString(name) { bytes.append(contentsOf: $0) }
    }

    private mutating func appendAttributes(_ attributes: [String: String]) {
        guard !attributes.isEmpty else { return }
        if attributes.count == 1 {
            for (name, value) in attributes { appendAttribute(name, value) }
            return
        }
        var sorted = attributes.sorted { $0.key < $1.key }
        if sorted.contains(where: { $0.key.utf8.contains(0) }) { sorted = Self.mergingTruncatedNames(sorted) }
        for (name, value) in sorted { appendAttribute(name, value) }
    }

    private mutating func appendAttribute(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: " "))
        appendName(name)
        append("=\"")
        appendEscaped(value, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Names that are equal up to a NUL character name one attribute, as they did for
    /// `xmlSetProp`: it keeps the place of the first and the value of the last.
    private static func mergingTruncatedNames(_ attributes: [(key: String, value: String)]) -> [(key: String, value: String)] {
        var merged: [(key: String, value: String)] = []
        for (name, value) in attributes {
            let truncated = withCString(name) { String(decoding: $0, as: UTF8.self) }
            if let index = merged.firstIndex(where: { $0.key == truncated }) {
                merged[index].value = value
            } else {
                merged.append((truncated, value))
            }
        }
        return merged
    }

    /// A namespace name in quotes, as libxml2 quotes it: in double quotes, in single
    /// quotes when it holds a double quote, and with `&quot;` when it holds both.
    private mutating func appendQuoted(_ uri: String) {
        Self.withCString(uri) { value in
            if !value.contains(UInt8(ascii: "\"")) {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: value)
                bytes.append(UInt8(ascii: "\""))
            } else if !value.contains(UInt8(ascii: "'")) {
                bytes.append(UInt8(ascii: "'"))
                bytes.append(contentsOf: value)
                bytes.append(UInt8(ascii: "'"))
            } else {
                bytes.append(UInt8(ascii: "\""))
                for byte in value {
                    if byte == UInt8(ascii: "\"") { append("&quot;") } else { bytes.append(byte) }
                }
                bytes.append(UInt8(ascii: "\""))
            }
        }
    }

    /// Text with `&`, `<`, `>` and carriage returns escaped; in an attribute value also
    /// double quotes, line feeds and tabs, so that a parser reads the value back as it was.
    private mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        Self.withBytes(text) { text in
            var runStart = 0
            for index in text.indices {
                let entity: StaticString
                switch text[index] {
                case 0:
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                    return
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\r"): entity = "&#13;"
                case UInt8(ascii: "\""): if inAttribute { entity = "&quot;" } else { continue }
                case UInt8(ascii: "\n"): if inAttribute { entity = "&#10;" } else { continue }
                case UInt8(ascii: "\t"): if inAttribute { entity = "&#9;" } else { continue }
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                append(entity)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text` up to its first NUL character.
    private static func withCString<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withBytes(text) { bytes in
            guard let end = bytes.firstIndex(of: 0) else { return body(bytes) }
            return body(UnsafeBufferPointer(rebasing: bytes[..<end]))
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying them when the string
    /// stores them contiguously (native and small strings do).
    private static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}
