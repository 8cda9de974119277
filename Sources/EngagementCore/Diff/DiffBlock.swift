/// One unit of a section's content that the comparison aligns: a heading, paragraph, list
/// item, definition term or description, table row (with its cells), a run of loose text,
/// or a container element such as a list or table, which carries only its attributes.
///
/// Containers take part in alignment so that their attributes are compared too; their
/// text lives in the blocks inside them, so they are never reported as inserted or
/// deleted themselves.
struct DiffBlock: Sendable {
    enum Kind: Sendable, Hashable {
        case text
        case row
        case container
    }

    var kind: Kind
    /// The element name, or `text()` for text directly inside a container.
    var name: String
    /// Where the element is within its section, e.g. `table[1]/tr[4]`; indices count
    /// elements of the same name, and thead, tbody and tfoot are not steps of their rows'
    /// paths, so rows are numbered through the whole table.
    var path: String
    /// The text with whitespace collapsed; for a row, its cells joined by " | ".
    var text: String
    /// This element's attributes and those of inline elements inside it, sorted by path
    /// and name.
    var attributes: [BlockAttribute]
    /// A row's cells, each a text block; empty for other kinds.
    var cells: [DiffBlock]
    var hash: ContentHash

    init(kind: Kind, name: String, path: String, text: String, attributes: [BlockAttribute], cells: [DiffBlock] = []) {
        self.kind = kind
        self.name = name
        self.path = path
        self.text = text
        self.attributes = attributes.sorted()
        self.cells = cells
        var hash = ContentHash()
        hash.combine(name)
        hash.combine(text)
        for attribute in self.attributes {
            hash.combine(attribute.path)
            hash.combine(attribute.name)
            hash.combine(attribute.value)
        }
        for cell in cells { hash.combine(cell.hash) }
        self.hash = hash
    }
}

extension DiffBlock: Hashable {
    /// Same content, wherever it sits: the path is left out, since a paragraph that only
    /// shifted down because another was inserted above it is unchanged.
    static func == (lhs: DiffBlock, rhs: DiffBlock) -> Bool {
        lhs.hash == rhs.hash && lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.text == rhs.text
            && lhs.attributes == rhs.attributes && lhs.cells == rhs.cells
    }

    /// The content hash alone, consistent with `==`, which compares it first.
    func hash(into hasher: inout Hasher) {
        hasher.combine(hash.value)
    }
}

/// An attribute of a block element or of an inline element inside it.
struct BlockAttribute: Sendable, Hashable, Comparable {
    /// Relative to the block: empty for the block's own attributes, `span[1]` for an
    /// inline element inside it.
    var path: String
    var name: String
    var value: String

    static func < (lhs: BlockAttribute, rhs: BlockAttribute) -> Bool {
        (lhs.path, lhs.name, lhs.value) < (rhs.path, rhs.name, rhs.value)
    }
}
