import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// XPathReadPaths: the location paths an expression reads, predicates removed, so that a
/// section trace records what a number or string result depended on.
@Suite("XPath read paths")
struct TemplateXPathReadPathsTests {
    static let cases: [(String, [String])] = [
        // Absolute and relative paths.
        ("/client/name", ["/client/name"]),
        ("name", ["name"]),
        ("values/value/statement", ["values/value/statement"]),
        ("@id", ["@id"]),
        ("../@id", ["../@id"]),
        (".", ["."]),
        ("//year/@net", ["//year/@net"]),
        ("/client//touchpoint", ["/client//touchpoint"]),
        ("ancestor::client/@currency", ["ancestor::client/@currency"]),
        ("child::*", ["child::*"]),
        ("/client/*", ["/client/*"]),
        ("@*", ["@*"]),
        ("*", ["*"]),
        ("statement/text()", ["statement/text()"]),
        ("a/node()", ["a/node()"]),
        // Variables.
        ("$v", ["$v"]),
        ("$v/statement", ["$v/statement"]),
        ("$v-index", ["$v-index"]),
        ("$rows[@status = 'met']/metric", ["$rows/metric", "$rows/@status"]),
        // Predicates are stripped.
        ("/client/values/value[@id='v1']/statement", ["/client/values/value/statement", "/client/values/value/@id"]),
        ("a[1]/b[2]/c", ["a/b/c"]),
        ("a[b[c]]/d", ["a/d", "a/b", "a/b/c"]),
        ("a[. = 'x]y']/b", ["a/b", "a/."]),
        // Paths inside function arguments.
        ("count(a/b[@x='1'])", ["a/b/@x"]),
        ("concat(@id, ' ', name)", ["@id", "name"]),
        ("sum(/client/option/@npv) div count(/client/option)", ["/client/option/@npv"]),
        ("not(@hidden)", ["@hidden"]),
        ("join(values/value, ', ', ' and ')", ["values/value"]),
        ("money(sum(//year/@capex), 'short')", ["//year/@capex"]),
        // Absolute paths and variables inside predicates are read as they are; relative ones
        // below their step, since the result may not hold the step's nodes
        // (`expectation[@status = 'missed']/@id` depends on every @status).
        ("a[b = /c/d]", ["a", "a/b", "/c/d"]),
        ("a[@x = $v/@y]", ["a", "a/@x", "$v/@y"]),
        ("a[@x = 'y']", ["a", "a/@x"]),
        ("e[@status = 'missed']/@id", ["e/@id", "e/@status"]),
        ("stakeholder[@id = /client/sponsor/@ref][@level = 'x']/name",
         ["stakeholder/name", "stakeholder/@id", "/client/sponsor/@ref", "stakeholder/@level"]),
        ("a[b[/c/d]]", ["a", "a/b", "/c/d"]),
        // Operators are not paths; names that look like operators are.
        ("a * b", ["a", "b"]),
        ("a*b", ["a", "b"]),
        ("2 * @n", ["@n"]),
        ("@n * 2 * *", ["@n", "*"]),
        ("a div b", ["a", "b"]),
        ("a mod 2", ["a"]),
        ("/x/div", ["/x/div"]),
        ("/x/mod/and", ["/x/mod/and"]),
        ("a and b or c", ["a", "b", "c"]),
        ("a | b", ["a", "b"]),
        ("a - b", ["a", "b"]),
        ("a-b", ["a-b"]),
        ("@score >= 3 and @score != 5", ["@score"]),
        // String literals are not read, whatever they hold.
        ("'a/b' = c", ["c"]),
        (#"concat('/client/x', "//y", '$v')"#, []),
        ("1 + 2", []),
        ("true()", []),
        ("position() = last()", []),
        // Repeated paths are listed once.
        ("string(a) + string(a)", ["a"]),
        // Not an expression: nothing.
        ("'unterminated", []),
    ]

    @Test("Each expression reads exactly the listed paths, predicates removed", arguments: cases)
    func paths(expression: String, expected: [String]) {
        #expect(XPathReadPaths.paths(in: expression) == expected)
    }

    @Test(
        "count() reads which nodes there are, not what they hold: its path is read for its places",
        arguments: [
            ("count(a/b[@x='1'])", ["a/b"], ["a/b/@x"]),
            ("count(/client/option)", ["/client/option"], []),
            ("count($sponsors) > 1", ["$sponsors"], []),
            ("count(a) + count(a)", ["a"], []),
            // Only a whole argument: count(a) + 1 counts, count(a | b) and count(a/b) - c do not.
            ("count(a | b)", [], ["a", "b"]),
            ("string(count(a))", ["a"], []),
            ("sum(a/@n) div count(a)", ["a"], ["a/@n"]),
        ])
    func countReadsPlaces(expression: String, places: [String], paths: [String]) {
        let found = XPathReadPaths.reads(in: expression)
        #expect(found.places == places)
        #expect(found.paths == paths)
    }

    @Test(
        "The place of a read path's nodes: among all siblings, among those of the same name at each step, or fixed",
        arguments: [
            ("name", XPathReadPaths.Place.amongSameName(steps: 1)),
            ("/client/values/value", .amongSameName(steps: 3)),
            ("$s/name", .amongSameName(steps: 1)),
            ("preferences/preference/@format", .amongSameName(steps: 2)),
            ("$sponsors", .amongSameName(steps: 1)),
            (".", .amongSameName(steps: 1)),
            ("self::node()", .amongSameName(steps: 1)),
            ("statement/text()", .amongSameName(steps: 1)),
            // An attribute or text of the starting node: its element's place was chosen elsewhere.
            ("@id", .fixed),
            ("$s/@level", .fixed),
            ("self::node()/@y", .fixed),
            ("text()", .fixed),
            ("./@id", .fixed),
            // Anything that may select a sibling of another name.
            ("*", .amongAllSiblings),
            ("/client/*", .amongAllSiblings),
            ("@*", .amongAllSiblings),
            ("a/node()", .amongAllSiblings),
            ("//year/@net", .amongAllSiblings),
            ("../@id", .amongAllSiblings),
            ("ancestor::client/@currency", .amongAllSiblings),
            ("a | b", .amongAllSiblings),
            ("key('x')", .amongAllSiblings),
        ])
    func placeOfReadPath(path: String, place: XPathReadPaths.Place) {
        #expect(XPathReadPaths.place(of: path) == place)
    }

    @Test("The functions an expression calls are found by the same scan, each once")
    func functionsCalled() {
        #expect(XPathReadPaths.analyze("money(sum(a/@n)) = money(b, 'short') and not(x)").functions == ["money", "sum", "not"])
        #expect(XPathReadPaths.analyze("a[money(@n) > 1]/text()").functions == ["money"])
        #expect(XPathReadPaths.analyze("concat('money(', @n)").functions == ["concat"])
        #expect(XPathReadPaths.analyze("my-money(1)").functions == ["my-money"])
    }

    @Test(
        "The variables an expression names, each once: a longer name is not a shorter one",
        arguments: [
            ("concat($profile-hash, '-', $id)", ["profile-hash", "id"]),
            ("$profile-hash-short", ["profile-hash-short"]),
            ("$s/@id = $s/@owner", ["s"]),
            ("$a.b+$c_d", ["a.b", "c_d"]),
            ("count(a)", []),
            ("'$'", []),
            ("'costs $x'", ["x"]),
        ])
    func variablesNamed(expression: String, names: [String]) {
        #expect(ExpressionTraceAnalysis.variables(in: expression) == names)
    }

    @Test("Each path found is an XPath expression of its own", arguments: cases)
    func pathsCompile(expression: String, expected: [String]) {
        for path in XPathReadPaths.paths(in: expression) {
            #expect(throws: Never.self) { _ = try XPathExpression(path) }
        }
    }

    @Test(
        "A path that continues a function call or a parenthesized expression is not read from the root",
        arguments: [("current()/@id", "/@id"), ("(a | b)/c", "/c"), ("a[b = current()/@x]", "/@x")])
    func pathAfterFunctionCall(expression: String, wrong: String) {
        #expect(!XPathReadPaths.paths(in: expression).contains(wrong))
    }
}
