import Foundation
import Testing

@testable import EngagementCore

@Suite("Diff renderers")
struct DiffRendererTests: DiffFixtures {
    /// A pair touching every kind of report: a changed paragraph, an inserted list item, a
    /// changed cell and class, a moved, a renamed, an added and a removed section.
    static let old = """
        <section id="purpose"><h2>Purpose</h2><p>The quick brown fox.</p><ul><li>One</li></ul></section>
        <section id="diagnosis"><h2>Diagnosis</h2><table><tr><th>Measure</th><th>Latest</th></tr>
        <tr><td>Calls answered</td><td class="status-at-risk">72</td></tr></table></section>
        <section id="risks"><h2>Risks</h2><p>Winter pressures.</p></section>
        <section id="kickoff"><h2>Kick-off</h2><p>Agree the plan.</p></section>
        <section id="retired"><h2>Retired</h2><p>Gone now.</p></section>
        """
    static let new = """
        <section id="risks"><h2>Risks</h2><p>Winter pressures.</p></section>
        <section id="purpose"><h2>Purpose</h2><p>The quick red fox.</p><ul><li>One</li><li>Two</li></ul></section>
        <section id="diagnosis"><h2>Diagnosis</h2><table><tr><th>Measure</th><th>Latest</th></tr>
        <tr><td>Calls answered</td><td class="status-missed">66</td></tr></table></section>
        <section id="kick-off"><h2>Kick-off</h2><p>Agree the plan.</p></section>
        <section id="added"><h2>Added</h2><p>New here.</p></section>
        """

    @Test("The text format summarises sections, then marks each change [-old-]{+new+}")
    func textFormat() throws {
        let text = DiffTextRenderer().render(try Self.compare(Self.old, Self.new))
        #expect(
            text == """
                Sections: 1 added, 1 removed, 1 moved, 1 renamed, 2 changed, 3 unchanged
                  added: added
                  removed: retired
                  moved: risks
                  renamed: kickoff -> kick-off
                  changed: purpose, diagnosis

                Section purpose: Purpose
                  ~ p[1]: The quick [-brown-]{+red+} fox.
                  + ul[1]/li[2]: {+Two+}

                Section diagnosis: Diagnosis
                  ~ Calls answered (table[1]/tr[2])
                      ~ Calls answered, latest: [-72-]{+66+}

                """)
    }

    @Test("A change of class alone is left out of the text; the JSON keeps it")
    func classOnlyChanges() throws {
        let old = Self.old.replacingOccurrences(of: "<td class=\"status-at-risk\">72</td>", with: "<td class=\"status-at-risk\">66</td>")
        let diff = try Self.compare(old, Self.new.replacingOccurrences(of: "<section id=\"kick-off\">", with: "<section id=\"kickoff\">"))
        let text = DiffTextRenderer().render(diff)
        #expect(!text.contains("class"), "\(text)")
        #expect(!text.contains("Section diagnosis"), "\(text)")
        #expect(diff.sections.first { $0.id == "diagnosis" }?.status == .changed, "the comparison itself still sees it")
    }

    @Test("Colour wraps deletions in red and insertions in green, keeping the marks")
    func colour() throws {
        let text = DiffTextRenderer(useColour: true).render(try Self.compare(Self.old, Self.new))
        #expect(text.contains("The quick \u{1B}[31m[-brown-]\u{1B}[0m\u{1B}[32m{+red+}\u{1B}[0m fox."))
        #expect(!DiffTextRenderer().render(try Self.compare(Self.old, Self.new)).contains("\u{1B}"))
    }

    @Test("Identical documents read 'No differences.'")
    func noDifferences() throws {
        let diff = try Self.compare(Self.old, Self.old)
        #expect(diff.isEmpty)
        #expect(DiffTextRenderer().render(diff) == "No differences.\n")
        #expect(DiffHTMLRenderer().render(diff).contains("<p class=\"summary\">No differences.</p>"))
    }

    @Test("The HTML page is self-contained, marks edits and folds unchanged sections")
    func htmlPage() throws {
        let html = DiffHTMLRenderer(title: "Strategy: revision 1 to 2").render(try Self.compare(Self.old, Self.new))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<style>"))
        for external in ["<link", "<script", "src=", "url(", "http://", "https://"] {
            #expect(!html.contains(external), "\(external) would reach outside the page")
        }
        #expect(html.contains("The quick <del>brown</del><ins>red</ins> fox."))
        #expect(html.contains("<li class=\"inserted\" data-path=\"ul[1]/li[2]\"><ins>Two</ins></li>"))
        #expect(html.contains("<td class=\"modified\"><del>72</del><ins>66</ins>"))
        #expect(
            html.contains(
                "<span class=\"label moved\">moved: was after <code>diagnosis</code>, now after the start</span>"))
        #expect(html.contains("<span class=\"label renamed\">renamed from <code>kickoff</code></span>"))
        #expect(html.contains("<details class=\"section unchanged\" id=\"section-risks\">"))
        #expect(html.contains("<section class=\"section removed\" id=\"removed-retired\">"))
        #expect(html.contains("<del>Gone now.</del>"))
        #expect(html.contains("<section class=\"section added\" id=\"section-added\">"))
    }

    @Test("Text, ids and attribute values are HTML-escaped")
    func htmlEscaping() throws {
        let diff = try Self.compare(
            #"<section id="a&amp;b"><h2>Q&amp;A &lt;draft&gt;</h2><p class="x&quot;y">a &lt; b &amp; "c"</p></section>"#,
            #"<section id="a&amp;b"><h2>Q&amp;A &lt;draft&gt;</h2><p class="x&lt;y">a &lt; b &amp; "d"</p></section>"#)
        let html = DiffHTMLRenderer(title: "<Title> & \"quotes\"").render(diff)
        #expect(html.contains("<title>&lt;Title&gt; &amp; &quot;quotes&quot;</title>"))
        #expect(html.contains("a &lt; b &amp; &quot;<del>c</del><ins>d</ins>&quot;"))
        #expect(html.contains("id=\"section-a&amp;b\""))
        #expect(html.contains("Q&amp;A &lt;draft&gt;"))
        #expect(html.contains("<del>x&quot;y</del> <ins>x&lt;y</ins>"))
        #expect(!html.contains("<draft>"))
        #expect(!html.contains("a < b"))
    }

    @Test("The edit list encodes as JSON with every key present and null where empty")
    func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let edits = try Self.compare(Self.old, Self.new).edits
        let json = String(decoding: try encoder.encode(edits), as: UTF8.self)
        #expect(
            json == """
                [{"new":null,"old":"diagnosis","op":"move","path":null,"section_id":"risks"},\
                {"new":"The quick red fox.","old":"The quick brown fox.","op":"replace","path":"p[1]","section_id":"purpose"},\
                {"new":"Two","old":null,"op":"insert","path":"ul[1]/li[2]","section_id":"purpose"},\
                {"new":"66","old":"72","op":"replace","path":"table[1]/tr[2]/td[2]","section_id":"diagnosis"},\
                {"new":"status-missed","old":"status-at-risk","op":"change-attribute","path":"table[1]/tr[2]/td[2]/@class","section_id":"diagnosis"},\
                {"new":"kick-off","old":"kickoff","op":"rename","path":null,"section_id":"kick-off"},\
                {"new":null,"old":"Retired\\nGone now.","op":"delete-section","path":null,"section_id":"retired"},\
                {"new":"Added\\nNew here.","old":null,"op":"insert-section","path":null,"section_id":"added"}]
                """)
        #expect(try JSONDecoder().decode([DiffEdit].self, from: Data(json.utf8)) == edits)
    }

    @Test("The same input gives identical text, HTML and JSON")
    func deterministicOutput() throws {
        let first = try Self.compare(Self.old, Self.new)
        let second = try Self.compare(Self.old, Self.new)
        #expect(first == second)
        #expect(DiffTextRenderer().render(first) == DiffTextRenderer().render(second))
        #expect(DiffHTMLRenderer().render(first) == DiffHTMLRenderer().render(second))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first.edits) == encoder.encode(second.edits))
    }
}
