/// Writes a ``DocumentDiff`` as plain text for a terminal or a log: a summary of the
/// sections, then each changed section with its changed blocks, deletions marked
/// `[-old-]` and insertions `{+new+}` (the marks of `git diff --word-diff`).
///
/// Lines start with `+` (inserted block), `-` (deleted), `~` (modified) or `@` (attribute).
/// A modified table row is named by its first cell and each changed cell by its column's
/// header ("Calls answered, latest: [-72-]{+66+}"), as a reader finds them in the table.
/// Changes of `class` alone (the colour of a status) are left out: the text change that
/// caused them is shown; the JSON format keeps them for scripts.
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
            var changed: [String] = []
            for attribute in section.attributeChanges where attribute.name != "class" { changed.append("  " + line(attribute)) }
            let headers = Self.columnHeaders(section.blocks)
            for block in section.blocks where block.change != .unchanged {
                changed += self.lines(block, indent: "  ", headers: headers)
            }
            // A section changed only in its styling classes shows nothing a reader sees.
            guard !changed.isEmpty else { continue }
            lines.append("")
            lines.append(header(section))
            lines += changed
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

    private func lines(_ block: BlockDiff, indent: String, headers: [String: [String]]) -> [String] {
        var lines: [String] = []
        let attributes = block.attributeChanges.filter { $0.name != "class" }
        switch block.change {
        case .unchanged:
            return []
        case .inserted:
            lines.append(indent + "+ \(block.path): " + inserted(block.newText ?? ""))
        case .deleted:
            lines.append(indent + "- \(block.path): " + deleted(block.oldText ?? ""))
        case .modified where block.isRow:
            let label = Self.text(of: block.cells.first).map(Self.shortened)
            let columns = headers[Self.table(of: block.path)] ?? []
            var cellLines: [String] = []
            for (index, cell) in block.cells.enumerated() where cell.change != .unchanged {
                let header = index < columns.count ? Self.lowercasedFirst(columns[index]) : nil
                let name = [index == 0 ? nil : label, header].compactMap { $0 }.joined(separator: ", ")
                let place = name.isEmpty ? cell.path : name
                if let textDiff = cell.textDiff {
                    cellLines.append(indent + "    ~ \(place): " + marked(textDiff))
                } else if cell.change == .inserted || cell.change == .deleted {
                    cellLines += self.lines(cell, indent: indent + "    ", headers: headers)
                }
                for attribute in cell.attributeChanges where attribute.name != "class" {
                    cellLines.append(indent + "    " + line(attribute))
                }
            }
            guard !cellLines.isEmpty || !attributes.isEmpty else { return [] }
            lines.append(indent + "~ " + (label.map { "\($0) (\(block.path))" } ?? block.path))
            for attribute in attributes { lines.append(indent + "    " + line(attribute)) }
            lines += cellLines
        case .modified:
            if let textDiff = block.textDiff {
                lines.append(indent + "~ \(block.path): " + marked(textDiff))
            }
            for attribute in attributes { lines.append(indent + line(attribute)) }
        }
        return lines
    }

    /// Each table's header cells (its first row, when every cell of it is a `th`), by the
    /// table's path (`table[1]`); a table of label and value rows has none.
    static func columnHeaders(_ blocks: [BlockDiff]) -> [String: [String]] {
        var headers: [String: [String]] = [:]
        for block in blocks where block.isRow && block.path.hasSuffix("/tr[1]") && !block.cells.isEmpty
            && block.cells.allSatisfy({ $0.element == "th" })
        {
            headers[table(of: block.path)] = block.cells.map { text(of: $0) ?? "" }
        }
        return headers
    }

    /// `table[1]` of `table[1]/tr[4]`.
    static func table(of path: String) -> String {
        path.range(of: "/tr[", options: .backwards).map { String(path[..<$0.lowerBound]) } ?? path
    }

    static func text(of cell: BlockDiff?) -> String? {
        guard let cell else { return nil }
        let text = cell.newText ?? cell.oldText ?? ""
        return text.isEmpty ? nil : text
    }

    static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    /// "Latest" becomes "latest"; "NPV" and "RTT target" stay as they are.
    static func lowercasedFirst(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, !characters[1].isUppercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
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
