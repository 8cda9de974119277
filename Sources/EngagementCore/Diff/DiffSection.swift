/// A section of a document as the comparison sees it: one `<section id>` at any depth,
/// holding its own content and not that of the sections nested in it.
///
/// Content outside every section (the head and the cover) forms one more section with no
/// id, first in the list, so that a change there is reported too.
struct DiffSection: Sendable {
    /// The `id` attribute; nil for the content outside sections.
    var id: String?
    /// The index of the enclosing section in the document's list, nil at the top level.
    var parent: Int?
    /// The ids of the enclosing sections, outermost first, then this one's.
    var path: [String]
    /// The section element's attributes other than `id`.
    var attributes: [BlockAttribute]
    var blocks: [DiffBlock]
    /// Covers the attributes and every block, so equal hashes mean (almost certainly)
    /// equal content; ``hasSameContent(as:)`` confirms it.
    var hash: ContentHash

    init(id: String?, parent: Int?, path: [String], attributes: [BlockAttribute], blocks: [DiffBlock]) {
        self.id = id
        self.parent = parent
        self.path = path
        self.attributes = attributes.sorted()
        self.blocks = blocks
        var hash = ContentHash()
        for attribute in self.attributes {
            hash.combine(attribute.name)
            hash.combine(attribute.value)
        }
        for block in blocks { hash.combine(block.hash) }
        self.hash = hash
    }

    func hasSameContent(as other: DiffSection) -> Bool {
        hash == other.hash && attributes == other.attributes && blocks == other.blocks
    }

    /// The text of the first heading, which is how readers know the section.
    var heading: String? {
        blocks.first { $0.kind == .text && DiffSection.headingNames.contains($0.name) }?.text
    }

    /// The text of every block, one per line, as an inserted or deleted section is reported.
    var text: String {
        blocks.filter { $0.kind != .container }.map(\.text).joined(separator: "\n")
    }

    static let headingNames: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
}
