/// Writes a ``DocumentDiff`` as plain text for a terminal or a log: a summary of the
/// sections, then each changed section with its changed blocks, deletions marked
/// `[-old-]` and insertions `{+new+}` (the marks of `git diff --word-diff`).
///
/// Lines start with `+` (inserted block), `-` (deleted), `~` (modified) or `@` (attribute).
public struct DiffTextRenderer: Sendable {
    /// Whether to colour deletions red and insertions green with ANSI escapes. The marks
    /// stay either way, so the meaning never rests on colour alone; the caller turns this
    /// on only for a terminal without `NO_COLOR`.
    public var useColour: Bool

    /// Creates a renderer, without colour unless asked.
    public init(useColour: Bool = false) {
        self.useColour = useColour
    }

    /// The report for `diff`, ending in a newline.
    public func render(_ diff: DocumentDiff) -> String {
        guard !diff.isEmpty else { return "No differences.\n" }
        var lines = summary(diff.summary)
        for section in diff.sections where section.status == .changed {
            lines.append("")
            lines.append(header(section))
            for attribute in section.attributeChanges { lines.append("  " + line(attribute)) }
            for block in section.blocks where block.change != .unchanged { lines += self.lines(block, indent: "  ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func summary(_ summary: DocumentDiff.Summary) -> [String] {
        let counts = [
            (summary.added.count, "added"), (summary.removed.count, "removed"), (summary.moved.count, "moved"),
            (summary.renamed.count, "renamed"), (summary.changed.count, "changed"),
            (summary.unchangedCount, "unchanged"),
        ]
        var lines = ["Sections: " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")]
        func list(_ label: String, _ items: [String]) {
            if !items.isEmpty { lines.append("  \(label): " + items.joined(separator: ", ")) }
        }
        list("added", summary.added)
        list("removed", summary.removed)
        list("moved", summary.moved)
        list("renamed", summary.renamed.map { "\($0.oldID) -> \($0.newID)" })
        list("changed", summary.changed)
        return lines
    }

    private func header(_ section: SectionDiff) -> String {
        var header = section.id == nil ? "Outside sections" : "Section " + section.path.joined(separator: "/")
        if let heading = section.heading { header += ": " + heading }
        var notes: [String] = []
        if let move = section.move {
            notes.append("moved: was after \(move.after ?? "the start"), now after \(move.nowAfter ?? "the start")")
        }
        if section.isRenamed, let oldID = section.oldID { notes.append("renamed from \(oldID)") }
        if !notes.isEmpty { header += " (" + notes.joined(separator: "; ") + ")" }
        return header
    }

    private func lines(_ block: BlockDiff, indent: String) -> [String] {
        var lines: [String] = []
        switch block.change {
        case .unchanged:
            return []
        case .inserted:
            lines.append(indent + "+ \(block.path): " + inserted(block.newText ?? ""))
        case .deleted:
            lines.append(indent + "- \(block.path): " + deleted(block.oldText ?? ""))
        case .modified:
            if let textDiff = block.textDiff {
                lines.append(indent + "~ \(block.path): " + marked(textDiff))
            } else if block.isRow {
                lines.append(indent + "~ \(block.path)")
            }
            for attribute in block.attributeChanges {
                lines.append(indent + (block.isRow ? "    " : "") + line(attribute))
            }
            for cell in block.cells { lines += self.lines(cell, indent: indent + "    ") }
        }
        return lines
    }

    private func line(_ change: AttributeChange) -> String {
        var text = "@ \(change.attributePath): "
        if let old = change.oldValue { text += deleted(old) }
        if let new = change.newValue { text += inserted(new) }
        return text
    }

    /// The text with each edit marked in place.
    public func marked(_ diff: TextDiff) -> String {
        diff.fragments.map {
            switch $0 {
            case .unchanged(let text): text
            case .deleted(let text): deleted(text)
            case .inserted(let text): inserted(text)
            }
        }.joined()
    }

    private func deleted(_ text: String) -> String {
        useColour ? "\u{1B}[31m[-\(text)-]\u{1B}[0m" : "[-\(text)-]"
    }

    private func inserted(_ text: String) -> String {
        useColour ? "\u{1B}[32m{+\(text)+}\u{1B}[0m" : "{+\(text)+}"
    }
}
