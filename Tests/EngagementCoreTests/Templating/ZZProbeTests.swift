import Foundation
import Testing
import XMLSupport
import Rendering
@testable import EngagementCore

@Test func zzProbe() throws {
    typealias F = TemplatingFixtures
    func show(_ label: String, _ t: String, model: String = "<client><a>x</a></client>") {
        do { print("PROBE \(label): " + (try F.output(template: F.template(t), model: model)).debugDescription) }
        catch { print("PROBE \(label): ERROR \(error)") }
    }
    show("nbsp", "<p><b>a</b>&#160;\n<i>b</i></p>")
    show("nbsp2", "<p><b>a</b>&#160;<i>b</i></p>")
    show("esc", #"<p t:text="/client/a" t:attr-title="/client/a"/>"#, model: "<client><a>&lt;&amp;\"']]&gt;\u{200F}😀e\u{301}</a></client>")
    show("ifrm", #"<p><b t:if="false()">x</b> y</p>"#)
    show("xmllang", #"<p xml:lang="en" lang="en">x</p>"#)
    show("neg0", #"<p t:text="concat(percent(-0.4), '|', money(-0.4), '|', money(999999, 'short'), '|', money(1000000,'short'), '|', decimal(-0.04, 1))"/>"#)
    show("unknownfn", #"<p t:text="foo(1)"/>"#)
    show("unknownvar", #"<p t:text="$nope"/>"#)
    show("moneyargs", #"<p t:text="money()"/>"#)
    show("date", #"<p t:text="date('2026-13-01')"/>"#)
    show("join", #"<p t:text="join(1)"/>"#)
    for e in ["current()/@id", "(a|b)/c", "a[b = current()/@x]"] { print("PROBE paths \(e): \(XPathReadPaths.paths(in: e))") }
    let el = XMLOutputElement(name: "html", children: [.element(XMLOutputElement(name: "body", children: [.element(XMLOutputElement(name: "table", children: [
        .element(XMLOutputElement(name: "tr", children: [.element(XMLOutputElement(name: "th", children: [.text("A")]))])),
        .element(XMLOutputElement(name: "tr", children: [.element(XMLOutputElement(name: "td", children: [.text("*a_b|c#d<e&f")]))])),
    ]))]))])
    print("PROBE md: " + MarkdownRenderer.render(el).debugDescription)
    print("PROBE html: " + HTMLRenderer.render(el).debugDescription)
    do {
        let r = try F.render(template: F.template(#"<section id="s" t:let="n: count(/client/a)"><p t:text="$n"/></section>"#), model: "<client><a>x</a></client>")
        print("PROBE trace: \(r.sections)")
    }
    if let f = try F.failure(template: F.template("\n  <p t:bogus=\"1\"/>\n  <t:nope/>\n  <p t:text=\"1 +\"/>")) {
        print("PROBE fail:\n" + f.failure.formatted)
    }
    let folder = try TemplatingTestFolder(["main.xhtml": "<div>\n  <p>x</b>\n</div>"])
    if let f = try F.failure(folder) { print("PROBE malformed:\n" + f.formatted) }
}
