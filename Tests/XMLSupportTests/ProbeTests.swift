import Foundation
import Testing
@testable import XMLSupport

@Test func probe() throws {
    for e in ["", "//item[", "1 +", "@@", "foo(", "///", "count(", "'unterminated", "item[1]]", "$undefined", "nope()", "count('a')", "ns:x", "//p:item"] {
        do { let x = try XPathExpression(e); print("COMPILED", e.debugDescription)
            do { print("  ->", try TestXML.parse("<a/>").evaluate(x)) } catch { print("  EVALERR", error) }
        } catch { print("ERR", e.debugDescription, error) }
    }
    let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 2)
    print(try? TestXML.parse("<r><a><b/></a></r>", limits: limits).root.name as Any)
    print(TestXML.failure(parsing: "<r><a><b></b></a></r>", limits: limits)?.diagnostics.map(\.formatted) ?? [])
    let d = try TestXML.parse("<r>\n  <a>1</a>\n  <b> </b>\n  <c>x <i>y</i> z</c>\n</r>", whitespace: .dropBlankNodes)
    print(d.root.children)
    let l1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf".utf8) + [0xE9] + Array(" <b/></a>".utf8)
    let dl = try XMLDocument.parse(bytes: l1, fileName: "l")
    print(dl.root.textContent, dl.root.elements.map(\.position))
    print(try TestXML.parse("<a><b/></a>").evaluate("string(1e15)"))
}
