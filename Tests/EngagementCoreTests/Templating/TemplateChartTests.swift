import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// `<t:chart kind>`: a chart drawn from its data element, traced whole, left out when the
/// model has no data, and refused with a message naming the kinds when misspelt.
@Suite("Template charts")
struct TemplateChartTests {
    typealias Fixture = TemplatingFixtures

    static let model = """
        <client><figures><charts>
          <cash-flow symbol="£">
            <option id="a" name="Portal" recommended="true" discounted-payback="1.5"><year n="0" cumulative-discounted-net="-100000"/><year n="1" cumulative-discounted-net="-40000"/><year n="2" cumulative-discounted-net="30000"/></option>
            <option id="b" name="Do nothing" recommended="false"><year n="0" cumulative-discounted-net="0"/><year n="1" cumulative-discounted-net="0"/><year n="2" cumulative-discounted-net="0"/></option>
          </cash-flow>
        </charts></figures><name>Acme</name></client>
        """

    @Test("A chart is an <svg> with its title and description, drawn from the data element, which the section reads whole")
    func drawsAndTraces() throws {
        let rendered = try Fixture.render(
            template: Fixture.template(#"<section id="money"><figure><t:chart kind="cash-flow"/><figcaption>Caption.</figcaption></figure></section>"#),
            model: Self.model)
        let figure = try #require(rendered.root.elements.first?.elements.first)
        let svg = try #require(figure.elements.first)
        #expect(svg.name == "svg" && svg.namespaceURI == "http://www.w3.org/2000/svg")
        #expect(svg.elements.first { $0.name == "title" }?.textContent == "Cumulative discounted cash flow by option")
        let description = svg.elements.first { $0.name == "desc" }?.textContent ?? ""
        #expect(description.contains("“Portal” (recommended) ends year 2 at £30k and, discounted, breaks even after 1.5 years."), "\(description)")
        #expect(description.contains("“Do nothing” is the baseline"))
        #expect(figure.elements.last?.name == "figcaption")
        let reads = try #require(rendered.sections.first { $0.sectionID == "money" }).reads
        #expect(reads.keys.contains("/client/figures/charts/cash-flow"), "\(reads.keys.sorted())")
        #expect(!reads.keys.contains("/client/name"))
    }

    @Test("A change to the data changes the chart's trace line; the same data gives the same bytes")
    func traceFollowsTheData() throws {
        func render(_ model: String) throws -> (String?, [UInt8]) {
            let rendered = try Fixture.render(template: Fixture.template(#"<section id="money"><t:chart kind="cash-flow"/></section>"#), model: model)
            let section = try #require(rendered.sections.first)
            return (section.reads["/client/figures/charts/cash-flow"], XMLWriter.serialize(rendered.root))
        }
        let (hash, bytes) = try render(Self.model)
        let (sameHash, sameBytes) = try render(Self.model)
        let (changedHash, changedBytes) = try render(Self.model.replacingOccurrences(of: "30000", with: "35000"))
        #expect(hash == sameHash && bytes == sameBytes)
        #expect(hash != changedHash && bytes != changedBytes)
    }

    @Test("Without its data element a chart is left out, and the template goes on")
    func noDataNoChart() throws {
        #expect(try Fixture.output(template: Fixture.template(#"<p>Before</p><t:chart kind="journey-map"/><p>After</p>"#)) == Fixture.div("<p>Before</p><p>After</p>"))
    }

    @Test("An unknown kind, a missing kind and content inside t:chart are template errors with the fix", arguments: [
        (#"<t:chart kind="pie"/>"#, "'pie' is not a chart kind", "journey-map, relationship-journey, stakeholder-grid, change-heat-map, cash-flow, expectation-trends"),
        (#"<t:chart/>"#, "<t:chart> lacks its kind attribute", "Give kind="),
        (#"<t:chart kind="cash-flow">Caption</t:chart>"#, "takes no content", "<figcaption>"),
    ])
    func refusals(content: String, summary: String, fix: String) throws {
        do {
            _ = try Fixture.output(template: Fixture.template(content), model: Self.model)
            Issue.record("\(content) rendered")
        } catch let failure as TemplatingTestFailure {
            #expect(failure.description.contains(summary) && failure.description.contains(fix), "\(failure.description)")
        }
    }
}
