import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// Every construct of docs/templates.md, each rendered from a small template and model
/// and compared with the exact XHTML it must give.
@Suite("Template instructions")
struct TemplateInstructionTests {
    typealias Fixture = TemplatingFixtures

    static let values = """
        <client>
          <name>Acme</name>
          <values>
            <value id="v1"><statement>Quality</statement></value>
            <value id="v2"><statement>Care</statement></value>
            <value id="v3"><statement>Speed</statement></value>
          </values>
        </client>
        """

    /// The rendered `<div>` root of a one-file template holding `content`, serialized.
    func render(_ content: String, model: String = values, variables: [String: XPathObject] = [:]) throws -> String {
        try Fixture.output(template: Fixture.template(content), model: model, variables: variables)
    }

    // MARK: - t:copy

    @Test("t:copy copies the narrative markup of the selected elements and nothing else: other elements give their text, attributes are dropped, text stays text")
    func copyKeepsNarrativeMarkupOnly() throws {
        let model = """
            <client><narrative><passage section="scope"><p>Plain &lt;b&gt; &amp; <em>emphasis</em>, <strong>strong <em>both</em></strong>.</p><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p class="x" onclick="y"><a href="https://example.com">link</a></p></passage><passage section="context"><p>Second.</p></passage></narrative></client>
            """
        #expect(
            try render(#"<section t:copy="/client/narrative/passage">sample</section>"#, model: model)
                == Fixture.div(
                    "<section><p>Plain &lt;b&gt; &amp; <em>emphasis</em>, <strong>strong <em>both</em></strong>.</p><ul><li>One</li><li>Two</li></ul>alert(1)<p>link</p><p>Second.</p></section>"))
    }

    @Test("t:copy of something that is not a node-set is an error naming the expression")
    func copyOfAStringIsAnError() throws {
        #expect(throws: TemplatingTestFailure.self) { try render(#"<div t:copy="'text'">x</div>"#) }
    }

    // MARK: - t:text and t:default

    @Test("t:text replaces the sample content with the string value of its expression")
    func textReplacesContent() throws {
        #expect(try render(#"<p t:text="/client/name">Sample <b>text</b></p>"#) == Fixture.div("<p>Acme</p>"))
    }

    @Test(
        "t:text writes numbers and booleans in their XPath string form",
        arguments: [
            ("count(/client/values/value)", "3"),
            ("count(/client/values/value) div 2", "1.5"),
            ("count(/client/values/value) = 3", "true"),
            ("/client/values/value[2]/@id", "v2"),
            ("string(/client/values)", "Quality Care Speed"),
        ])
    func textWritesXPathStrings(expression: String, expected: String) throws {
        #expect(try render(#"<p t:text="\#(expression)">x</p>"#) == Fixture.div("<p>\(expected)</p>"))
    }

    @Test("t:default is the text when the t:text expression selects nothing")
    func defaultUsedWhenNothingSelected() throws {
        #expect(
            try render(#"<p t:text="/client/missing" t:default="not yet known">x</p>"#)
                == Fixture.div("<p>not yet known</p>"))
    }

    @Test("t:default is ignored when the t:text expression selects a node")
    func defaultIgnoredWhenSomethingSelected() throws {
        #expect(try render(#"<p t:text="/client/name" t:default="none">x</p>"#) == Fixture.div("<p>Acme</p>"))
    }

    @Test("t:text giving an empty string empties the element without needing a default")
    func emptyStringIsNotNothing() throws {
        #expect(try render(#"<p t:text="substring(/client/name, 10)">x</p>"#) == Fixture.div("<p/>"))
    }

    // MARK: - t:attr-NAME

    @Test("t:attr-NAME sets the attribute NAME from its expression")
    func attributeFromExpression() throws {
        #expect(
            try render(#"<p t:attr-class="concat('value-', /client/values/value[1]/@id)" t:attr-data-count="count(//value)">x</p>"#)
                == Fixture.div(#"<p class="value-v1" data-count="3">x</p>"#))
    }

    @Test("t:attr-NAME overrides a plain NAME attribute when its expression selects something")
    func attributeOverridesStaticValue() throws {
        #expect(
            try render(##"<a href="#sample" t:attr-href="concat('#', /client/values/value[2]/@id)">link</a>"##)
                == Fixture.div(##"<a href="#v2">link</a>"##))
    }

    @Test("A plain NAME attribute is the default when the t:attr-NAME expression selects nothing")
    func staticAttributeIsTheDefault() throws {
        #expect(
            try render(##"<a href="#none" t:attr-href="/client/website/@url">link</a>"##)
                == Fixture.div(##"<a href="#none">link</a>"##))
    }

    @Test("Template attributes never reach the output, plain attributes do")
    func templateAttributesAreRemoved() throws {
        #expect(
            try render(#"<p class="lead" t:if="true()" t:text="/client/name" t:default="x">x</p>"#)
                == Fixture.div(#"<p class="lead">Acme</p>"#))
    }

    @Test(
        "Attributes of other namespaces, such as xml:lang, are kept",
        )
    func namespacedAttributesKept() throws {
        let rendered = try Fixture.render(template: Fixture.template(#"<p xml:lang="fr" lang="fr">oui</p>"#))
        #expect(rendered.root.elements.first?.attributes == ["lang": "fr", "xml:lang": "fr"])
    }

    // MARK: - t:if and t:unless

    @Test(
        "t:if keeps the element exactly when XPath boolean() of its expression is true",
        arguments: [
            ("true()", true),
            ("false()", false),
            ("/client/name", true),
            ("/client/missing", false),
            ("''", false),
            ("'0'", true),
            ("0", false),
            ("1 - 1", false),
            ("0.5", true),
            ("count(//value) > 2", true),
            ("number('x')", false),
        ])
    func ifFollowsXPathBoolean(expression: String, kept: Bool) throws {
        let output = try render(#"<p t:if="\#(expression)">kept</p><i>after</i>"#)
        #expect(output == Fixture.div((kept ? "<p>kept</p>" : "") + "<i>after</i>"))
    }

    @Test("t:unless keeps the element exactly when its expression is false", arguments: [("/client/missing", true), ("/client/name", false)])
    func unlessIsTheNegation(expression: String, kept: Bool) throws {
        let output = try render(#"<p t:unless="\#(expression)">kept</p><i>after</i>"#)
        #expect(output == Fixture.div((kept ? "<p>kept</p>" : "") + "<i>after</i>"))
    }

    @Test("A false t:if removes the element with its whole content")
    func falseConditionRemovesContent() throws {
        #expect(try render(#"<ul t:if="false()"><li t:text="/client/missing">x</li></ul><p>b</p>"#) == Fixture.div("<p>b</p>"))
    }

    // MARK: - t:each

    @Test("t:each repeats the element once per node, with the index, first, last and count variables")
    func eachSetsLoopVariables() throws {
        let output = try render(
            #"<li t:each="v in /client/values/value" t:text="concat($v-index, '/', $v-count, ' ', statement, ' ', $v-first, ' ', $v-last)">x</li>"#
        )
        #expect(
            output
                == Fixture.div(
                    "<li>1/3 Quality true false</li><li>2/3 Care false false</li><li>3/3 Speed false true</li>"))
    }

    @Test("Inside t:each the item is both the context node and the loop variable")
    func eachItemIsContextAndVariable() throws {
        let output = try render(#"<li t:each="v in //value" t:text="concat(@id, '=', $v/@id, ':', name(.))">x</li>"#)
        #expect(output == Fixture.div("<li>v1=v1:value</li><li>v2=v2:value</li><li>v3=v3:value</li>"))
    }

    @Test("Children of a repeated element are evaluated against the item")
    func eachChildrenSeeTheItem() throws {
        let output = try render(#"<dl t:each="v in //value"><dt t:text="@id">id</dt><dd t:text="statement">s</dd></dl>"#)
        #expect(
            output
                == Fixture.div(
                    "<dl><dt>v1</dt><dd>Quality</dd></dl><dl><dt>v2</dt><dd>Care</dd></dl><dl><dt>v3</dt><dd>Speed</dd></dl>"
                ))
    }

    @Test("t:each over an empty node-set emits nothing")
    func eachOverNothing() throws {
        #expect(try render(#"<li t:each="r in /client/risks/risk" t:text="/client/missing">x</li><p>end</p>"#) == Fixture.div("<p>end</p>"))
    }

    @Test("Nested t:each sees the outer item, index and count inside the inner loop")
    func nestedEach() throws {
        let model = """
            <client><group name="a"><item>1</item><item>2</item></group><group name="b"><item>3</item></group></client>
            """
        let output = try render(
            #"<ul t:each="g in //group"><li t:each="i in item" t:text="concat($g/@name, $g-index, '/', $g-count, ' ', ., ' ', $i-index, '/', $i-count)">x</li></ul>"#,
            model: model)
        #expect(
            output
                == Fixture.div(
                    "<ul><li>a1/2 1 1/2</li><li>a1/2 2 2/2</li></ul><ul><li>b2/2 3 1/1</li></ul>"))
    }

    // MARK: - t:let

    @Test("t:let defines several variables in order, a later one using an earlier one")
    func letDefinesInOrder() throws {
        let output = try render(
            #"<p t:let="first: /client/values/value[1]; label: concat('[', $first/statement, ']'); twice: concat($label, $label)" t:text="$twice">x</p>"#
        )
        #expect(output == Fixture.div("<p>[Quality][Quality]</p>"))
    }

    @Test("A semicolon inside a string literal does not end a t:let definition")
    func letKeepsSemicolonsInLiterals() throws {
        let output = try render(#"<p t:let="sep: '; '; both: concat('a', $sep, &quot;b;c&quot;)" t:text="$both">x</p>"#)
        #expect(output == Fixture.div("<p>a; b;c</p>"))
    }

    @Test("Variables of t:let are visible in the element's content and not after it")
    func letScopesToTheElement() throws {
        let output = try render(
            #"<section t:let="n: count(//value)"><p t:text="$n">x</p></section><p t:text="string(boolean(/client/missing))">y</p>"#
        )
        #expect(output == Fixture.div("<section><p>3</p></section><p>false</p>"))
    }

    @Test("An inner t:let shadows an outer variable of the same name")
    func letShadows() throws {
        let output = try render(#"<div t:let="x: 'outer'"><p t:let="x: 'inner'" t:text="$x">a</p><p t:text="$x">b</p></div>"#)
        #expect(output == Fixture.div("<div><p>inner</p><p>outer</p></div>"))
    }

    @Test("Variables given to the render are in scope everywhere")
    func renderVariablesInScope() throws {
        let output = try render(
            #"<p t:text="concat($document-title, ' r', $revision)">x</p>"#,
            variables: ["document-title": .string("Strategy"), "revision": .number(4)])
        #expect(output == Fixture.div("<p>Strategy r4</p>"))
    }

    // MARK: - Order of evaluation

    @Test("t:if on the element of a t:each tests the loop variable")
    func ifTestsTheLoopVariable() throws {
        let output = try render(#"<li t:each="v in //value" t:if="$v-index != 2" t:text="statement">x</li>"#)
        #expect(output == Fixture.div("<li>Quality</li><li>Speed</li>"))
    }

    @Test("t:let on the element of a t:each is evaluated per item")
    func letSeesTheLoopItem() throws {
        let output = try render(#"<li t:each="v in //value" t:let="s: $v/statement; n: $v-index" t:text="concat($n, $s)">x</li>"#)
        #expect(output == Fixture.div("<li>1Quality</li><li>2Care</li><li>3Speed</li>"))
    }

    @Test("A t:let is used by t:if, t:text and t:attr-* of the same element")
    func letFeedsConditionTextAndAttributes() throws {
        let output = try render(#"<p t:let="n: count(//value)" t:if="$n > 2" t:text="$n" t:attr-data-double="$n * 2">x</p>"#)
        #expect(output == Fixture.div(#"<p data-double="6">3</p>"#))
    }

    @Test("The order of evaluation does not depend on the order the attributes are written in")
    func orderIsFixed() throws {
        let written = try render(
            #"<li t:attr-title="$s" t:text="$s" t:if="$v-last" t:let="s: concat($v-index, statement)" t:each="v in //value">x</li>"#)
        #expect(written == Fixture.div(#"<li title="3Speed">3Speed</li>"#))
    }

    // MARK: - t:block

    @Test("t:block emits only its content, without a wrapper")
    func blockHasNoWrapper() throws {
        let output = try render(#"<p>Hello <t:block t:text="/client/name">you</t:block>, and <t:block>welcome</t:block>!</p>"#)
        #expect(output == Fixture.div("<p>Hello Acme, and welcome!</p>"))
    }

    @Test("t:block takes t:each, t:let and t:if")
    func blockTakesInstructions() throws {
        let output = try render(
            #"<p><t:block t:each="v in //value" t:let="id: @id" t:unless="$id = 'v2'"><b t:text="$id">id</b></t:block></p>"#)
        #expect(output == Fixture.div("<p><b>v1</b><b>v3</b></p>"))
    }

    // MARK: - t:include

    @Test("t:include inserts the root element of another file, by a path relative to the including file")
    func includeIsRelative() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(#"<t:include src="partials/cover.xhtml"/><p>body</p>"#),
            "partials/cover.xhtml": Fixture.template(#"<h1 t:text="/client/name">Title</h1><t:include src="parts/line.xhtml"/>"#, root: "header"),
            "partials/parts/line.xhtml": Fixture.template(#"<t:include src="../../shared/rule.xhtml"/>"#, root: "p"),
            "shared/rule.xhtml": Fixture.template("ruled", root: "span"),
        ])
        let rendered = try Fixture.render(folder, model: Self.values)
        #expect(
            Fixture.serialized(rendered.root)
                == Fixture.div("<header><h1>Acme</h1><p><span>ruled</span></p></header><p>body</p>"))
    }

    @Test("An included file sees the variables and context of the place that includes it")
    func includeSeesTheCaller() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(#"<t:include t:each="v in //value" t:let="label: concat('#', $v-index)" src="item.xhtml"/>"#),
            "item.xhtml": Fixture.template(#"<t:block t:text="concat($label, ' ', statement)">x</t:block>"#, root: "p"),
        ])
        #expect(
            Fixture.serialized(try Fixture.render(folder, model: Self.values).root)
                == Fixture.div("<p>#1 Quality</p><p>#2 Care</p><p>#3 Speed</p>"))
    }

    @Test("A file included twice is inserted twice")
    func includeTwice() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(#"<t:include src="rule.xhtml"/><p>a</p><t:include src="rule.xhtml"/>"#),
            "rule.xhtml": #"<hr xmlns="http://www.w3.org/1999/xhtml"/>"#,
        ])
        #expect(Fixture.serialized(try Fixture.render(folder).root) == Fixture.div("<hr/><p>a</p><hr/>"))
    }

    // MARK: - Macros

    static let cardMacro = """
        <t:macro name="card"><div class="card"><h3><t:slot name="title">Untitled</t:slot></h3><t:slot name="body"><p>No content.</p></t:slot></div></t:macro>
        """

    @Test("A macro definition emits nothing where it is defined")
    func macroDefinitionIsSilent() throws {
        #expect(try render(Self.cardMacro + "<p>only this</p>") == Fixture.div("<p>only this</p>"))
    }

    @Test("t:call inserts the macro's content, with the caller's fills in its slots")
    func callFillsSlots() throws {
        let output = try render(
            Self.cardMacro
                + #"<t:call macro="card"><t:fill slot="title">Values</t:fill><t:fill slot="body"><p t:text="count(//value)">n</p></t:fill></t:call>"#
        )
        #expect(output == Fixture.div(#"<div class="card"><h3>Values</h3><p>3</p></div>"#))
    }

    @Test("A slot without a fill renders its fallback content")
    func slotFallback() throws {
        let output = try render(
            Self.cardMacro + #"<t:call macro="card"><t:fill slot="body"><p>Filled.</p></t:fill></t:call><t:call macro="card"/>"#)
        #expect(
            output
                == Fixture.div(
                    #"<div class="card"><h3>Untitled</h3><p>Filled.</p></div><div class="card"><h3>Untitled</h3><p>No content.</p></div>"#
                ))
    }

    @Test("An empty fill empties its slot instead of using the fallback")
    func emptyFillEmptiesSlot() throws {
        let output = try render(Self.cardMacro + #"<t:call macro="card"><t:fill slot="title"/></t:call>"#)
        #expect(output == Fixture.div(#"<div class="card"><h3/><p>No content.</p></div>"#))
    }

    @Test("A macro may be called before the place it is defined")
    func macroCalledBeforeDefinition() throws {
        #expect(
            try render(#"<t:call macro="hello"/><t:macro name="hello"><p>hi</p></t:macro>"#) == Fixture.div("<p>hi</p>"))
    }

    @Test("Macros defined in an included file can be called")
    func macrosOfIncludedFiles() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(#"<t:include src="partials/macros.xhtml"/><t:call macro="shout"/>"#),
            "partials/macros.xhtml": Fixture.template(
                #"<t:macro name="shout"><p t:text="concat(/client/name, '!')">x</p></t:macro>"#, root: "t:block"),
        ])
        #expect(Fixture.serialized(try Fixture.render(folder, model: Self.values).root) == Fixture.div("<p>Acme!</p>"))
    }

    @Test("Values passed with t:let on the call are visible inside the macro")
    func callPassesVariables() throws {
        let output = try render(
            #"<t:macro name="greet"><p>Hello <t:block t:text="$who">name</t:block>, <t:block t:text="$n">n</t:block></p></t:macro>"#
                + #"<t:call macro="greet" t:let="who: /client/name; n: count(//value)"/>"#)
        #expect(output == Fixture.div("<p>Hello Acme, 3</p>"))
    }

    @Test("A macro sees the loop variables and context node of the place it is called from")
    func macroIsDynamicallyScoped() throws {
        let output = try render(
            #"<t:macro name="row"><li t:text="concat($v-index, ' ', statement)">x</li></t:macro>"#
                + #"<ul><t:block t:each="v in //value"><t:call macro="row"/></t:block></ul>"#)
        #expect(output == Fixture.div("<ul><li>1 Quality</li><li>2 Care</li><li>3 Speed</li></ul>"))
    }

    @Test("A macro may call another macro and forward its own slot")
    func macroCallsMacro() throws {
        let output = try render(
            Self.cardMacro
                + #"<t:macro name="value-card"><t:call macro="card"><t:fill slot="title"><t:slot name="heading">Value</t:slot></t:fill><t:fill slot="body"><p t:text="statement">s</p></t:fill></t:call></t:macro>"#
                + #"<t:block t:each="v in //value[position() &lt; 3]"><t:call macro="value-card"><t:fill slot="heading">V<t:block t:text="$v-index"/></t:fill></t:call></t:block>"#
        )
        #expect(
            output
                == Fixture.div(
                    #"<div class="card"><h3>V1</h3><p>Quality</p></div><div class="card"><h3>V2</h3><p>Care</p></div>"#))
    }

    // MARK: - current()

    @Test("current() in a predicate is the node the expression started from")
    func currentInPredicate() throws {
        let model = """
            <client>
              <expectations><expectation id="e1"><statement>Fast</statement></expectation><expectation id="e2"><statement>Kind</statement></expectation></expectations>
              <touchpoint id="t1" serves="e2"/><touchpoint id="t2" serves="e1"/>
            </client>
            """
        let output = try render(
            #"<li t:each="tp in //touchpoint" t:text="concat(@id, ': ', //expectation[@id = current()/@serves]/statement)">x</li>"#,
            model: model)
        #expect(output == Fixture.div("<li>t1: Kind</li><li>t2: Fast</li>"))
    }
}
