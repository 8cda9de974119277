import Foundation
import Testing

/// `engage status`, `alerts` and `regenerate` end to end, on a small profile and small
/// templates whose sections read known parts of the model, so that staleness can be
/// asserted section by section.
@Suite(.serialized)
struct StatusAndAlertsTests {
    /// A valid profile in which nothing needs attention on 2026-11-22.
    static let profile = """
        <client id="acme" schema-version="1">
          <identity><name>Acme Foods</name><currency>GBP</currency></identity>
          <mission>Feed the county well.</mission>
          <values>
            <value id="val-care"><statement>We care for every customer.</statement></value>
            <value id="val-local"><statement>We buy local first.</statement></value>
          </values>
          <stakeholders>
            <stakeholder id="sh-ceo" side="client" level="executive" influence="5" interest="5" current-engagement="supportive" desired-engagement="leading" sponsor="true"><name>Ann Lee</name><role>Chief Executive</role></stakeholder>
            <stakeholder id="sh-ops" side="client" level="management" influence="3" interest="4" current-engagement="supportive" desired-engagement="supportive"><name>Bo Chan</name><role>Operations Manager</role></stakeholder>
          </stakeholders>
          <expectations>
            <expectation id="exp-otif" stakeholder="sh-ceo" unit="%" baseline="80" target="95" threshold="90" direction="higher-is-better"><statement>Deliveries arrive on time and in full.</statement><metric>On-time in-full deliveries</metric></expectation>
          </expectations>
          <journey>
            <stage name="discovery"><goal>Be found.</goal><touchpoint id="tp-web" channel="portal" owner="sh-ops" emotional="1" objective="80"><name>Website</name></touchpoint></stage>
            <stage name="consideration"><goal>Be chosen.</goal><touchpoint id="tp-quote" channel="email" owner="sh-ops" emotional="1" objective="80"><name>Quote</name></touchpoint></stage>
            <stage name="conversion"><goal>Sign.</goal><touchpoint id="tp-contract" channel="in-person" owner="sh-ceo" emotional="1" objective="80"><name>Contract</name></touchpoint></stage>
            <stage name="retention"><goal>Deliver.</goal><touchpoint id="tp-delivery" channel="in-person" owner="sh-ops" emotional="1" objective="80"><name>Delivery</name></touchpoint></stage>
            <stage name="advocacy"><goal>Be recommended.</goal><touchpoint id="tp-review" channel="survey" owner="sh-ops" emotional="1" objective="80"><name>Review</name></touchpoint></stage>
          </journey>
          <loyalty from="2026-07-01" to="2026-09-30"><nps promoters="60" passives="30" detractors="10"/></loyalty>
          <measurements>
            <measurement expectation="exp-otif" date="2026-10-31" value="93"/>
          </measurements>
          <appraisal discount-rate="3.5" horizon="2" optimism-bias="10"/>
          <options>
            <option id="opt-nothing" kind="do-nothing"><name>Do nothing</name><description>Carry on.</description><year n="0"/></option>
            <option id="opt-fleet" kind="do-something" recommended="true"><name>New fleet</name><description>Buy vans.</description>
              <year n="0" capex="100000"/><year n="1" cash-benefits="80000"/><year n="2" cash-benefits="80000"/></option>
          </options>
          <risks>
            <risk id="risk-fuel" category="financial" likelihood="3" impact="3" owner="sh-ops"><description>Fuel prices rise.</description><mitigation>Hedge fuel.</mitigation></risk>
          </risks>
          <change-impacts>
            <change-impact id="ci-drivers" headcount="20" process="3" systems="2" roles="1" behaviours="2" reporting="1" location="0" awareness="4" desire="4" knowledge="4" ability="4" reinforcement="4" resistance="low"><group>Drivers</group><training-need>Van familiarisation.</training-need></change-impact>
          </change-impacts>
          <communication>
            <preference id="pref-ceo" stakeholder="sh-ceo" channel="email" frequency="P1W" format="one-page summary" summary-within-days="2" update-every="P1M"/>
          </communication>
          <reviews cadence="P1M"><kick-off date="2026-10-01"/><review id="rev-1" date="2026-11-15">First review</review><review id="rev-2" date="2026-12-15">Second review</review></reviews>
        </client>
        """

    /// One section per area, so each edit makes known sections stale.
    static let templates: [String: String] = [
        "business-case.xhtml": document("""
            <section id="appraisal"><p t:each="o in /client/figures/appraisal/option" t:text="concat(@id, ' ', @npv)">x</p></section>
            <section id="risks"><p t:each="r in /client/risks/risk" t:text="mitigation">x</p></section>
            """),
        "strategy.xhtml": document("""
            <section id="values"><p t:each="v in /client/values/value" t:text="statement">x</p></section>
            <section id="expectations"><p t:each="e in /client/expectations/expectation" t:text="concat(metric, ' ', @target)">x</p></section>
            <section id="buy-in"><p t:each="s in /client/stakeholders/stakeholder" t:text="concat(name, ' ', @current-engagement)">x</p></section>
            """),
        "change-management.xhtml": document("""
            <section id="impacts"><p t:each="c in /client/change-impacts/change-impact" t:text="group">x</p></section>
            """),
        "communication.xhtml": document("""
            <section id="preferences"><p t:each="p in /client/communication/preference" t:text="@channel">x</p></section>
            <section id="reviews"><p t:each="r in /client/reviews/review" t:text="@date">x</p></section>
            """),
    ]

    static func document(_ body: String) -> String {
        """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:engagement-planner:template">
          <head><title>t</title></head>
          <body>
            \(body)
          </body>
        </html>
        """
    }

    /// A scratch folder with the profile, the templates and a generated pack.
    struct Workspace {
        let scratch: ScratchFolder
        var profile: URL { scratch.url.appendingPathComponent("acme.xml") }
        var pack: URL { scratch.url.appendingPathComponent("pack") }

        init() async throws {
            scratch = try ScratchFolder()
            try scratch.write(StatusAndAlertsTests.profile, to: "acme.xml")
            let folder = scratch.url.appendingPathComponent("templates")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in StatusAndAlertsTests.templates {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let outcome = try await EngageProcess.run(
                ["generate", "acme.xml", "--out", "pack", "--templates", folder.path], in: scratch.url)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }

        func edit(_ old: String, _ new: String) throws {
            let text = try String(contentsOf: profile, encoding: .utf8)
            try #require(text.contains(old), "the profile does not contain \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: profile, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String]) async throws -> EngageProcess.Outcome {
            try await EngageProcess.run(arguments, in: scratch.url)
        }

        func json(_ arguments: [String]) async throws -> [String: Any] {
            let outcome = try await run(arguments + ["--json"])
            return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any],
                                "\(outcome.standardError)")
        }

        /// `document#section` of every stale section.
        func staleSections() async throws -> Set<String> {
            let status = try await json(["status", "pack"])
            var result: Set<String> = []
            for document in status["documents"] as? [[String: Any]] ?? [] {
                for section in document["stale_sections"] as? [[String: Any]] ?? [] {
                    result.insert("\(document["kind"] as? String ?? "")#\(section["section_id"] as? String ?? "")")
                }
            }
            return result
        }

        /// `kind:severity:subject id` of every alert on `today`.
        func alerts(today: String = "2026-11-22") async throws -> Set<String> {
            let report = try await json(["alerts", "pack", "--today", today])
            return Set((report["alerts"] as? [[String: Any]] ?? []).map { alert in
                let subject = alert["subject"] as? [String: Any]
                return "\(alert["kind"] as? String ?? ""):\(alert["severity"] as? String ?? ""):\(subject?["id"] as? String ?? "-")"
            })
        }
    }

    @Test func aFreshPackIsCurrentAndRaisesNoAlert() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        #expect(try await workspace.staleSections().isEmpty)
        #expect(try await workspace.alerts().isEmpty)
        #expect(try await workspace.run(["status", "pack", "--exit-code"]).status == 0)
        #expect(try await workspace.run(["alerts", "pack", "--today", "2026-11-22", "--exit-code"]).status == 0)
    }

    struct Edit: Sendable, CustomTestStringConvertible {
        var label: String
        var old: String
        var new: String
        var stale: Set<String>
        var alert: String?
        var today: String = "2026-11-22"
        var testDescription: String { label }
    }

    static let edits: [Edit] = [
        Edit(label: "value reworded", old: "We buy local first.", new: "We buy from the county first.",
             stale: ["strategy#values"], alert: "values-drift:critical:val-local"),
        Edit(label: "value added", old: "</values>", new: "<value id=\"val-fair\"><statement>We pay fairly.</statement></value></values>",
             stale: ["strategy#values"], alert: "values-drift:critical:val-fair"),
        Edit(label: "mission changed", old: "Feed the county well.", new: "Feed the region well.",
             stale: [], alert: "values-drift:critical:-"),
        Edit(label: "target tightened", old: "target=\"95\"", new: "target=\"97\"",
             stale: ["strategy#expectations"], alert: "expectation-shift:warning:exp-otif"),
        Edit(label: "measurement missed", old: "value=\"93\"/>", new: "value=\"93\"/><measurement expectation=\"exp-otif\" date=\"2026-11-20\" value=\"85\"/>",
             stale: [], alert: "expectation-missed:critical:exp-otif"),
        // Measured quarterly, so not yet overdue (data-overdue has a test of its own).
        Edit(label: "expectation added", old: "</expectations>", new: "<expectation id=\"exp-nps\" stakeholder=\"sh-ceo\" unit=\"points\" target=\"50\" threshold=\"40\" direction=\"higher-is-better\" cadence=\"P3M\"><statement>Promoters.</statement><metric>NPS</metric></expectation></expectations>",
             stale: ["strategy#expectations"], alert: "scope-change:warning:exp-nps"),
        Edit(label: "touchpoint under threshold", old: "emotional=\"1\" objective=\"80\"><name>Quote", new: "emotional=\"-2\" objective=\"30\"><name>Quote",
             stale: [], alert: "journey-gap:warning:consideration"),
        Edit(label: "NPS fell", old: "detractors=\"10\"", new: "detractors=\"40\"",
             stale: [], alert: "loyalty-risk:warning:-"),
        // The buy-in section loops over stakeholders, so it read each one whole.
        // buy-in prints each stakeholder's name and engagement, not the sponsor flag.
        Edit(label: "sponsor removed", old: "sponsor=\"true\"", new: "sponsor=\"false\"",
             stale: [], alert: "buy-in-risk:critical:sh-ceo"),
        Edit(label: "engagement fell", old: "current-engagement=\"supportive\" desired-engagement=\"supportive\"", new: "current-engagement=\"resistant\" desired-engagement=\"supportive\"",
             stale: ["strategy#buy-in"], alert: "buy-in-risk:warning:sh-ops"),
        Edit(label: "preference changed", old: "channel=\"email\" frequency=\"P1W\"", new: "channel=\"phone\" frequency=\"P1W\"",
             stale: ["communication#preferences"], alert: "preference-update:info:pref-ceo"),
        Edit(label: "costs changed", old: "capex=\"100000\"", new: "capex=\"120000\"",
             stale: ["business-case#appraisal"], alert: "appraisal-change:warning:opt-fleet"),
        Edit(label: "costs changed so NPV turns negative", old: "capex=\"100000\"", new: "capex=\"900000\"",
             stale: ["business-case#appraisal"], alert: "appraisal-change:critical:opt-fleet"),
        Edit(label: "unrelated edit: a risk's mitigation", old: "Hedge fuel.", new: "Hedge fuel for a year.",
             stale: ["business-case#risks"], alert: nil),
        // impacts loops over the change impacts and prints only their group.
        Edit(label: "unrelated edit: a change impact's training need", old: "Van familiarisation.", new: "Van and route training.",
             stale: [], alert: nil),
    ]

    @Test(arguments: edits)
    func eachEditMakesExactlyItsReadersStaleAndRaisesItsAlert(_ edit: Edit) async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        try workspace.edit(edit.old, edit.new)
        #expect(try await workspace.staleSections() == edit.stale)
        let alerts = try await workspace.alerts(today: edit.today)
        if let expected = edit.alert {
            #expect(alerts.contains(expected), "\(alerts)")
            // Nothing else: the baseline profile raises no alert.
            #expect(alerts.count == 1, "\(alerts)")
        } else {
            #expect(alerts.isEmpty, "\(alerts)")
        }
    }

    @Test func cadenceBreachFollowsTheDate() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        #expect(try await workspace.alerts(today: "2026-11-22").isEmpty)
        // After the last review, none is scheduled.
        #expect(try await workspace.alerts(today: "2026-12-20").contains("cadence-breach:warning:-"))
    }

    @Test func dataOverdueFollowsTheExpectationsCadence() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        // Measured on 2026-10-31, monthly (the reviews' cadence): due by 2026-11-30.
        #expect(!(try await workspace.alerts(today: "2026-11-30")).contains("data-overdue:warning:exp-otif"))
        #expect(try await workspace.alerts(today: "2026-12-01").contains("data-overdue:warning:exp-otif"))
        // Its own cadence wins: measured quarterly, nothing is due before 2027-01-29.
        try workspace.edit(#"direction="higher-is-better"><statement>Deliveries"#, #"direction="higher-is-better" cadence="P3M"><statement>Deliveries"#)
        #expect(!(try await workspace.alerts(today: "2026-12-20")).contains("data-overdue:warning:exp-otif"))
        let report = try await workspace.run(["alerts", "pack", "--today", "2027-02-01"])
        #expect(report.standardOutput.contains("measured quarterly, but no measurement is recorded after 2026-10-31"), "\(report.standardOutput)")
    }

    @Test func statusNamesTheChangeAndTheReadInHumanOutput() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        try workspace.edit("We buy local first.", "We buy from the county first.")
        let outcome = try await workspace.run(["status", "pack", "--exit-code"])
        #expect(outcome.status == 1)
        // One line per profile change, with the documents and the count of sections it
        // makes stale; the sections and their causes in words under --verbose.
        #expect(outcome.standardOutput.contains(
            "  - value val-local statement changed: \"We buy local first.\" -> \"We buy from the county first.\": strategy, 1 section\n"),
            "\(outcome.standardOutput)")
        #expect(outcome.standardOutput.contains("strategy: stale (revision 1), 1 section stale"))
        #expect(!outcome.standardOutput.contains("section values"))
        #expect(outcome.standardOutput.contains("business-case: current (revision 1)"))
        let verbose = try await workspace.run(["status", "pack", "--verbose"])
        #expect(verbose.standardOutput.contains("  section values\n    - value val-local statement changed:"), "\(verbose.standardOutput)")
        #expect(!verbose.standardOutput.contains("/client/"), "causes are in words, not model paths")
    }

    @Test func alertsExitCodeIsOneForWarningsAndZeroForInfoOnly() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        try workspace.edit("channel=\"email\" frequency=\"P1W\"", "channel=\"phone\" frequency=\"P1W\"")
        #expect(try await workspace.run(["alerts", "pack", "--today", "2026-11-22", "--exit-code"]).status == 0)
        try workspace.edit("target=\"95\"", "target=\"97\"")
        #expect(try await workspace.run(["alerts", "pack", "--today", "2026-11-22", "--exit-code"]).status == 1)
        #expect(try await workspace.run(["alerts", "pack", "--today", "2026-11-22"]).status == 0)
    }

    @Test func regenerateTouchesOnlyTheStaleDocumentsAndClearsChangeAlerts() async throws {
        let workspace = try await Workspace()
        defer { workspace.scratch.remove() }
        let kinds = ["business-case", "strategy", "change-management", "communication"]
        func snapshot() throws -> [String: (Data, Date?)] {
            var files: [String: (Data, Date?)] = [:]
            for kind in kinds {
                for format in ["xhtml", "html", "md"] {
                    let url = workspace.pack.appendingPathComponent("\(kind).\(format)")
                    files["\(kind).\(format)"] = (
                        try Data(contentsOf: url),
                        try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
                }
            }
            return files
        }
        let before = try snapshot()
        try await Task.sleep(nanoseconds: 20_000_000)
        try workspace.edit("channel=\"email\" frequency=\"P1W\"", "channel=\"phone\" frequency=\"P1W\"")
        try workspace.edit("value=\"93\"/>", "value=\"93\"/><measurement expectation=\"exp-otif\" date=\"2026-11-20\" value=\"85\"/>")
        let outcome = try await workspace.run(["regenerate", "pack"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("communication: revision 1 -> 2"))
        let after = try snapshot()
        for (name, file) in after {
            if name.hasPrefix("communication.") {
                #expect(file.0 != before[name]?.0, "\(name) was not regenerated")
            } else {
                #expect(file.0 == before[name]?.0, "\(name) changed")
                #expect(file.1 == before[name]?.1, "\(name) was rewritten")
            }
        }
        let log = try await workspace.json(["log", "pack"])
        let latest = Dictionary(
            ((log["revisions"] as? [[String: Any]]) ?? []).map { ($0["kind"] as? String ?? "", $0["number"] as? Int ?? 0) },
            uniquingKeysWith: max)
        #expect(latest == ["business-case": 1, "strategy": 1, "change-management": 1, "communication": 2])
        #expect(try await workspace.staleSections().isEmpty)
        // The preference change is absorbed; the missed expectation is the client's present state and stays.
        #expect(try await workspace.alerts() == ["expectation-missed:critical:exp-otif"])
        let again = try await workspace.run(["regenerate", "pack"])
        #expect(again.standardError.contains("nothing to regenerate") && again.standardOutput.isEmpty)
    }
}
