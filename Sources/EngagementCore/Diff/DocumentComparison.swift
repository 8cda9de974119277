import XMLSupport

/// Compares two revisions of a generated document.
///
/// Sections (every `<section id>`, at any depth) are matched by id first, because ids are
/// stable by design (template id plus loop key). Sections left over on both sides are then
/// matched by identical content, which catches a renamed loop key; nothing is matched by
/// mere similarity, so a section is never confused with a different one that happens to
/// read alike. Matched sections that changed enclosing section, or whose order among
/// their siblings changed, are reported as moved, and the blocks of changed sections are
/// compared by ``BlockAligner``.
///
/// Cost is linear in the size of the documents plus the size of the changes: unchanged
/// sections are recognised by hash and never aligned block by block.
public enum DocumentComparison {
    /// The differences from `old` to `new`, each the root `<html>` element of an XHTML
    /// document (``XMLDocument/root``).
    public static func compare(old: SourceElement, new: SourceElement) -> DocumentDiff {
        let oldSections = SectionExtractor.sections(of: old)
        let newSections = SectionExtractor.sections(of: new)
        let oldForNew = match(oldSections, newSections)
        let moved = movedSections(oldSections, newSections, oldForNew)

        var newForOld = Array(repeating: Int?.none, count: oldSections.count)
        for (newIndex, oldIndex) in oldForNew.enumerated() {
            if let oldIndex { newForOld[oldIndex] = newIndex }
        }
        // Removed sections go after the entry of the nearest preceding old section that
        // survived (or first, under key -1), which keeps them near where they were.
        var removedAfter: [Int: [Int]] = [:]
        var anchor = -1
        for oldIndex in oldSections.indices {
            if let newIndex = newForOld[oldIndex] {
                anchor = newIndex
            } else {
                removedAfter[anchor, default: []].append(oldIndex)
            }
        }

        var result: [SectionDiff] = []
        result.reserveCapacity(oldSections.count + newSections.count)
        for oldIndex in removedAfter[-1] ?? [] { result.append(removed(oldSections[oldIndex])) }
        for newIndex in newSections.indices {
            let section = newSections[newIndex]
            if let oldIndex = oldForNew[newIndex] {
                var entry = matched(oldSections[oldIndex], section)
                if moved[newIndex] {
                    entry.move = SectionDiff.Move(
                        after: predecessor(of: oldIndex, in: oldSections),
                        nowAfter: predecessor(of: newIndex, in: newSections))
                }
                result.append(entry)
            } else {
                result.append(added(section))
            }
            for oldIndex in removedAfter[newIndex] ?? [] { result.append(removed(oldSections[oldIndex])) }
        }
        return DocumentDiff(sections: result)
    }

    // MARK: Matching

    /// For each new section, the index of the old section it continues, if any.
    static func match(_ old: [DiffSection], _ new: [DiffSection]) -> [Int?] {
        var oldForNew = Array(repeating: Int?.none, count: new.count)
        var oldMatched = Array(repeating: false, count: old.count)
        // Ids should be unique; if one is repeated, its occurrences pair up in order.
        var oldByID: [String: [Int]] = [:]
        for (index, section) in old.enumerated() {
            if let id = section.id { oldByID[id, default: []].append(index) }
        }
        var usedByID: [String: Int] = [:]
        for (newIndex, section) in new.enumerated() {
            guard let id = section.id else {
                // The content outside sections continues the old one.
                if let oldIndex = old.firstIndex(where: { $0.id == nil }), !oldMatched[oldIndex] {
                    oldForNew[newIndex] = oldIndex
                    oldMatched[oldIndex] = true
                }
                continue
            }
            let used = usedByID[id, default: 0]
            if let candidates = oldByID[id], used < candidates.count {
                oldForNew[newIndex] = candidates[used]
                oldMatched[candidates[used]] = true
                usedByID[id] = used + 1
            }
        }

        // Renames: a new id whose content is exactly that of an old id that disappeared.
        var unmatchedByHash: [ContentHash: [Int]] = [:]
        for (index, section) in old.enumerated() where !oldMatched[index] && section.id != nil {
            unmatchedByHash[section.hash, default: []].append(index)
        }
        guard !unmatchedByHash.isEmpty else { return oldForNew }
        for (newIndex, section) in new.enumerated() where oldForNew[newIndex] == nil && section.id != nil {
            guard var candidates = unmatchedByHash[section.hash],
                let position = candidates.firstIndex(where: { old[$0].hasSameContent(as: section) })
            else { continue }
            oldForNew[newIndex] = candidates.remove(at: position)
            unmatchedByHash[section.hash] = candidates
        }
        return oldForNew
    }

    /// For each new section, whether it moved: it now sits in a different enclosing
    /// section, or among its siblings it is outside the longest run that kept its
    /// relative order.
    ///
    /// Siblings are compared per enclosing section, so a section moved with its nested
    /// sections counts once (they moved with it), and moving a large section never makes
    /// the small ones it jumped over look moved instead.
    static func movedSections(_ old: [DiffSection], _ new: [DiffSection], _ oldForNew: [Int?]) -> [Bool] {
        var moved = Array(repeating: false, count: new.count)
        var newForOld = Array(repeating: Int?.none, count: old.count)
        for (newIndex, oldIndex) in oldForNew.enumerated() {
            if let oldIndex { newForOld[oldIndex] = newIndex }
        }
        // Matched sections by enclosing section (-1 for the top level), in new order.
        var siblings: [Int: [Int]] = [:]
        for (newIndex, oldIndex) in oldForNew.enumerated() {
            guard let oldIndex, new[newIndex].id != nil else { continue }
            // The old parent in new indices; -2 when the old parent did not survive.
            let oldParent = old[oldIndex].parent.map { newForOld[$0] ?? -2 }
            if oldParent != new[newIndex].parent {
                moved[newIndex] = true
            } else {
                siblings[new[newIndex].parent ?? -1, default: []].append(newIndex)
            }
        }
        for group in siblings.values {
            let inOrder = LongestIncreasingSubsequence.membership(group.compactMap { oldForNew[$0] })
            for (position, newIndex) in group.enumerated() where !inOrder[position] {
                moved[newIndex] = true
            }
        }
        return moved
    }

    /// The path of the section before `index` in document order (ids from the outermost
    /// section, joined by "/"), nil when it is the first. The path rather than the id, so
    /// that a section moved into another one reads as moved even after the same sibling.
    private static func predecessor(of index: Int, in sections: [DiffSection]) -> String? {
        guard index > 0, sections[index - 1].id != nil else { return nil }
        return sections[index - 1].path.joined(separator: "/")
    }

    // MARK: Entries

    private static func added(_ section: DiffSection) -> SectionDiff {
        SectionDiff(
            status: .added, id: section.id, oldID: nil, path: section.path, heading: section.heading,
            blocks: section.blocks.filter { $0.kind != .container }.map(BlockAligner.inserted))
    }

    private static func removed(_ section: DiffSection) -> SectionDiff {
        SectionDiff(
            status: .removed, id: section.id, oldID: section.id, path: section.path, heading: section.heading,
            blocks: section.blocks.filter { $0.kind != .container }.map(BlockAligner.deleted))
    }

    private static func matched(_ old: DiffSection, _ new: DiffSection) -> SectionDiff {
        if old.hasSameContent(as: new) {
            return SectionDiff(
                status: .unchanged, id: new.id, oldID: old.id, path: new.path, heading: new.heading,
                blocks: BlockAligner.unchanged(new.blocks))
        }
        return SectionDiff(
            status: .changed, id: new.id, oldID: old.id, path: new.path, heading: new.heading ?? old.heading,
            attributeChanges: AttributeChange.changes(from: old.attributes, to: new.attributes, elementPath: ""),
            blocks: BlockAligner.diff(old: old.blocks, new: new.blocks))
    }
}
