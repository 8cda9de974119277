extension DocumentDiff {
    /// The differences as a flat list of edits, for JSON output.
    ///
    /// Sections come in the order of ``sections``; within a section: rename, move, the
    /// section element's attributes, then each block in reading order (its text, then its
    /// attributes, then its cells). The same two documents always give the same list.
    public var edits: [DiffEdit] {
        sections.flatMap(\.edits)
    }
}

extension SectionDiff {
    /// This section's edits, as listed in ``DocumentDiff/edits``.
    public var edits: [DiffEdit] {
        switch status {
        case .added:
            return [DiffEdit(operation: .insertSection, sectionID: id, new: text(\.newText))]
        case .removed:
            return [DiffEdit(operation: .deleteSection, sectionID: id, old: text(\.oldText))]
        case .changed, .unchanged:
            var edits: [DiffEdit] = []
            if isRenamed { edits.append(DiffEdit(operation: .rename, sectionID: id, old: oldID, new: id)) }
            if let move { edits.append(DiffEdit(operation: .move, sectionID: id, old: move.after, new: move.nowAfter)) }
            edits += attributeChanges.map { $0.edit(sectionID: id) }
            for block in blocks { block.appendEdits(sectionID: id, to: &edits) }
            return edits
        }
    }

    private func text(_ side: KeyPath<BlockDiff, String?>) -> String {
        blocks.compactMap { $0[keyPath: side] }.joined(separator: "\n")
    }
}

extension BlockDiff {
    fileprivate func appendEdits(sectionID: String?, to edits: inout [DiffEdit]) {
        switch change {
        case .unchanged:
            return
        case .inserted:
            edits.append(DiffEdit(operation: .insert, sectionID: sectionID, path: path, new: newText))
        case .deleted:
            edits.append(DiffEdit(operation: .delete, sectionID: sectionID, path: path, old: oldText))
        case .modified:
            if textDiff != nil {
                edits.append(
                    DiffEdit(operation: .replace, sectionID: sectionID, path: path, old: oldText, new: newText))
            }
            // The block's own attributes, then (for a row) its cells in order.
            edits += attributeChanges.map { $0.edit(sectionID: sectionID) }
            for cell in cells { cell.appendEdits(sectionID: sectionID, to: &edits) }
        }
    }
}

extension AttributeChange {
    fileprivate func edit(sectionID: String?) -> DiffEdit {
        DiffEdit(operation: .changeAttribute, sectionID: sectionID, path: attributePath, old: oldValue, new: newValue)
    }
}
