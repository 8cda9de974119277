import Testing
import XMLSupport

@testable import EngagementCore

/// ChildReadPath: the read paths a render follows itself instead of asking libxml2, which
/// must select exactly what XPath selects.
@Suite("Child read paths")
struct ChildReadPathTests {
    @Test(
        "Child steps by name from the context or one variable, with an attribute at the end, are child paths",
        arguments: [
            ("@id", ChildReadPath.Start.context, [String](), "id" as String?),
            ("self::node()/@owner", .context, [], "owner"),
            (".", .context, [], nil),
            ("$e/@target", .variable("e"), [], "target"),
            ("$who/role", .variable("who"), ["role"], nil),
            ("name/@lang", .context, ["name"], "lang"),
            ("stages/stage/touchpoint", .context, ["stages", "stage", "touchpoint"], nil),
            ("$figure-2/year.end/@n_1", .variable("figure-2"), ["year.end"], "n_1"),
        ])
    func shapes(text: String, start: ChildReadPath.Start, elements: [String], attribute: String?) throws {
        let path = try #require(ChildReadPath(text))
        #expect(path.start == start)
        #expect(path.elements == elements.map { Array($0.utf8CString) })
        #expect(path.attribute == attribute.map { Array($0.utf8CString) })
    }

    @Test(
        "Anything else is left to libxml2",
        arguments: [
            "$n", "/client/name", "a[1]", "a//b", "../a", "*", "a/*", "ns:a", "@*", "@ns:a", "text()", "a/text()", "a/@b/c",
            "child::a", "$a:b/c", "é/a", "", "a/", "$/a", "1a", "-a", "a b", "a | b", "count(a)", "$e/@", "self::node()/..",
        ])
    func notChildPaths(text: String) {
        #expect(ChildReadPath(text) == nil)
    }

    static let document = """
        <client xmlns:x="urn:other" id="c">
          <name lang="en">North<b>gate</b></name>
          <name lang="cy" x:lang="x">Gogledd</name>
          <x:name lang="fr">Nord</x:name>
          <stages>
            <stage id="s1"><touchpoint owner="a" x:owner="b">One</touchpoint><touchpoint/></stage>
            <stage id="s2" x:id="other"><touchpoint owner="c"/></stage>
            <stage><note>no id</note></stage>
          </stages>
          <x:stages><stage id="hidden"/></x:stages>
        </client>
        """

    @Test("From every node of a document, namespaces and text included, a child path selects what XPath selects, in the same order")
    func selectsWhatXPathSelects() throws {
        let session = XPathSession(document: try XMLDocument.parse(bytes: Array(Self.document.utf8), fileName: "model.xml"))
        guard case .nodes(let everyNode) = try session.evaluate(XPathExpression("//node() | //@*"), at: session.documentHandle) else {
            Issue.record("no nodes")
            return
        }
        #expect(everyNode.count > 30)
        let paths = [
            "@id", "@lang", "@owner", "self::node()/@id", ".", "name", "name/@lang", "name/b", "stages/stage", "stages/stage/@id",
            "stages/stage/touchpoint", "stages/stage/touchpoint/@owner", "stage/touchpoint/@owner", "touchpoint", "client", "client/@id",
            "client/stages/stage/note",
        ]
        var compared = 0
        for path in paths {
            let childPath = try #require(ChildReadPath(path))
            let expression = try XPathExpression(path)
            for context in [session.documentHandle] + everyNode {
                guard case .nodes(let expected) = try session.evaluate(expression, at: context) else {
                    Issue.record("\(path) gave no node-set")
                    continue
                }
                let found = session.childPath(childPath.elements, attribute: childPath.attribute, from: context)
                #expect(found == expected, "\(path) from \(session.stablePath(of: context))")
                compared += expected.count
            }
        }
        #expect(compared > 40, "the paths select something")
    }
}
