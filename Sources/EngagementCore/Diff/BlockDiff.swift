/// What happened to one block of a section: a heading, paragraph, list item, term,
/// description, table row (with its cells) or loose text, or a container element whose
/// attributes changed.
public struct BlockDiff: Sendable, Hashable {
    /// What happened to a block.
    public enum Change: String, Sendable, Hashable {
        case unchanged
        case inserted
        case deleted
        /// The block was paired with its earlier version: its text, its cells or its
        /// attributes differ.
        case modified
    }

    /// What happened to the block.
    public var change: Change
    /// The element name (`p`, `li`, `tr`, `td`, ...), or `text()` for text directly inside
    /// a container.
    public var element: String
    /// Where the block is within its section, e.g. `ul[1]/li[3]` or `table[1]/tr[4]/td[2]`:
    /// in the new document, or in the old one for a deleted block.
    public var path: String
    /// The path in the old document when it differs from ``path``, because blocks were
    /// inserted or deleted before this one.
    public var oldPath: String?
    /// Nil when the block was inserted. A row's text is its cells joined by " | ".
    public var oldText: String?
    /// Nil when the block was deleted.
    public var newText: String?
    /// The word-level changes of a modified text block whose text changed.
    public var textDiff: TextDiff?
    /// A row's cells, each with its own change; empty for other blocks.
    public var cells: [BlockDiff]
    /// Attributes of the block and of inline elements in it that changed.
    public var attributeChanges: [AttributeChange]
    /// Whether this is a container (list, table, ...) reported only for its attributes.
    public var isContainer: Bool

    /// Creates a block change; the comparison builds these, tests and renderers may too.
    public init(
        change: Change, element: String, path: String, oldPath: String? = nil, oldText: String?, newText: String?,
        textDiff: TextDiff? = nil, cells: [BlockDiff] = [], attributeChanges: [AttributeChange] = [],
        isContainer: Bool = false
    ) {
        self.change = change
        self.element = element
        self.path = path
        self.oldPath = oldPath
        self.oldText = oldText
        self.newText = newText
        self.textDiff = textDiff
        self.cells = cells
        self.attributeChanges = attributeChanges
        self.isContainer = isContainer
    }

    /// Whether the block is a table row.
    public var isRow: Bool { element == "tr" }
}
