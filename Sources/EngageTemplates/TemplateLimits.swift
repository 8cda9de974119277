/// Bounds on the work and memory one document's template may take.
///
/// A template is data, but a hostile or mistaken one can still ask for exponential work:
/// macros that each call the next twice, a string doubled through variables, an XPath
/// nested in its own predicates. Each limit turns that into a template error at the
/// construct that crossed it, long before the machine runs out of memory. The standard
/// values are far above what the shipped templates need for the largest profiles (see
/// docs/templates.md, "Limits").
public struct TemplateLimits: Sendable, Hashable {
    /// The most template nodes (elements and text) one document's template may compile to,
    /// once includes and macro calls are expanded.
    public var maximumCompiledNodes: Int
    /// The most elements and text nodes a document may have.
    public var maximumOutputNodes: Int
    /// The most text (UTF-8 bytes, text and attribute values) a document may hold.
    public var maximumOutputBytes: Int
    /// The longest string (UTF-8 bytes) any expression may give; also the most bytes of
    /// strings one evaluation may take in from variables and functions.
    public var maximumValueBytes: Int
    /// The most operations libxml2 may spend on one evaluation of one expression
    /// (`xmlXPathContext.opLimit`); nil for no limit.
    public var maximumXPathOperations: Int?
    /// The longest one document may take to render, checked between instructions.
    public var timeLimit: Duration

    /// Limits with the given values.
    public init(
        maximumCompiledNodes: Int, maximumOutputNodes: Int, maximumOutputBytes: Int, maximumValueBytes: Int,
        maximumXPathOperations: Int?, timeLimit: Duration
    ) {
        self.maximumCompiledNodes = maximumCompiledNodes
        self.maximumOutputNodes = maximumOutputNodes
        self.maximumOutputBytes = maximumOutputBytes
        self.maximumValueBytes = maximumValueBytes
        self.maximumXPathOperations = maximumXPathOperations
        self.timeLimit = timeLimit
    }

    /// The limits every render uses unless told otherwise.
    ///
    /// The shipped templates need at most a few thousand nodes, 50 KB of text and 10,000
    /// XPath operations per evaluation for the largest profiles, and 0.1 s per document.
    public static let standard = TemplateLimits(
        maximumCompiledNodes: 100_000, maximumOutputNodes: 2_000_000, maximumOutputBytes: 64 << 20,
        maximumValueBytes: 1 << 20, maximumXPathOperations: 50_000_000, timeLimit: .seconds(10))
}
