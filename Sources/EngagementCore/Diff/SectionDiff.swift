/// What happened to one section between two revisions of a document.
public struct SectionDiff: Sendable, Hashable {
    /// What happened to a section's content.
    public enum Status: String, Sendable, Hashable {
        case added
        case removed
        /// Matched with its earlier version, whose content differs.
        case changed
        /// Matched with its earlier version, with the same content (it may still have been
        /// moved or renamed).
        case unchanged
    }

    /// Where a moved section sat: the sections it followed in document order, each given
    /// by its path (enclosing ids and its own, joined by "/", as in `actions/discovery`).
    public struct Move: Sendable, Hashable {
        /// The section it followed in the old document, nil when it came first.
        public var after: String?
        /// The section it follows in the new document (its enclosing section when it is
        /// the first inside it), nil when it comes first.
        public var nowAfter: String?

        /// Creates a move between the two positions.
        public init(after: String?, nowAfter: String?) {
            self.after = after
            self.nowAfter = nowAfter
        }
    }

    /// Added, removed, or matched with changed or unchanged content.
    public var status: Status
    /// The section's id (the old one when it was removed); nil for the content outside
    /// every section, such as the cover.
    public var id: String?
    /// The id in the old document; differs from ``id`` when the section was renamed.
    public var oldID: String?
    /// The ids of the enclosing sections, outermost first, then this one's.
    public var path: [String]
    /// The text of its first heading.
    public var heading: String?
    /// Set when the section now sits in another enclosing section, or its order among
    /// its siblings changed.
    public var move: Move?
    /// Attributes of the section element other than `id`.
    public var attributeChanges: [AttributeChange]
    /// Every block of the section in reading order, unchanged ones included; containers
    /// appear only when their attributes changed.
    public var blocks: [BlockDiff]

    /// Creates a section entry; the comparison builds these.
    public init(
        status: Status, id: String?, oldID: String?, path: [String], heading: String?, move: Move? = nil,
        attributeChanges: [AttributeChange] = [], blocks: [BlockDiff]
    ) {
        self.status = status
        self.id = id
        self.oldID = oldID
        self.path = path
        self.heading = heading
        self.move = move
        self.attributeChanges = attributeChanges
        self.blocks = blocks
    }

    /// Whether the section kept its content under a new id.
    public var isRenamed: Bool {
        (status == .changed || status == .unchanged) && oldID != id
    }

    /// Whether the section was moved.
    public var isMoved: Bool { move != nil }

    /// Whether anything about the section differs: content, place or id.
    public var hasDifferences: Bool {
        status != .unchanged || isMoved || isRenamed
    }

    /// The id, or a description for the content outside sections, for reports.
    public var displayName: String {
        id ?? "(outside sections)"
    }
}
