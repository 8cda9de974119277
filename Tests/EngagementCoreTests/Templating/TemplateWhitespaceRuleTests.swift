import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// The whitespace rule of docs/templates.md: a text node of whitespace with a line break
/// is layout and is dropped; in other text each run of spaces, tabs and line breaks
/// becomes one space; whitespace holding a line break at the start or end of an element's
/// content is removed, spaces without one are kept; `&#160;` is never changed; values
/// inserted by t:text and t:attr-* are collapsed and trimmed.
@Suite("Template whitespace rule")
struct TemplateWhitespaceRuleTests {
    typealias Fixture = TemplatingFixtures

    @Test(
        "Template text follows the whitespace rule",
        arguments: [
            // Layout between block elements is dropped.
            ("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", "<ul><li>a</li><li>b</li></ul>"),
            ("\n\t<p>a</p>\r\n\t<p>b</p>\n", "<p>a</p><p>b</p>"),
            // Runs of whitespace inside text become one space.
            ("<p>a   b\t\tc</p>", "<p>a b c</p>"),
            ("<p>one\n      two</p>", "<p>one two</p>"),
            // Indentation (whitespace with a line break) at the start and end of content is removed.
            ("<p>\n  Text with <b>bold</b>\n</p>", "<p>Text with <b>bold</b></p>"),
            ("<p>\n  <b>bold</b> and text\n</p>", "<p><b>bold</b> and text</p>"),
            ("<p>\n   a   b  \n  </p>", "<p>a b</p>"),
            // Spaces without a line break at the edges are kept, collapsed.
            ("<p>   a b   </p>", "<p> a b </p>"),
            ("<p><b>x</b>   </p>", "<p><b>x</b> </p>"),
            ("<p> </p>", "<p> </p>"),
            // Spaces between inline elements on one line are kept.
            ("<p><strong>a</strong> <em>b</em></p>", "<p><strong>a</strong> <em>b</em></p>"),
            ("<p><strong>a</strong>   <em>b</em></p>", "<p><strong>a</strong> <em>b</em></p>"),
            // ... and dropped when the elements are on different lines.
            ("<p><strong>a</strong>\n<em>b</em></p>", "<p><strong>a</strong><em>b</em></p>"),
            ("<p><strong>a</strong>\n    <em>b</em></p>", "<p><strong>a</strong><em>b</em></p>"),
            // Text around an inserted value keeps its inner spaces.
            (#"<p>Dear <t:block t:text="/client/name">x</t:block>, hello</p>"#, "<p>Dear Acme, hello</p>"),
            // A conditional block keeps the spaces inside it.
            (#"<p>a<t:block t:if="true()"> and </t:block>b</p>"#, "<p>a and b</p>"),
            (#"<p>a<t:block t:if="false()"> and </t:block>b</p>"#, "<p>ab</p>"),
        ])
    func templateText(content: String, expected: String) throws {
        let output = try Fixture.output(template: Fixture.template(content), model: "<client><name>Acme</name></client>")
        #expect(output == Fixture.div(expected))
    }

    @Test("Values inserted by t:text are normalized: runs collapsed, ends trimmed")
    func insertedTextIsNormalized() throws {
        let model = "<client><name>\n   Acme \t  Tools\n  Ltd   </name></client>"
        let output = try Fixture.output(template: Fixture.template(#"<p>[<t:block t:text="/client/name"/>]</p>"#), model: model)
        #expect(output == Fixture.div("<p>[Acme Tools Ltd]</p>"))
    }

    @Test("Values inserted by t:attr-* are normalized the same way")
    func insertedAttributesAreNormalized() throws {
        let model = "<client><name>\n   Acme \t  Tools\n  </name></client>"
        let output = try Fixture.output(template: Fixture.template(#"<p t:attr-title="/client/name">x</p>"#), model: model)
        #expect(output == Fixture.div(#"<p title="Acme Tools">x</p>"#))
    }

    @Test("Plain attributes of the template are written as they are")
    func staticAttributesKeepTheirValue() throws {
        let output = try Fixture.output(template: Fixture.template(#"<p title="  two  spaces ">x</p>"#))
        #expect(output == Fixture.div(#"<p title="  two  spaces ">x</p>"#))
    }

    @Test("An inserted value made of whitespace only inserts nothing")
    func blankValueInsertsNothing() throws {
        let output = try Fixture.output(
            template: Fixture.template(#"<p>a<t:block t:text="/client/blank"/>b</p>"#), model: "<client><blank>   </blank></client>")
        #expect(output == Fixture.div("<p>ab</p>"))
    }

    @Test(
        "A no-break space written as &#160; is never changed",
        arguments: [
            ("<p><b>a</b>&#160;<i>b</i></p>", "<p><b>a</b>\u{A0}<i>b</i></p>"),
            ("<p><b>a</b>&#160;\n  <i>b</i></p>", "<p><b>a</b>\u{A0} <i>b</i></p>"),
            ("<p>&#160;a&#160;&#160;b&#160;</p>", "<p>\u{A0}a\u{A0}\u{A0}b\u{A0}</p>"),
            ("<p>\n  &#160;\n</p>", "<p>\u{A0}</p>"),
        ])
    func noBreakSpaceKept(content: String, expected: String) throws {
        let output = try Fixture.output(template: Fixture.template(content))
        #expect(Array(output.utf8) == Array(Fixture.div(expected).utf8), "\(output.debugDescription)")
    }

    @Test("A no-break space in a model value is kept, inside and at the ends")
    func noBreakSpaceInData() throws {
        let output = try Fixture.output(
            template: Fixture.template(#"<p t:text="/client/amount" t:attr-title="/client/amount">x</p>"#),
            model: "<client><amount> 10&#160;000&#160; </amount></client>")
        #expect(Array(output.utf8) == Array(Fixture.div("<p title=\"10\u{A0}000\u{A0}\">10\u{A0}000\u{A0}</p>").utf8))
    }

    @Test(
        "A t:default text is collapsed and trimmed like the values it stands for",
        )
    func defaultIsNormalized() throws {
        let output = try Fixture.output(template: Fixture.template(#"<p t:text="/client/none" t:default="  not   known ">x</p>"#))
        #expect(output == Fixture.div("<p>not known</p>"))
    }
}
