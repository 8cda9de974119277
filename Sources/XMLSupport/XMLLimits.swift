/// Caps applied to every document before libxml2 builds a tree from it.
///
/// They keep a hostile or accidental input (a 100 MB file, ten thousand levels of
/// nesting) from costing more than a clear refusal.
public struct XMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes.
    public var maximumBytes: Int
    /// The deepest element nesting accepted; the root element is depth 1. At most 256,
    /// libxml2's own limit without its "huge" mode, which engage never turns on.
    public var maximumDepth: Int

    /// libxml2's nesting limit without `XML_PARSE_HUGE`.
    public static let deepestSupported = 256

    public init(maximumBytes: Int, maximumDepth: Int) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = min(maximumDepth, Self.deepestSupported)
    }

    /// Generous limits for documents such as templates: 16 MiB, 256 levels.
    public static let standard = XMLLimits(maximumBytes: 16 << 20, maximumDepth: 256)
}

/// How whitespace-only text between elements is treated when parsing.
public enum XMLWhitespaceHandling: Sendable, Hashable {
    /// Keep every text node as written.
    case preserve
    /// Drop text nodes that hold only whitespace (libxml2's `XML_PARSE_NOBLANKS`).
    case dropBlankNodes
}
