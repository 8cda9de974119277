import Rendering

/// Writes a ``DocumentDiff`` as a self-contained redline page: one HTML file with its
/// stylesheet inline and no external resources, so it can be mailed or archived as is.
///
/// The summary comes first; then every section in order, changed, added and removed ones
/// open, unchanged ones folded in `<details>`. Insertions are `<ins>`, deletions `<del>`,
/// and moved or renamed sections carry a label. All document text is escaped.
public struct DiffHTMLRenderer: Sendable {
    /// The page title and top heading, e.g. "Strategy: revision 3 to 4".
    public var title: String
    /// Why the revisions compared were made (`--reason`), as "Revision 4: ..." lines.
    public var reasons: [String]

    /// Creates a renderer whose page carries `title`, and the `reasons` under it.
    public init(title: String = "Changes", reasons: [String] = []) {
        self.title = title
        self.reasons = reasons
    }

    /// The page for `diff`.
    public func render(_ diff: DocumentDiff) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(Self.escape(title))</title>\n<style>\n\(Self.stylesheet)</style>\n</head>\n<body>\n"
        html += "<header>\n<h1>\(Self.escape(title))</h1>\n"
        for reason in reasons { html += "<p class=\"reason\">\(Self.escape(reason))</p>\n" }
        writeSummary(diff, into: &html)
        html += "</header>\n<main>\n"
        for section in diff.sections { writeSection(section, into: &html) }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    // MARK: Summary

    private func writeSummary(_ diff: DocumentDiff, into html: inout String) {
        guard !diff.isEmpty else {
            html += "<p class=\"summary\">No differences.</p>\n"
            return
        }
        let summary = diff.summary
        let counts = [
            (summary.added.count, "added"), (summary.removed.count, "removed"), (summary.moved.count, "moved"),
            (summary.renamed.count, "renamed"), (summary.changed.count, "changed"),
            (summary.unchangedCount, "unchanged"),
        ]
        html += "<p class=\"summary\">Sections: " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "</p>\n"
        html += "<dl class=\"summary\">\n"
        func list(_ label: String, _ items: [(anchor: String, text: String)]) {
            guard !items.isEmpty else { return }
            html += "<dt><span class=\"label \(label)\">\(label)</span></dt>\n<dd>"
            html += items.map { "<a href=\"#\(Self.escape($0.anchor))\">\(Self.escape($0.text))</a>" }
                .joined(separator: ", ")
            html += "</dd>\n"
        }
        let sections = diff.sections
        list("added", sections.filter { $0.status == .added }.map { (anchor($0), $0.displayName) })
        list("removed", sections.filter { $0.status == .removed }.map { (anchor($0), $0.displayName) })
        list("moved", sections.filter(\.isMoved).map { (anchor($0), $0.displayName) })
        list(
            "renamed",
            sections.filter(\.isRenamed).map { (anchor($0), "\($0.oldID ?? "") \u{2192} \($0.displayName)") })
        list("changed", sections.filter { $0.status == .changed }.map { (anchor($0), $0.displayName) })
        html += "</dl>\n"
    }

    // MARK: Sections

    /// Removed sections get their own anchor, since their id may have been reused.
    private func anchor(_ section: SectionDiff) -> String {
        let id = section.id ?? "outside-sections"
        return (section.status == .removed ? "removed-" : "section-") + id
    }

    private func writeSection(_ section: SectionDiff, into html: inout String) {
        let status = section.status.rawValue
        var title = "<span class=\"badge \(status)\">\(status)</span> "
        title += Self.escape(section.heading ?? section.displayName)
        title +=
            " <code>\(Self.escape(section.id == nil ? "outside sections" : section.path.joined(separator: "/")))</code>"
        var labels = ""
        if let move = section.move {
            labels +=
                "<span class=\"label moved\">moved: was after \(Self.code(move.after)), now after "
                + "\(Self.code(move.nowAfter))</span> "
        }
        if section.isRenamed {
            labels += "<span class=\"label renamed\">renamed from \(Self.code(section.oldID))</span> "
        }
        for change in section.attributeChanges { labels += attributeNote(change) + " " }
        let anchor = Self.escape(anchor(section))
        if section.status == .unchanged {
            html += "<details class=\"section unchanged\" id=\"\(anchor)\">\n<summary>\(title) \(labels)</summary>\n"
            writeBlocks(section.blocks, into: &html)
            html += "</details>\n"
        } else {
            html += "<section class=\"section \(status)\" id=\"\(anchor)\">\n<h2>\(title)</h2>\n"
            if !labels.isEmpty { html += "<p class=\"labels\">\(labels)</p>\n" }
            writeBlocks(section.blocks, into: &html)
            html += "</section>\n"
        }
    }

    // MARK: Blocks

    /// Writes blocks, wrapping consecutive list items, rows and definition entries of one
    /// container in a list, table or definition list so the page reads like the document.
    private func writeBlocks(_ blocks: [BlockDiff], into html: inout String) {
        var open: (tag: String, container: String)?
        for block in blocks {
            let wrapper = Self.wrapper(for: block)
            if let current = open, wrapper?.tag != current.tag || wrapper?.container != current.container {
                html += "</\(current.tag)>\n"
                open = nil
            }
            if open == nil, let wrapper {
                html += "<\(wrapper.tag)>\n"
                open = wrapper
            }
            writeBlock(block, into: &html)
        }
        if let open { html += "</\(open.tag)>\n" }
    }

    private static func wrapper(for block: BlockDiff) -> (tag: String, container: String)? {
        let container = block.path.split(separator: "/").dropLast().joined(separator: "/")
        switch block.element {
        case "li": return ("ul", container)
        case "tr": return ("table", container)
        case "dt", "dd": return ("dl", container)
        default: return nil
        }
    }

    private func writeBlock(_ block: BlockDiff, into html: inout String) {
        let replaced = block.textDiff?.isReplacement == true ? " replaced" : ""
        let attributes = " class=\"\(block.change.rawValue)\(replaced)\" data-path=\"\(Self.escape(block.path))\""
        let notes = block.attributeChanges.map(attributeNote).joined(separator: " ")
        if block.isRow {
            html += "<tr\(attributes)>"
            for (index, cell) in block.cells.enumerated() {
                let tag = cell.element == "th" ? "th" : "td"
                let cellNotes =
                    (index == 0 && !notes.isEmpty ? " " + notes : "")
                    + cell.attributeChanges.map { " " + attributeNote($0) }.joined()
                html += "<\(tag) class=\"\(cell.change.rawValue)\">\(content(cell))\(cellNotes)</\(tag)>"
            }
            html += "</tr>\n"
            return
        }
        if block.isContainer {
            html += "<p\(attributes)><code>\(Self.escape(block.path))</code> \(notes)</p>\n"
            return
        }
        let tag: String
        switch block.element {
        case "li": tag = "li"
        case "dt", "dd": tag = block.element
        case "h1", "h2", "h3", "h4", "h5", "h6": tag = "h3"
        default: tag = "p"
        }
        html += "<\(tag)\(attributes)>\(content(block))\(notes.isEmpty ? "" : " " + notes)</\(tag)>\n"
    }

    private func content(_ block: BlockDiff) -> String {
        switch block.change {
        case .inserted: return "<ins>\(Self.escape(block.newText ?? ""))</ins>"
        case .deleted: return "<del>\(Self.escape(block.oldText ?? ""))</del>"
        case .unchanged: return Self.escape(block.newText ?? "")
        case .modified:
            guard let textDiff = block.textDiff else { return Self.escape(block.newText ?? "") }
            return textDiff.fragments.map {
                switch $0 {
                case .unchanged(let text): Self.escape(text)
                case .deleted(let text): "<del>\(Self.escape(text))</del>"
                case .inserted(let text): "<ins>\(Self.escape(text))</ins>"
                }
            }.joined()
        }
    }

    private func attributeNote(_ change: AttributeChange) -> String {
        var note = "<span class=\"attribute\"><code>\(Self.escape(change.attributePath))</code>: "
        if let old = change.oldValue { note += "<del>\(Self.escape(old))</del>" }
        if change.oldValue != nil, change.newValue != nil { note += " " }
        if let new = change.newValue { note += "<ins>\(Self.escape(new))</ins>" }
        return note + "</span>"
    }

    // MARK: Escaping and style

    private static func code(_ id: String?) -> String {
        id.map { "<code>\(escape($0))</code>" } ?? "the start"
    }

    /// Escapes text for element content and double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        HTMLEscaper.escape(text, for: .anywhere)
    }

    static let stylesheet = """
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
        h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
        code { font: .85em ui-monospace, SFMono-Regular, Menlo, monospace; color: #57606a; }
        .summary { margin: .25rem 0; }
        dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.summary dd { margin: 0; }
        .section { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
        .section.added { border-left: 4px solid #1a7f37; }
        .section.removed { border-left: 4px solid #cf222e; }
        .section.changed { border-left: 4px solid #9a6700; }
        details.section > summary { cursor: pointer; color: #57606a; }
        .badge, .label { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase; padding: 0 .4rem; border-radius: 1rem; border: 1px solid currentColor; }
        .badge.added, .label.added { color: #1a7f37; }
        .badge.removed, .label.removed { color: #cf222e; }
        .badge.changed, .label.changed { color: #9a6700; }
        .badge.unchanged { color: #57606a; }
        .label.moved { color: #8250df; }
        .label.renamed { color: #0969da; }
        ins { background: #dafbe1; color: #116329; text-decoration: none; }
        del { background: #ffebe9; color: #a40e26; }
        .replaced del, .replaced ins { display: block; }
        .attribute { font-size: .85em; }
        table { border-collapse: collapse; margin: .5rem 0; }
        td, th { border: 1px solid #d0d7de; padding: .2rem .5rem; vertical-align: top; text-align: left; }
        li.inserted, p.inserted, dt.inserted, dd.inserted, h3.inserted, tr.inserted { background: #f0fff4; }
        li.deleted, p.deleted, dt.deleted, dd.deleted, h3.deleted, tr.deleted { background: #fff5f5; }
        @media print { details.section > :not(summary) { display: none; } .section { break-inside: avoid; } }

        """
}
