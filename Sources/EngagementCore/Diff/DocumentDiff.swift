/// The differences between two revisions of a document, section by section.
///
/// Built by ``DocumentComparison/compare(old:new:)``; rendered by ``DiffTextRenderer``,
/// ``DiffHTMLRenderer`` and ``edits``.
public struct DocumentDiff: Sendable, Hashable {
    /// Every section of either revision: in the new document's order, each removed
    /// section placed after the section that preceded it in the old document. The
    /// content outside sections comes first.
    public var sections: [SectionDiff]

    /// Creates a comparison result from its sections, in report order.
    public init(sections: [SectionDiff]) {
        self.sections = sections
    }

    /// Whether the two revisions have the same content, order and ids.
    public var isEmpty: Bool {
        !sections.contains { $0.hasDifferences }
    }

    /// The sections listed by what happened to them, each list in document order.
    public var summary: Summary {
        var summary = Summary()
        for section in sections {
            switch section.status {
            case .added: summary.added.append(section.displayName)
            case .removed: summary.removed.append(section.displayName)
            case .changed: summary.changed.append(section.displayName)
            case .unchanged: summary.unchangedCount += 1
            }
            if section.isMoved { summary.moved.append(section.displayName) }
            if section.isRenamed, let oldID = section.oldID, let id = section.id {
                summary.renamed.append(Summary.Rename(oldID: oldID, newID: id))
            }
        }
        return summary
    }

    /// Section ids by what happened to them; a section may be in more than one list
    /// (moved and changed, say).
    public struct Summary: Sendable, Hashable {
        /// A section that kept its content under a new id.
        public struct Rename: Sendable, Hashable {
            /// The id in the old document.
            public var oldID: String
            /// The id in the new document.
            public var newID: String

            /// Creates a rename from `oldID` to `newID`.
            public init(oldID: String, newID: String) {
                self.oldID = oldID
                self.newID = newID
            }
        }

        /// Sections only in the new document.
        public var added: [String] = []
        /// Sections only in the old document.
        public var removed: [String] = []
        /// Sections matched by content under a new id.
        public var renamed: [Rename] = []
        /// Sections in another enclosing section or out of order among their siblings.
        public var moved: [String] = []
        /// Matched sections whose content differs.
        public var changed: [String] = []
        /// Matched sections with the same content, moved or renamed ones included.
        public var unchangedCount = 0
    }
}
