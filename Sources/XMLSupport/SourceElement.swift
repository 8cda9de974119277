/// An immutable Swift copy of one XML element and its subtree, with source positions.
///
/// Code outside this module reads documents through these values, never through
/// libxml2 pointers, so they can be kept, shared across threads and compared freely.
public struct SourceElement: Sendable, Hashable {
    /// One attribute as written, with its position being that of its element.
    public struct Attribute: Sendable, Hashable {
        /// The local name, without prefix.
        public var name: String
        public var value: String
        /// The namespace URI, nil for an unprefixed attribute.
        public var namespaceURI: String?

        public init(name: String, value: String, namespaceURI: String? = nil) {
            self.name = name
            self.value = value
            self.namespaceURI = namespaceURI
        }
    }

    /// A child of an element: another element or a run of character data.
    public enum Child: Sendable, Hashable {
        case element(SourceElement)
        case text(String)
    }

    /// The local name, without prefix.
    public var name: String
    /// The namespace URI, nil when the element is in no namespace.
    public var namespaceURI: String?
    public var attributes: [Attribute]
    public var children: [Child]
    /// Where the start tag begins.
    public var position: SourcePosition

    public init(
        name: String, namespaceURI: String? = nil, attributes: [Attribute] = [], children: [Child] = [],
        position: SourcePosition
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.position = position
    }

    /// The value of the attribute called `name`, or nil when it is absent.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name && $0.namespaceURI == nil }?.value
    }

    /// The value of the attribute `name` in the namespace `namespaceURI`.
    public func attribute(_ name: String, namespaceURI: String) -> String? {
        attributes.first { $0.name == name && $0.namespaceURI == namespaceURI }?.value
    }

    /// Child elements, in document order.
    public var elements: [SourceElement] {
        children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    /// Child elements called `name`, in document order.
    public func elements(named name: String) -> [SourceElement] {
        elements.filter { $0.name == name }
    }

    /// The first child element called `name`.
    public func element(named name: String) -> SourceElement? {
        for case .element(let element) in children where element.name == name {
            return element
        }
        return nil
    }

    /// All character data inside this element, concatenated in document order.
    public var textContent: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    /// The text content with runs of whitespace collapsed to one space and trimmed, the
    /// form prose fields are read in (line breaks in a profile are only layout).
    public var normalizedText: String {
        textContent.collapsingXMLWhitespace()
    }

    private func appendText(to result: inout String) {
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }
}

extension String {
    /// Runs of XML whitespace (space, tab, line feed, carriage return) as one space, none
    /// at the ends: how prose in documents is read. Works on UTF-8 bytes, since this runs
    /// over every text of every profile.
    public func collapsingXMLWhitespace() -> String {
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The items of an XSD list value (`serves="val-a val-b"`): split at XML whitespace,
    /// empty items dropped. On UTF-8 bytes, like ``collapsingXMLWhitespace()``: it runs
    /// for every id list of every profile.
    public func xmlListItems() -> [String] {
        utf8.split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.map { String(decoding: $0, as: UTF8.self) }
    }
}
