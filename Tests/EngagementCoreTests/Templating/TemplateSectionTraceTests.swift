import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// Section traces: while a `<section id>` renders, every model node an expression reads
/// is recorded for it (and for the sections around it) by stable path and content hash,
/// together with the lists it was chosen from (`PARENT/*[self::NAME]`, the parent's
/// children of that name, at each step of the path), so that adding to a list a section
/// looped over makes the section stale.
@Suite("Section traces")
struct TemplateSectionTraceTests {
    typealias Fixture = TemplatingFixtures

    static let model = """
        <client id="acme">
          <name>Acme</name>
          <mission>Make tools that last.</mission>
          <values>
            <value id="v1"><statement>Quality</statement></value>
            <value id="v2"><statement>Care</statement></value>
          </values>
          <a><b x="1">one</b><b x="2">two</b><b x="1">three</b></a>
        </client>
        """

    /// The list line of the children of `parent` named `name`, as a trace records it.
    static func list(_ parent: String, _ name: String) -> String { "\(parent)/*[self::\(name)]" }
    static let valuesList = list("/client/values", "value")
    static func statementList(_ id: String) -> String { list("/client/values/value[@id='\(id)']", "statement") }

    /// The traces of a one-file template holding `content`.
    func traces(_ content: String, model: String = model) throws -> [SectionTrace] {
        try Fixture.render(template: Fixture.template(content), model: model).sections
    }

    /// The recorded paths of the section `id`.
    func reads(_ id: String, in traces: [SectionTrace]) throws -> Set<String> {
        Set(try #require(traces.first { $0.sectionID == id }, "no section '\(id)'").reads.keys)
    }

    /// The hash a trace records for a node whose canonical content is `content`.
    func hash(_ content: String) -> String {
        FNV1a.hex(FNV1a.hash(content))
    }

    /// The hash a trace records for a membership: the children's last steps, one a line.
    func membership(_ steps: String...) -> String {
        hash(steps.joined(separator: "\n"))
    }

    @Test("A section records the stable path and content hash of each node it reads, and the lists it was chosen from")
    func recordsPathAndHash() throws {
        let traces = try traces(
            #"<section id="intro"><p t:text="/client/name">x</p><p t:text="/client/values/value[2]/@id">y</p></section>"#)
        #expect(
            traces == [
                SectionTrace(
                    sectionID: "intro",
                    reads: [
                        // The document element's step carries no id: it is unique.
                        "/client/name": hash("<name>Acme</name>"),
                        // Only a second <name> could change what the path selects.
                        Self.list("/client", "name"): membership("name"),
                        // The result, and the lists of each step (an attribute's list is its
                        // element's siblings): [2] chose among the values, whose content
                        // does not matter.
                        "/client/values/value[@id='v2']/@id": hash("v2"),
                        Self.valuesList: membership("value[@id='v1']", "value[@id='v2']"),
                        Self.list("/client", "values"): membership("values"),
                    ])
            ])
    }

    @Test("An expression that needs nothing from where it runs is recorded by its value")
    func contextFreeExpressionRecordsItsValue() throws {
        let traces = try traces(#"<section id="s"><p t:text="count(/client/a/b[@x='1'])">n</p></section>"#)
        // Two b have x = 1: only a change of that number changes the section.
        #expect(try traces.first?.reads == ["number(count(/client/a/b[@x='1']))": hash("2")])
    }

    @Test("Reads through count() and a predicate record the candidates' places and what the predicate reads")
    func countWithPredicateRecordsEveryCandidate() throws {
        let traces = try traces(
            #"<section id="s" t:let="one: '1'"><p t:text="count(/client/a/b[@x=$one])">n</p></section>"#)
        #expect(try reads("s", in: traces) == [
            // Which b there are, not what they hold.
            Self.list("/client/a", "b"), Self.list("/client", "a"),
            // The predicate's relative path is read below its step.
            "/client/a/b[1]/@x", "/client/a/b[2]/@x", "/client/a/b[3]/@x",
        ])
    }

    @Test("A lookup by attribute values records the one line of the children it matches")
    func keyedLookupRecordsItsLine() throws {
        let traces = try traces(
            #"<section id="s" t:let="id: 'v2'"><p t:text="/client/values/value[@id = $id]/statement">n</p></section>"#)
        #expect(try traces.first?.reads == [
            // Adding a value, or editing v1, leaves the section current.
            "/client/values/*[self::value][@id='v2']": membership("value[@id='v2']"),
            "/client/values/value[@id='v2']/statement": hash("<statement>Care</statement>"),
            Self.statementList("v2"): membership("statement"),
        ])
    }

    @Test("Relative reads are recorded from the context node, with the item of a loop")
    func loopReadsAreRecorded() throws {
        let traces = try traces(#"<section id="values"><li t:each="v in /client/values/value" t:text="statement">x</li></section>"#)
        #expect(
            // The loop reads the items' places (the list); the body reads their content.
            try reads("values", in: traces) == [
                Self.valuesList, Self.list("/client", "values"),
                "/client/values/value[@id='v1']/statement", "/client/values/value[@id='v2']/statement",
                Self.statementList("v1"), Self.statementList("v2"),
            ])
    }

    @Test("Reads through a variable and through a function's arguments are recorded")
    func variableAndFunctionReads() throws {
        let traces = try traces(
            #"<section id="s"><p t:let="vs: /client/values" t:text="join($vs/value/statement, ' and ')">x</p></section>"#)
        #expect(
            // Binding a variable reads its nodes' places; using it reads what it uses, and
            // the lists of each step below the variable: a new value would be joined.
            try reads("s", in: traces) == [
                Self.list("/client", "values"),
                "/client/values/value[@id='v1']/statement", "/client/values/value[@id='v2']/statement",
                Self.statementList("v1"), Self.statementList("v2"), Self.valuesList,
            ])
    }

    @Test("Nested sections record their reads into every enclosing section too")
    func nestedSectionsRecordIntoParents() throws {
        let traces = try traces(
            #"<section id="outer"><h2 t:text="/client/values/value[1]/statement">n</h2><section id="inner"><p t:text="/client/mission">m</p></section></section>"#
        )
        #expect(traces.map(\.sectionID) == ["outer", "inner"])
        #expect(
            try reads("outer", in: traces) == [
                // value[1] depends on the order of the values, the result on its statement.
                "/client/values/value[@id='v1']/statement", Self.statementList("v1"), Self.statementList("v2"),
                Self.valuesList, Self.list("/client", "values"), "/client/mission", Self.list("/client", "mission"),
            ])
        #expect(try reads("inner", in: traces) == ["/client/mission", Self.list("/client", "mission")])
    }

    @Test("A section that reads nothing from the model has empty reads")
    func staticSectionReadsNothing() throws {
        let traces = try traces(
            #"<p t:text="/client/name">n</p><section id="static"><h2>About</h2><p t:text="concat('a', 'b')">x</p></section>"#)
        #expect(traces == [SectionTrace(sectionID: "static", reads: [:])])
    }

    @Test("Reads outside every section are recorded nowhere")
    func readsOutsideSections() throws {
        let traces = try traces(
            #"<h1 t:text="/client/name">n</h1><section id="a"><p t:text="/client/mission">m</p></section><p t:text="//statement">s</p>"#)
        #expect(try reads("a", in: traces) == ["/client/mission", Self.list("/client", "mission")])
    }

    @Test("Sections repeated by a loop with an id from the item each record their own item")
    func loopKeyedSections() throws {
        let traces = try traces(
            #"<section t:each="v in /client/values/value" t:attr-id="concat('value-', @id)"><p t:text="statement">s</p></section>"#)
        #expect(traces.map(\.sectionID) == ["value-v1", "value-v2"])
        // The section's id is computed from the item, so the item's @id is its input too;
        // where the item stands among the values changes nothing in its section.
        #expect(try reads("value-v1", in: traces) == [
            "/client/values/value[@id='v1']/@id", "/client/values/value[@id='v1']/statement", Self.statementList("v1"),
        ])
        #expect(try reads("value-v2", in: traces) == [
            "/client/values/value[@id='v2']/@id", "/client/values/value[@id='v2']/statement", Self.statementList("v2"),
        ])
    }

    @Test("Sections are listed in document order")
    func documentOrder() throws {
        let traces = try traces(#"<section id="z">z</section><div><section id="a">a</section></div><section id="m">m</section>"#)
        #expect(traces.map(\.sectionID) == ["z", "a", "m"])
    }

    @Test("Traces are identical across two renders")
    func tracesAreDeterministic() throws {
        let template = Fixture.template(
            #"<section id="s"><p t:text="count(/client/a/b[@x='1'])">n</p><li t:each="v in //value" t:text="statement">x</li></section>"#)
        let first = try Fixture.render(template: template, model: Self.model).sections
        let second = try Fixture.render(template: template, model: Self.model).sections
        #expect(first == second)
        // What the store keeps, byte for byte.
        #expect(first.map(\.encodedLineNumbers) == second.map(\.encodedLineNumbers))
        #expect(first.map(\.document.encodedLines) == second.map(\.document.encodedLines))
    }

    @Test("A changed node changes the recorded hash, an unread node does not matter")
    func hashFollowsContent() throws {
        let template = Fixture.template(#"<section id="s"><p t:text="/client/name">n</p></section>"#)
        let base = try Fixture.render(template: template, model: Self.model).sections
        let renamed = try Fixture.render(template: template, model: Self.model.replacingOccurrences(of: "Acme<", with: "Acme Ltd<")).sections
        let otherChange = try Fixture.render(template: template, model: Self.model.replacingOccurrences(of: "Quality", with: "Rigour")).sections
        #expect(base != renamed)
        #expect(base == otherChange)
    }

    @Test("Adding an item to a list a section looped over changes the list's hash only")
    func addedItemChangesMembership() throws {
        let template = Fixture.template(#"<section id="s"><li t:each="v in /client/values/value" t:text="statement">x</li></section>"#)
        let base = try #require(try Fixture.render(template: template, model: Self.model).sections.first)
        let grown = try #require(
            try Fixture.render(
                template: template,
                model: Self.model.replacingOccurrences(
                    of: "</values>", with: #"<value id="v3"><statement>Speed</statement></value></values>"#)
            ).sections.first)
        #expect(base.reads[Self.valuesList] == membership("value[@id='v1']", "value[@id='v2']"))
        #expect(grown.reads[Self.valuesList] == membership("value[@id='v1']", "value[@id='v2']", "value[@id='v3']"))
        let unchanged = base.reads.filter { $0.key != Self.valuesList }
        #expect(grown.reads.filter { unchanged.keys.contains($0.key) } == unchanged)
    }

    @Test(
        "Reads of t:let, t:if and t:attr-* on the section element itself are recorded for the section",
        )
    func ownInstructionsAreRecorded() throws {
        let traces = try traces(
            #"<section id="s" t:let="n: count(/client/values/value)" t:if="/client/mission"><p t:text="$n">x</p></section>"#)
        #expect(
            // Both need nothing from where they run: the number of values, and whether
            // /client/mission exists, are all they read.
            try reads("s", in: traces) == ["number(count(/client/values/value))", "boolean(/client/mission)"])
    }
}
