import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// Regenerating from the same inputs gives the same bytes: fixed attribute order, fixed
/// indentation, nothing that depends on hashing order or time.
@Suite("Template output determinism")
struct TemplateOutputDeterminismTests {
    typealias Fixture = TemplatingFixtures

    static let model = """
        <client>
          <name>Acme</name>
          <values>
            <value id="v1" rank="2"><statement>Quality</statement></value>
            <value id="v2" rank="1"><statement>Care</statement></value>
          </values>
        </client>
        """

    static let files = [
        "main.xhtml": Fixture.template(
            lines: [
                "  <t:include src=\"partials/macros.xhtml\"/>",
                "  <section id=\"values\" class=\"s\" data-z=\"1\" data-a=\"2\">",
                "    <h2 t:text=\"/client/name\">Name</h2>",
                "    <ul>",
                "      <li t:each=\"v in //value\" t:attr-data-rank=\"@rank\" t:attr-id=\"@id\" class=\"item\" t:text=\"statement\">x</li>",
                "    </ul>",
                "    <t:call macro=\"note\"><t:fill slot=\"body\">Two <em>values</em> here.</t:fill></t:call>",
                "  </section>",
            ], root: "body"),
        "partials/macros.xhtml": Fixture.template(
            #"<t:macro name="note"><p class="note" t:attr-title="count(//value)"><t:slot name="body">none</t:slot></p></t:macro>"#,
            root: "t:block"),
    ]

    func renderBytes(indent: Bool) throws -> [UInt8] {
        let folder = try TemplatingTestFolder(Self.files)
        return XMLWriter.serialize(try Fixture.render(folder, model: Self.model).root, indent: indent)
    }

    @Test("Rendering the same template and model twice gives identical bytes", arguments: [true, false])
    func identicalBytes(indent: Bool) throws {
        let first = try renderBytes(indent: indent)
        let second = try renderBytes(indent: indent)
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test("Rendering twice with one compiled template and one session gives identical trees and traces")
    func identicalWithSharedCompilation() throws {
        let folder = try TemplatingTestFolder(Self.files)
        let sources = try folder.sources()
        let template = try TemplateCompiler.compile("main.xhtml", sources: sources)
        let session = try Fixture.session(Self.model)
        let first = try TemplateRenderer(session: session, sources: sources).render(template)
        let second = try TemplateRenderer(session: session, sources: sources).render(template)
        #expect(first.root == second.root)
        #expect(first.sections == second.sections)
    }

    @Test("The indented output is exactly the documented form: sorted attributes, two-space indent, prose untouched")
    func indentedForm() throws {
        let text = String(decoding: try renderBytes(indent: true), as: UTF8.self)
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <body xmlns="http://www.w3.org/1999/xhtml">
                  <section class="s" data-a="2" data-z="1" id="values">
                    <h2>Acme</h2>
                    <ul>
                      <li class="item" data-rank="2" id="v1">Quality</li>
                      <li class="item" data-rank="1" id="v2">Care</li>
                    </ul>
                    <p class="note" title="2">Two <em>values</em> here.</p>
                  </section>
                </body>

                """)
    }

    @Test("Attributes are written sorted by name, whatever the order of the template")
    func attributesSorted() throws {
        let output = try Fixture.output(
            template: Fixture.template(#"<p t:attr-zeta="'1'" beta="2" t:attr-alpha="'3'" mu="4" t:attr-beta="'5'">x</p>"#))
        #expect(output == Fixture.div(#"<p alpha="3" beta="5" mu="4" zeta="1">x</p>"#))
    }

    @Test("The template hash is stable, and changes when an included file changes")
    func templateHash() throws {
        let folder = try TemplatingTestFolder(Self.files)
        let first = try TemplateCompiler.compile("main.xhtml", sources: folder.sources()).sourceHash
        let again = try TemplateCompiler.compile("main.xhtml", sources: folder.sources()).sourceHash
        try folder.write("partials/macros.xhtml", try #require(Self.files["partials/macros.xhtml"]).replacingOccurrences(of: "none", with: "nothing"))
        let changed = try TemplateCompiler.compile("main.xhtml", sources: folder.sources()).sourceHash
        try folder.write("unused.xhtml", Fixture.template("x"))
        let withUnusedFile = try TemplateCompiler.compile("main.xhtml", sources: folder.sources()).sourceHash
        #expect(first == again)
        #expect(first.count == 16)
        #expect(changed != first)
        #expect(withUnusedFile == changed)
    }
}
