import Foundation
import Rendering
import Testing
import XMLSupport

@testable import EngagementCore

/// Data rendered by a template reaches Markdown and HTML escaped: Markdown syntax
/// characters in data are backslash-escaped, HTML specials become entities.
///
/// The EngagementCoreTests target does not list Rendering as a dependency; the import
/// works because EngagementCore depends on it.
@Suite("Markdown and HTML escaping of rendered data")
struct TemplateRenderedFormatEscapingTests {
    typealias Fixture = TemplatingFixtures

    static let template = Fixture.template(
        lines: [
            "  <head><title t:text=\"/client/title\">T</title></head>",
            "  <body>",
            "    <section t:attr-id=\"/client/@id\" id=\"s\">",
            "      <h2 t:text=\"/client/title\">Title</h2>",
            "      <p t:text=\"/client/intro\">Intro</p>",
            "      <table>",
            "        <tr><th>Name</th><th class=\"number\">Score</th></tr>",
            "        <tr t:each=\"r in /client/row\"><td t:text=\"@name\" t:attr-title=\"@name\">n</td><td class=\"number\" t:text=\"@score\">0</td></tr>",
            "      </table>",
            "    </section>",
            "  </body>",
        ], root: "html")

    static let model = """
        <client id="a&quot;b">
          <title># Not *a* heading &amp; &lt;more&gt;</title>
          <intro>Use a_b, [link](x) and `code` \\ done</intro>
          <row name="*bold*" score="1"/>
          <row name="_under_" score="2"/>
          <row name="a|b" score="3"/>
          <row name="#tag" score="4"/>
          <row name="&lt;b&gt;&quot;x&quot; &amp; 'y'" score="5"/>
          <row name="~strike~" score="6"/>
        </client>
        """

    func render() throws -> XMLOutputElement {
        let folder = try TemplatingTestFolder(["main.xhtml": Self.template])
        return try Fixture.render(folder, model: Self.model).root
    }

    @Test("Markdown escapes headings, emphasis, links, code, pipes and hashes that come from data")
    func markdownEscapes() throws {
        let markdown = MarkdownRenderer.render(try render())
        #expect(
            markdown == ##"""
                ## \# Not \*a\* heading &amp; \<more\>

                Use a\_b, \[link\](x) and \`code\` \\ done

                | Name | Score |
                | --- | ---: |
                | \*bold\* | 1 |
                | \_under\_ | 2 |
                | a\|b | 3 |
                | \#tag | 4 |
                | \<b\>"x" &amp; 'y' | 5 |
                | \~strike\~ | 6 |

                """##)
    }

    @Test(
        "Markdown escapes a data line that would start a list",
        arguments: [
            ("- not a list", #"\- not a list"#), ("+ plus", #"\+ plus"#), ("1. first", #"1\. first"#),
            ("2024. year", #"2024\. year"#),
        ])
    func markdownListMarkers(value: String, expected: String) throws {
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(#"<body><p t:text="/client/v">x</p></body>"#, root: "html")])
        let root = try Fixture.render(folder, model: "<client><v>\(value)</v></client>").root
        #expect(MarkdownRenderer.render(root) == expected + "\n")
    }

    @Test("HTML escapes data in text, attributes, the title and the table of contents")
    func htmlEscapes() throws {
        let html = HTMLRenderer.render(try render())
        #expect(html.contains("<title># Not *a* heading &amp; &lt;more&gt;</title>"))
        #expect(html.contains(##"<li><a href="#a&quot;b"># Not *a* heading &amp; &lt;more&gt;</a></li>"##))
        let body = try #require(html.components(separatedBy: "</nav>\n").last?.components(separatedBy: "\n</body>").first)
        #expect(
            body == """
                <section id="a&quot;b">
                <h2># Not *a* heading &amp; &lt;more&gt;</h2>
                <p>Use a_b, [link](x) and `code` \\ done</p>
                <table>
                <tr>
                <th>Name</th>
                <th class="number">Score</th>
                </tr>
                <tr>
                <td title="*bold*">*bold*</td>
                <td class="number">1</td>
                </tr>
                <tr>
                <td title="_under_">_under_</td>
                <td class="number">2</td>
                </tr>
                <tr>
                <td title="a|b">a|b</td>
                <td class="number">3</td>
                </tr>
                <tr>
                <td title="#tag">#tag</td>
                <td class="number">4</td>
                </tr>
                <tr>
                <td title="&lt;b>&quot;x&quot; &amp; 'y'">&lt;b&gt;"x" &amp; 'y'</td>
                <td class="number">5</td>
                </tr>
                <tr>
                <td title="~strike~">~strike~</td>
                <td class="number">6</td>
                </tr>
                </table>
                </section>
                """)
    }

    @Test("Right-to-left marks, emoji and combining characters pass through Markdown and HTML unchanged")
    func unicodePassesThrough() throws {
        let value = "\u{200F}שלום 👍🏽 Cafe\u{301}"
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(#"<body><p t:text="/client/v">x</p></body>"#, root: "html")])
        let root = try Fixture.render(folder, model: "<client><v>\(value)</v></client>").root
        #expect(Array(MarkdownRenderer.render(root).utf8) == Array((value + "\n").utf8))
        #expect(HTMLRenderer.render(root).utf8.count > 0)
        #expect(HTMLRenderer.render(root).contains("<p>\(value)</p>"))
    }
}
