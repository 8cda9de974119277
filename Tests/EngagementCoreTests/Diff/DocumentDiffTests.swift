import Testing
import XMLSupport

@testable import EngagementCore

@Suite("Document comparison")
struct DocumentDiffTests: DiffFixtures {
    static let cases: [EditCase] = [
        EditCase(
            name: "a new section is one insert-section with its text",
            old: sections(["a"]),
            new: sections(["a", "b"]),
            edits: [.edit(.insertSection, "b", new: "Section b\nAbout b.")]),
        EditCase(
            name: "a removed section is one delete-section with its text",
            old: sections(["a", "b", "c"]),
            new: sections(["a", "c"]),
            edits: [.edit(.deleteSection, "b", old: "Section b\nAbout b.")]),
        EditCase(
            name: "one section moved among five is the only one moved",
            old: sections(["a", "b", "c", "d", "e"]),
            new: sections(["a", "c", "d", "b", "e"]),
            edits: [.edit(.move, "b", old: "a", new: "d")]),
        EditCase(
            name: "moving the first section to the end names no predecessor before",
            old: sections(["a", "b", "c"]),
            new: sections(["b", "c", "a"]),
            edits: [.edit(.move, "a", old: nil, new: "c")]),
        EditCase(
            name: "same content under a new id is a rename",
            old: #"<section id="touchpoint-kickoff"><h2>Kick-off</h2><p>Agree the plan.</p></section>"#,
            new: #"<section id="touchpoint-kick-off"><h2>Kick-off</h2><p>Agree the plan.</p></section>"#,
            edits: [.edit(.rename, "touchpoint-kick-off", old: "touchpoint-kickoff", new: "touchpoint-kick-off")]),
        EditCase(
            name: "a new id with different content is a removal and an addition, not a guess",
            old: #"<section id="x"><p>Agree the plan.</p></section>"#,
            new: #"<section id="y"><p>Agree the plans.</p></section>"#,
            edits: [
                .edit(.deleteSection, "x", old: "Agree the plan."), .edit(.insertSection, "y", new: "Agree the plans."),
            ]),
        EditCase(
            name: "one word changed is a replace of the paragraph",
            old: #"<section id="s"><h2>S</h2><p>The quick brown fox.</p><p>Other.</p></section>"#,
            new: #"<section id="s"><h2>S</h2><p>The quick red fox.</p><p>Other.</p></section>"#,
            edits: [.edit(.replace, "s", path: "p[1]", old: "The quick brown fox.", new: "The quick red fox.")]),
        EditCase(
            name: "a class changed on a paragraph is a change-attribute",
            old: #"<section id="s"><p class="status-at-risk">On track.</p></section>"#,
            new: #"<section id="s"><p class="status-missed">On track.</p></section>"#,
            edits: [.edit(.changeAttribute, "s", path: "p[1]/@class", old: "status-at-risk", new: "status-missed")]),
        EditCase(
            name: "attributes added and removed on inline elements and the section itself",
            old: #"<section id="s" class="wide"><p>Score <span class="rating-low">4</span>.</p></section>"#,
            new: #"<section id="s"><p>Score <span class="rating-low" title="low">4</span>.</p></section>"#,
            edits: [
                .edit(.changeAttribute, "s", path: "@class", old: "wide", new: nil),
                .edit(.changeAttribute, "s", path: "p[1]/span[1]/@title", old: nil, new: "low"),
            ]),
        EditCase(
            name: "a row inserted and a cell changed in a table with a head",
            old: """
                <section id="t"><table><thead><tr><th>Measure</th><th>Value</th></tr></thead>
                <tbody><tr><td>NPS</td><td>31</td></tr><tr><td>CSAT</td><td>82 %</td></tr></tbody></table></section>
                """,
            new: """
                <section id="t"><table><thead><tr><th>Measure</th><th>Value</th></tr></thead>
                <tbody><tr><td>NPS</td><td>31</td></tr><tr><td>CES</td><td>4.1</td></tr>
                <tr><td>CSAT</td><td>85 %</td></tr></tbody></table></section>
                """,
            edits: [
                .edit(.insert, "t", path: "table[1]/tr[3]", new: "CES | 4.1"),
                .edit(.replace, "t", path: "table[1]/tr[4]/td[2]", old: "82 %", new: "85 %"),
            ]),
        EditCase(
            name: "a list item inserted",
            old: #"<section id="l"><ul><li>Awareness</li><li>Knowledge</li></ul></section>"#,
            new: #"<section id="l"><ul><li>Awareness</li><li>Desire</li><li>Knowledge</li></ul></section>"#,
            edits: [.edit(.insert, "l", path: "ul[1]/li[2]", new: "Desire")]),
        EditCase(
            name: "a definition description deleted",
            old:
                #"<section id="g"><dl><dt>NPS</dt><dd>Net promoter score.</dd><dd>Promoters less detractors.</dd></dl></section>"#,
            new: #"<section id="g"><dl><dt>NPS</dt><dd>Net promoter score.</dd></dl></section>"#,
            edits: [.edit(.delete, "g", path: "dl[1]/dd[2]", old: "Promoters less detractors.")]),
        EditCase(
            name: "a paragraph inserted before an edited one leaves the edit with its paragraph",
            old: #"<section id="s"><p>Review the waiting list every month with the clinical leads.</p></section>"#,
            new: """
                <section id="s"><p>A new opening paragraph.</p>
                <p>Review the waiting list every week with the clinical leads.</p></section>
                """,
            edits: [
                .edit(.insert, "s", path: "p[1]", new: "A new opening paragraph."),
                .edit(
                    .replace, "s", path: "p[2]", old: "Review the waiting list every month with the clinical leads.",
                    new: "Review the waiting list every week with the clinical leads."),
            ]),
        EditCase(
            name: "a change in a nested section belongs to that section only",
            old:
                #"<section id="actions"><h2>Actions</h2><section id="actions-discovery"><h3>Discovery</h3><p>Old aim.</p></section></section>"#,
            new:
                #"<section id="actions"><h2>Actions</h2><section id="actions-discovery"><h3>Discovery</h3><p>New aim.</p></section></section>"#,
            edits: [.edit(.replace, "actions-discovery", path: "p[1]", old: "Old aim.", new: "New aim.")]),
        EditCase(
            name: "content outside sections is compared under a null section id",
            old: #"<header><p>Revision 1.</p></header>"# + sections(["a"]),
            new: #"<header><p>Revision 2.</p></header>"# + sections(["a"]),
            edits: [.edit(.replace, nil, path: "header[1]/p[1]", old: "Revision 1.", new: "Revision 2.")]),
        EditCase(
            name: "identical documents have no edits",
            old: sections(["a", "b"]),
            new: sections(["a", "b"]),
            edits: []),
        EditCase(
            name: "layout whitespace is not a difference",
            old: #"<section id="a"><p>Two   words</p></section>"#,
            new: "<section id=\"a\">\n  <p>\n    Two\n    words\n  </p>\n</section>",
            edits: []),
    ]

    @Test("Hand-made revision pairs give exactly the expected edits", arguments: cases)
    func expectedEdits(_ example: EditCase) throws {
        let diff = try Self.compare(example.old, example.new)
        #expect(diff.edits == example.edits)
        #expect(diff.isEmpty == example.edits.isEmpty)
    }

    @Test("Sections are reported by status, and a moved section does not mark the others moved")
    func summaryOfSections() throws {
        let diff = try Self.compare(
            Self.sections(["a", "b", "c", "d", "e", "gone"]) + #"<section id="old-name"><p>Kept.</p></section>"#,
            Self.sections(["a", "c", "d", "b", "e", "new"]) + #"<section id="new-name"><p>Kept.</p></section>"#)
        let summary = diff.summary
        #expect(summary.added == ["new"])
        #expect(summary.removed == ["gone"])
        #expect(summary.moved == ["b"])
        #expect(summary.renamed == [DocumentDiff.Summary.Rename(oldID: "old-name", newID: "new-name")])
        #expect(summary.changed.isEmpty)
        // The content outside sections, a, b, c, d, e and the renamed one.
        #expect(summary.unchangedCount == 7)
        // A removed section comes right after the one it followed, before anything added there.
        #expect(
            diff.sections.map(\.displayName) == [
                "(outside sections)", "a", "c", "d", "b", "e", "gone", "new", "new-name",
            ])
    }

    @Test("A section moved with its nested sections is the only one moved")
    func nestedSectionsMoveWithTheirParent() throws {
        let parent =
            #"<section id="p"><h2>P</h2><section id="p-1"><p>One.</p></section><section id="p-2"><p>Two.</p></section></section>"#
        let diff = try Self.compare(Self.sections(["a", "b"]) + parent, parent + Self.sections(["a", "b"]))
        #expect(diff.edits == [.edit(.move, "p", old: "b", new: nil)])
    }

    @Test("Sections wrapped in a new section are moved into it")
    func wrappedSectionsAreMoved() throws {
        let diff = try Self.compare(
            Self.sections(["intro", "discovery", "advocacy"]),
            Self.sections(["intro"]) + #"<section id="actions"><h2>Actions</h2>"#
                + Self.sections(["discovery", "advocacy"])
                + "</section>")
        #expect(
            diff.edits == [
                .edit(.insertSection, "actions", new: "Actions"),
                .edit(.move, "discovery", old: "intro", new: "actions"),
                .edit(.move, "advocacy", old: "discovery", new: "actions/discovery"),
            ])
    }

    @Test("A paragraph rewritten from scratch is shown as replaced")
    func mostlyChangedParagraphIsReplaced() throws {
        let diff = try Self.compare(
            #"<section id="s"><p>Patients wait too long for a first appointment.</p></section>"#,
            #"<section id="s"><p>Every referral gets a single named contact.</p></section>"#)
        let section = try #require(diff.sections.first { $0.id == "s" })
        let block = try #require(section.blocks.first)
        let text = try #require(block.textDiff)
        #expect(text.isReplacement)
        #expect(
            text.fragments == [
                .deleted("Patients wait too long for a first appointment."),
                .inserted("Every referral gets a single named contact."),
            ])
        #expect(
            DiffTextRenderer().marked(text)
                == "[-Patients wait too long for a first appointment.-]{+Every referral gets a single named contact.+}")
    }

    @Test("Duplicate ids pair up in order instead of failing")
    func duplicateIDs() throws {
        let diff = try Self.compare(
            #"<section id="d"><p>One.</p></section><section id="d"><p>Two.</p></section>"#,
            #"<section id="d"><p>One.</p></section><section id="d"><p>Three.</p></section>"#)
        #expect(diff.edits == [.edit(.replace, "d", path: "p[1]", old: "Two.", new: "Three.")])
    }

    @Test(
        "Paths count rows through thead and tbody and follow nested lists",
        arguments: [
            (
                "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
                "table[1]/tr[2]/td[2]", "b"
            ),
            ("<ul><li>one<ul><li>two</li></ul></li></ul>", "ul[1]/li[1]/ul[1]/li[1]", "two"),
            ("<p>x</p><blockquote><p>quoted</p></blockquote>", "blockquote[1]/p[1]", "quoted"),
            ("<div>loose <em>text</em></div>", "div[1]", "loose text"),
            ("<div><p>a</p>loose</div>", "div[1]/text()[1]", "loose"),
        ])
    func blockPaths(_ example: (content: String, path: String, text: String)) throws {
        let root = try Self.document("<section id=\"s\">\(example.content)</section>")
        let section = try #require(SectionExtractor.sections(of: root).first { $0.id == "s" })
        let cells = section.blocks.flatMap { [$0] + $0.cells }
        let block = try #require(cells.first { $0.path == example.path }, "paths: \(cells.map(\.path))")
        #expect(block.text == example.text)
    }
}
