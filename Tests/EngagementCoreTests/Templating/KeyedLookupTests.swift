import Testing

@testable import EngagementCore

/// KeyedLookup: the paths that choose elements by attribute values, whose renders record
/// one line of the matching children instead of every candidate and its keys.
@Suite("Keyed lookups")
struct KeyedLookupTests {
    @Test(
        "A path choosing by attribute values is a lookup: its parents, name, keys and the steps after it",
        arguments: [
            ("/client/stakeholders/stakeholder[@id = current()/@owner]", "/client/stakeholders", "stakeholder",
             ["id=self::node()/@owner"], "/client/stakeholders/stakeholder", 0),
            ("/client/stakeholders/stakeholder[@id = $e/@stakeholder]/name", "/client/stakeholders", "stakeholder",
             ["id=$e/@stakeholder"], "/client/stakeholders/stakeholder", 1),
            ("/client/measurements/measurement[@expectation = current()/@id and @date = $ef/@latest-date][last()]",
             "/client/measurements", "measurement", ["expectation=self::node()/@id", "date=$ef/@latest-date"],
             "/client/measurements/measurement", 0),
            ("/client/measurements/measurement[@expectation = current()/@id][@date = $f/@latest-date][last()]/@value",
             "/client/measurements", "measurement", ["expectation=self::node()/@id", "date=$f/@latest-date"],
             "/client/measurements/measurement", 0),
            ("$sf/touchpoint[@id = current()/@id]", "$sf", "touchpoint", ["id=self::node()/@id"], "$sf/touchpoint", 0),
            ("stakeholder[@current-engagement = 'resistant']", ".", "stakeholder", ["current-engagement='resistant'"],
             "stakeholder", 0),
            ("/x[@id = 'a']/y/text()", "/", "x", ["id='a'"], "/x", 1),
        ] as [(String, String, String, [String], String, Int)])
    func lookups(expression: String, parent: String, name: String, keys: [String], stepPath: String, after: Int) throws {
        let lookup = try #require(KeyedLookup(expression))
        #expect(lookup.parentPath == parent)
        #expect(lookup.name == name)
        #expect(lookup.keys.map { "\($0.attribute)=\($0.value)" } == keys)
        #expect(lookup.stepPath == stepPath)
        #expect(lookup.elementStepsAfter == after)
    }

    @Test(
        "Anything else is not a lookup, and keeps the reads of every candidate",
        arguments: [
            "/client/stakeholders/stakeholder",  // no predicate
            "/client/stakeholders/stakeholder[1]",  // a position only
            "/client/stakeholders/stakeholder[@sponsor = 'true' or @sponsor = '1']",  // or
            "/client/stakeholders/stakeholder[@id != $x/@id]",  // not an equality
            "/client/stakeholders/stakeholder[@id = ../@owner]",  // a value from the candidate
            "/client/stakeholders/stakeholder[name = $x]",  // a child, not an attribute
            "/client/stakeholders/stakeholder[contains(@id, 'a')]",  // a function
            "/client/stakeholders/stakeholder[1][@id = $x/@id]",  // a condition after a position
            "/client/a[@id = $x]/b[@id = $y]",  // two lookups
            "//stakeholder[@id = $x]",  // any depth
            "/client/*[@id = $x]",  // any name
            "$a[@id = $x] | $b",  // a union
            "count(/client/a[@id = $x])",  // a function call
            "/client/a[@id = 'x and y']",  // 'and' inside a literal
            "/client/a[@id = concat($x, 'y')]",  // a computed value
        ])
    func notLookups(expression: String) {
        #expect(KeyedLookup(expression) == nil)
    }

    @Test(
        "A list line's parent is found from the end, whatever the ids in the parent's own steps hold",
        arguments: [
            ("/client/values/*", "/client/values"),
            ("/client/values/*[self::value]", "/client/values"),
            ("/client/measurements/*[self::measurement][@expectation='e1'][@date='2026-01-31']", "/client/measurements"),
            ("/client/stages/stage[@id='a]/*[self::b']/*[self::touchpoint][@id='t 1']", "/client/stages/stage[@id='a]/*[self::b']"),
        ])
    func listParent(path: String, parent: String) {
        #expect(TraceHash.listParent(ofLine: path) == parent)
    }

    @Test(
        "A node's path is not a list line",
        arguments: ["/client/name", "/client/stakeholders/stakeholder[@id='s1']", "/client/a/b[2]/@x", "/client/a[@k='x'][@l='y']"])
    func nodePaths(path: String) {
        #expect(TraceHash.listParent(ofLine: path) == nil)
    }

    @Test("A key holding an apostrophe cannot be written as a line: the render reads the candidates instead")
    func apostrophe() {
        #expect(TraceHash.listPath(parent: "/client/a", named: "b", keys: [("id", "it's")]) == nil)
        #expect(TraceHash.listPath(parent: "/client/a", named: "b", keys: [("id", "x")]) == "/client/a/*[self::b][@id='x']")
    }
}
