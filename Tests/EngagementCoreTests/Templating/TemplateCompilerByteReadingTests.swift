import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// The compiler reads whitespace, `t:let` definitions and XPath as UTF-8 bytes for speed.
/// These tests check that reading bytes gives the same result as the character-level
/// definitions where the two could differ: combining marks next to spaces, CR LF pairs,
/// non-ASCII names and `current()`.
@Suite("Template compiler reading bytes")
struct TemplateCompilerByteReadingTests {
    static let texts: [String] = [
        "", " ", "\n", "\r\n", "  \n\t ", "a", " a ", "a  b", "a\tb", "\n  a b\n  ", " and ",
        "a\u{A0} b", "\u{A0}", "caf\u{E9} \n bar", "\r\n a \r\n", "\u{E9}\n", "\n\t\u{1F600} \n",
        // A space with a combining mark after it, or a prepended mark before it, is one
        // character and not layout; a tab or line break never joins.
        " \u{301}a", "a \u{301}", "\n \u{301}\n", "\t\u{301}", "\u{600} x", "x\n\u{301}", "a\u{600}  \n",
    ]

    @Test("The whitespace rule gives from bytes what it gives from characters", arguments: texts)
    func layoutTextMatchesCharacters(text: String) {
        let isLayout = text.allSatisfy(TemplateCompiler.isLayoutWhitespace) && text.contains(where: \.isNewline)
        for atStart in [false, true] {
            for atEnd in [false, true] {
                let expected =
                    isLayout ? "" : TemplateCompiler.collapseWhitespace(TemplateCompiler.trimmingLayout(text, atStart: atStart, atEnd: atEnd))
                let actual = TemplateCompiler.layoutText(text, atStart: atStart, atEnd: atEnd)
                #expect(Array(actual.unicodeScalars) == Array(expected.unicodeScalars), "atStart \(atStart), atEnd \(atEnd)")
            }
        }
    }

    @Test("An inserted value is normalized from bytes as from characters", arguments: texts)
    func normalizedValueMatchesCharacters(text: String) {
        var expected = Substring(TemplateCompiler.collapseWhitespace(text))
        while expected.first == " " { expected.removeFirst() }
        while expected.last == " " { expected.removeLast() }
        #expect(Array(TemplateCompiler.normalizedValue(text).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "t:let splits at semicolons and colons outside string literals, whatever the text",
        arguments: [
            ("a: 1", ["a|1"]),
            (#"a: 1; b: concat('x; y', "z;")"#, ["a|1", #"b|concat('x; y', "z;")"#]),
            ("  \u{E9}t\u{E9} : $\u{FC} ;; b:2 ", ["\u{E9}t\u{E9}|$\u{FC}", "b|2"]),
            ("label: concat('\u{2014} ', @name)", ["label|concat('\u{2014} ', @name)"]),
            ("noColon", ["|noColon"]),
            ("a:", ["a|"]),
            ("a: 'unterminated; b: 2", ["a|'unterminated; b: 2"]),
        ])
    func splitDefinitions(text: String, expected: [String]) {
        #expect(TemplateCompiler.splitDefinitions(text).map { "\($0.0)|\($0.1)" } == expected)
    }

    @Test(
        "Read paths are found in expressions with current() and non-ASCII names",
        arguments: [
            ("a[@x = current()/@y]", ["a", "a/@x", "self::node()/@y"]),
            ("concat('current()', @a)", ["@a"]),
            ("\u{E9}t\u{E9}[@x = current()/@y]/\u{FC}", ["\u{E9}t\u{E9}/\u{FC}", "\u{E9}t\u{E9}/@x", "self::node()/@y"]),
            ("concat('\u{2014}', $n\u{E9}/a[current()/b])", ["$n\u{E9}/a", "self::node()/b"]),
            ("text( )", ["text()"]),
            ("a[b = 'x[']/c", ["a/c", "a/b"]),
            ("string(x) div current()", ["x", "self::node()"]),
        ])
    func readPaths(expression: String, expected: [String]) {
        #expect(XPathReadPaths.paths(in: expression) == expected)
    }

    @Test("A macro reached through two includes of one file is defined once")
    func macroFileIncludedTwice() throws {
        let macros = #"<t:block xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:engagement-planner:template"><t:macro name="m"><em>m</em></t:macro></t:block>"#
        let folder = try TemplatingTestFolder([
            "main.xhtml": TemplatingFixtures.template(#"<t:include src="a.xhtml"/><t:include src="b.xhtml"/><t:call macro="m"/>"#),
            "a.xhtml": TemplatingFixtures.template(#"<t:include src="macros.xhtml"/>"#, root: "p"),
            "b.xhtml": TemplatingFixtures.template(#"<t:include src="macros.xhtml"/>"#, root: "p"),
            "macros.xhtml": macros,
        ])
        let output = TemplatingFixtures.serialized(try TemplatingFixtures.render(folder).root)
        #expect(output.components(separatedBy: "<em>m</em>").count == 2)
    }

    @Test("The lines shown under an error are the file's lines")
    func sourceLines() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": TemplatingFixtures.template(lines: ["  <p>caf\u{E9}</p>", "", "  <p t:bogus=\"x\">b</p>"])
        ])
        let failure = try #require(try TemplatingFixtures.failure(folder))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.origin.position.line == 4)
        #expect(diagnostic.sourceLine == "  <p t:bogus=\"x\">b</p>")
        let file = try #require(try folder.sources().files["main.xhtml"])
        #expect(file.lines.count == 5)
        #expect(file.lines[1] == "  <p>caf\u{E9}</p>")
    }
}
