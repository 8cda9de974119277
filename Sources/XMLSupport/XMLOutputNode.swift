/// A tree to be written as XML, built in Swift and serialized by ``XMLWriter``.
public enum XMLOutputNode: Sendable, Hashable {
    case element(XMLOutputElement)
    case text(String)
}

/// An element of an output tree; data enters only as text nodes or attribute values,
/// which the writer escapes.
public struct XMLOutputElement: Sendable, Hashable {
    public var name: String
    public var namespaceURI: String?
    /// Attributes by name; written sorted by name, so output does not depend on the order
    /// in which they were set.
    public var attributes: [String: String]
    public var children: [XMLOutputNode]

    public init(
        name: String, namespaceURI: String? = nil, attributes: [String: String] = [:],
        children: [XMLOutputNode] = []
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
    }

    /// Child elements, in order.
    public var elements: [XMLOutputElement] {
        children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    /// All text inside, in document order.
    public var textContent: String {
        children.map {
            switch $0 {
            case .text(let text): text
            case .element(let element): element.textContent
            }
        }.joined()
    }
}
