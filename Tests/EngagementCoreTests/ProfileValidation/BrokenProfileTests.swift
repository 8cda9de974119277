import EngagementCore
import Foundation
import Testing
import XMLSupport

private typealias Edit = ProfileFixtures.Edit
private typealias Expected = ProfileFixtures.ExpectedDiagnostic

/// One way to break the minimal profile and the diagnostics it must produce, in order.
struct BrokenProfileCase: Sendable, CustomTestStringConvertible {
    var name: String
    fileprivate var edits: [Edit]
    fileprivate var expected: [Expected]

    var testDescription: String { name }

    fileprivate init(_ name: String, _ edits: [Edit], _ expected: [Expected]) {
        self.name = name
        self.edits = edits
        self.expected = expected
    }
}

/// Lines inserted after `</journey>` start at line 47.
private let measurementLines = """
      <measurements>
        <measurement expectation="exp-uptime" date="2026-05-01" value="97"/>
      </measurements>
    """

private let reviewLines = """
      <reviews cadence="P1M">
        <kick-off date="2026-09-01"/>
        <review id="rev-one" date="2026-10-01">First review.</review>
        <review id="rev-two" date="2026-11-01">Second review.</review>
      </reviews>
    """

private let loyaltyLines = """
      <loyalty from="2026-05-01" to="2026-10-31">
        <nps promoters="10" passives="5" detractors="2"/>
      </loyalty>
    """

private let segmentLines = """
      <segments>
        <segment id="seg-retail" revenue-share="60"><name>Retail</name></segment>
        <segment id="seg-trade" revenue-share="45.5"><name>Trade</name></segment>
      </segments>
    """

private let goalLines = """
      <goals>
        <goal id="goal-growth" owner="sh-ceo" serves="val-qualty"><statement>Grow the business.</statement></goal>
      </goals>
    """

extension BrokenProfileCase {
    static let all: [BrokenProfileCase] = wellFormednessAndSchema + references + journey + expectations + otherRules

    static let wellFormednessAndSchema: [BrokenProfileCase] = [
        .init(
            "malformed XML: mismatched end tag",
            [.replace("<name>Acme Tools</name>", with: "<name>Acme Tools</nam>")],
            [.error(4, 27, "Opening and ending tag mismatch: name line 4 and nam", "Close every element with an end tag")]),
        .init(
            "wrong type: influence=\"high\"",
            [.replace("influence=\"5\"", with: "influence=\"high\"")],
            [.error(14, 5, "Element <stakeholder>, attribute 'influence': 'high' is not a valid value")]),
        .init(
            "out of range: emotional=\"3\"",
            [.replace("emotional=\"2\"", with: "emotional=\"3\"")],
            [.error(44, 7, "attribute 'emotional': the value '3' is greater than the maximum value allowed ('2')", "Use a value inside the allowed range.")]),
        .init(
            "out of range: emotional=\"-3\"",
            [.replace("emotional=\"-1\"", with: "emotional=\"-3\"")],
            [.error(40, 7, "attribute 'emotional': the value '-3' is less than the minimum value allowed ('-2')")]),
        .init(
            "out of range: objective=\"140\"",
            [.replace("objective=\"90\"", with: "objective=\"140\"")],
            [.error(44, 7, "attribute 'objective': the value '140' is greater than the maximum value allowed ('100')")]),
        .init(
            "out of range: influence=\"7\"",
            [.replace("influence=\"5\"", with: "influence=\"7\"")],
            [.error(14, 5, "attribute 'influence': the value '7' is greater than the maximum value allowed ('5')")]),
        .init(
            "missing required element: no <mission>",
            [.remove("  <mission>Make tools that last.</mission>\n")],
            [.error(7, 3, "Element <values>: this element is not expected here. Expected is ( mission ).")]),
        .init(
            "missing required element: identity without currency",
            [.remove("    <currency>EUR</currency>\n")],
            [.error(3, 3, "Element <identity>: Missing child element(s).", "currency")]),
        .init(
            "missing required attribute: expectation without target",
            [.remove(" target=\"99\"")],
            [.error(20, 5, "Element <expectation>", "attribute 'target' is required but missing", "Add the attribute")]),
        .init(
            "bad enumeration: direction=\"up\"",
            [.replace("direction=\"higher-is-better\"", with: "direction=\"up\"")],
            [.error(20, 5, "attribute 'direction': the value 'up' is not an element of the set {'higher-is-better', 'lower-is-better'}", "Use one of the listed values.")]),
        .init(
            "bad date: due=\"2026-02-30\" (February has no 30th)",
            [.replace("direction=\"higher-is-better\"", with: "direction=\"higher-is-better\" due=\"2026-02-30\"")],
            [.error(20, 5, "attribute 'due': '2026-02-30' is not a valid value of the atomic type 'Date'", "YYYY-MM-DD")]),
        .init(
            "bad date: due=\"2026-13-01\" (no 13th month)",
            [.replace("direction=\"higher-is-better\"", with: "direction=\"higher-is-better\" due=\"2026-13-01\"")],
            [.error(20, 5, "attribute 'due': '2026-13-01' is not a valid value of the atomic type 'Date'")]),
        .init(
            "bad dates: loyalty from=\"2026-02-30\" to=\"2026-13-01\"",
            [.afterJourney(loyaltyLines.replacingOccurrences(of: "from=\"2026-05-01\" to=\"2026-10-31\"", with: "from=\"2026-02-30\" to=\"2026-13-01\""))],
            [
                .error(47, 3, "Element <loyalty>, attribute 'from': '2026-02-30' is not a valid value"),
                .error(47, 3, "Element <loyalty>, attribute 'to': '2026-13-01' is not a valid value"),
            ]),
        .init(
            "date with a time zone",
            [.replace("direction=\"higher-is-better\"", with: "direction=\"higher-is-better\" due=\"2026-03-01+02:00\"")],
            [.error(20, 5, "attribute 'due': the value '2026-03-01+02:00' is not accepted by the pattern", "without a time zone")]),
        .init(
            "wrong root element",
            [
                .replace("<client id=\"acme\" schema-version=\"1\">", with: "<customer id=\"acme\" schema-version=\"1\">"),
                .replace("</client>", with: "</customer>"),
            ],
            [.error(2, 1, "Element <customer>: No matching global declaration available for the validation root.")]),
        .init(
            "schema-version=\"2\"",
            [.replace("schema-version=\"1\"", with: "schema-version=\"2\"")],
            [.error(2, 1, "Element <client>, attribute 'schema-version': the value '2' is not an element of the set {'1'}")]),
    ]

    static let references: [BrokenProfileCase] = [
        .init(
            "dangling reference: expectation stakeholder",
            [.replace("stakeholder=\"sh-ceo\" unit", with: "stakeholder=\"sh-ce\" unit")],
            [.error(20, 5, "<expectation> 'exp-uptime' refers in 'stakeholder' to stakeholder 'sh-ce', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "dangling reference: touchpoint owner",
            [.replace("owner=\"sh-ceo\" emotional=\"0\" objective=\"60\"", with: "owner=\"sh-cfo\" emotional=\"0\" objective=\"60\"")],
            [.error(32, 7, "<touchpoint> 'tp-demo' refers in 'owner' to stakeholder 'sh-cfo', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "dangling reference without a close match lists the known ids",
            [.replace("owner=\"sh-ceo\" emotional=\"0\" objective=\"60\"", with: "owner=\"finance-director\" emotional=\"0\" objective=\"60\"")],
            [.error(32, 7, "to stakeholder 'finance-director', which is not defined.", "Use the id of a <stakeholder> in <stakeholders> ('sh-ceo').")]),
        .init(
            "dangling reference: goal serves value",
            [.insert(lines: goalLines, before: "  <expectations>")],
            [.error(20, 5, "<goal> 'goal-growth' refers in 'serves' to value 'val-qualty', which is not defined.", "did you mean 'val-quality'?")]),
        .init(
            "dangling reference: expectation goal with no goals at all",
            [.replace("stakeholder=\"sh-ceo\" unit", with: "stakeholder=\"sh-ceo\" goal=\"goal-growth\" unit")],
            [.error(20, 5, "refers in 'goal' to goal 'goal-growth', which is not defined.", "Define the goal in <goals> first.")]),
        .init(
            "dangling reference: measurement expectation",
            [.afterJourney(measurementLines.replacingOccurrences(of: "expectation=\"exp-uptime\"", with: "expectation=\"exp-uptim\""))],
            [.error(48, 5, "<measurement> refers in 'expectation' to expectation 'exp-uptim', which is not defined.", "did you mean 'exp-uptime'?")]),
        .init(
            "dangling reference: touchpoint serves expectation",
            [.replace("serves=\"exp-uptime\"", with: "serves=\"exp-uptme\"")],
            [.error(28, 7, "<touchpoint> 'tp-website' refers in 'serves' to expectation 'exp-uptme', which is not defined.", "did you mean 'exp-uptime'?")]),
        .init(
            "dangling reference: risk owner",
            [.afterJourney("""
                  <risks>
                    <risk id="risk-delay" category="operational" likelihood="3" impact="4" owner="sh-coo"><description>Delay.</description><mitigation>Plan early.</mitigation></risk>
                  </risks>
                """)],
            [.error(48, 5, "<risk> 'risk-delay' refers in 'owner' to stakeholder 'sh-coo', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "dangling reference: a stakeholder's reports-to",
            [.replace("desired-engagement=\"supportive\" sponsor=\"true\">", with: "desired-engagement=\"supportive\" sponsor=\"true\" reports-to=\"sh-cee\">")],
            [.error(14, 5, "<stakeholder> 'sh-ceo' refers in 'reports-to' to stakeholder 'sh-cee', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "a stakeholder who reports to itself",
            [.replace("desired-engagement=\"supportive\" sponsor=\"true\">", with: "desired-engagement=\"supportive\" sponsor=\"true\" reports-to=\"sh-ceo\">")],
            [.error(14, 5, "<stakeholder> 'sh-ceo' reports to itself.", "Set reports-to to the id of the person they answer to, or leave it out.")]),
        .init(
            "a client-side stakeholder who reports to the provider",
            [.replace("desired-engagement=\"supportive\" sponsor=\"true\">", with: "desired-engagement=\"supportive\" sponsor=\"true\" reports-to=\"sh-partner\">"),
             .replace("  </stakeholders>", with: "    <stakeholder id=\"sh-partner\" side=\"provider\" level=\"executive\" influence=\"3\" interest=\"3\" current-engagement=\"leading\" desired-engagement=\"leading\"><name>P</name><role>Partner</role></stakeholder>\n  </stakeholders>")],
            [.error(14, 5, "<stakeholder> 'sh-ceo' is on the client side but reports to 'sh-partner', who is not.", "Name a leader at the client in reports-to: the client's leaders speak to their own people.")]),
        .init(
            "dangling reference: one unknown name in a RACI list",
            [.afterJourney("""
                  <raci>
                    <activity id="act-plan" responsible="sh-ceo" accountable="sh-ceo" informed="sh-ceo board">Planning</activity>
                  </raci>
                """)],
            [.error(48, 5, "<activity> 'act-plan' refers in 'informed' to stakeholder 'board', which is not defined.", "('sh-ceo')")]),
        .init(
            "dangling reference: escalation step stakeholder",
            [.afterJourney("""
                  <communication>
                    <preference id="pref-ceo" stakeholder="sh-ceo" channel="email" frequency="P7D" format="note"/>
                    <escalation>
                      <step stakeholder="sh-cto" within="P3D">Escalate to the CTO.</step>
                    </escalation>
                  </communication>
                """)],
            [.error(50, 7, "<step> refers in 'stakeholder' to stakeholder 'sh-cto', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "duplicate id names the line of the first",
            [.replace("id=\"tp-demo\"", with: "id=\"val-quality\"")],
            [.error(32, 7, "The id 'val-quality' is already used by the <value> at line 9.")]),
    ]

    static let journey: [BrokenProfileCase] = [
        .init(
            "missing journey stage",
            [.remove("""
                    <stage name="retention">
                      <goal>Be kept.</goal>
                      <touchpoint id="tp-support" channel="phone" owner="sh-ceo" emotional="-1" objective="40"><name>Support</name></touchpoint>
                    </stage>

                """)],
            [.error(25, 3, "The journey lacks the stage 'retention'.", "Describe all five stages")]),
        .init(
            "stages out of order",
            [
                .replace("<stage name=\"consideration\">", with: "<stage name=\"SWAP\">"),
                .replace("<stage name=\"conversion\">", with: "<stage name=\"consideration\">"),
                .replace("<stage name=\"SWAP\">", with: "<stage name=\"conversion\">"),
            ],
            [.error(34, 5, "The journey stage 'consideration' comes after 'conversion'.", "Order the stages")]),
        .init(
            "duplicate stage (and so a missing one)",
            [.replace("<stage name=\"retention\">", with: "<stage name=\"conversion\">")],
            [
                .error(25, 3, "The journey lacks the stage 'retention'."),
                .error(38, 5, "The journey stage 'conversion' appears twice (first at line 34).", "Merge the touchpoints"),
            ]),
    ]

    static let expectations: [BrokenProfileCase] = [
        .init(
            "milestone on the due date, and two milestones on one date",
            [
                .replace("direction=\"higher-is-better\">", with: "direction=\"higher-is-better\" due=\"2027-06-30\">"),
                .replace(
                    "<metric>Share of hours in service</metric>",
                    with: "<metric>Share of hours in service</metric><milestone date=\"2027-06-30\" value=\"98\"/><milestone date=\"2027-06-30\" value=\"97\"/>"),
            ],
            [
                .error(22, 49, "The milestone of expectation 'exp-uptime' on 2027-06-30 is not before its due date, 2027-06-30."),
                .error(22, 90, "Expectation 'exp-uptime' has two milestones on 2027-06-30."),
                .error(22, 90, "The milestone of expectation 'exp-uptime' on 2027-06-30 is not before its due date, 2027-06-30."),
            ]),
        .init(
            "threshold above target when higher is better",
            [.replace("threshold=\"95\"", with: "threshold=\"99.5\"")],
            [.error(20, 5, "Expectation 'exp-uptime' has threshold 99.5 above its target 99, but higher is better.")]),
        .init(
            "threshold below target when lower is better",
            [.replace("direction=\"higher-is-better\"", with: "direction=\"lower-is-better\"")],
            [.error(20, 5, "Expectation 'exp-uptime' has threshold 95 below its target 99, but lower is better.")]),
        .init(
            "percent target out of 0..100",
            [.replace("target=\"99\"", with: "target=\"120\"")],
            [.error(20, 5, "Expectation 'exp-uptime' is in percent, but its target is 120.", "Write a percentage from 0 to 100.")]),
        .init(
            "percent baseline out of 0..100",
            [.replace("target=\"99\"", with: "baseline=\"-5\" target=\"99\"")],
            [.error(20, 5, "Expectation 'exp-uptime' is in percent, but its baseline is -5.")]),
        .init(
            "two measurements of one expectation on one date",
            [.afterJourney(measurementLines.replacingOccurrences(
                of: "</measurements>", with: "  <measurement expectation=\"exp-uptime\" date=\"2026-05-01\" value=\"98\"/>\n  </measurements>"))],
            [.error(49, 5, "Expectation 'exp-uptime' already has a measurement on 2026-05-01 at line 48.",
                    "Keep one measurement per expectation and date")]),
        .init(
            "percent measurement out of 0..100",
            [.afterJourney(measurementLines.replacingOccurrences(of: "value=\"97\"", with: "value=\"101.5\""))],
            [.error(48, 5, "The measurement of 'exp-uptime' is 101.5, but that expectation is in percent.")]),
    ]

    static let otherRules: [BrokenProfileCase] = [
        .init(
            "document metadata: a recipient who is not a stakeholder",
            [.afterJourney("""
                  <documents>
                    <document kind="strategy" author="Jo Park" status="for-review" date="2026-11-20">
                      <recipient ref="sh-cee"/>
                    </document>
                  </documents>
                """)],
            [.error(49, 7, "<recipient> refers in 'ref' to stakeholder 'sh-cee', which is not defined.", "did you mean 'sh-ceo'?")]),
        .init(
            "document metadata: one kind twice, one recipient twice",
            [.afterJourney("""
                  <documents>
                    <document kind="strategy" status="draft"/>
                    <document kind="strategy" status="final">
                      <recipient ref="sh-ceo"/>
                      <recipient ref="sh-ceo"/>
                    </document>
                  </documents>
                """)],
            [
                .error(49, 5, "The <document> of kind 'strategy' is given twice.", "Merge the two entries"),
                .error(51, 7, "'sh-ceo' is on the distribution list of the strategy twice."),
            ]),
        .init(
            "document metadata: a status and a date the schema does not know",
            [.afterJourney("""
                  <documents>
                    <document kind="strategy" status="approved" date="2026-11-31"/>
                  </documents>
                """)],
            [
                .error(48, 5, "attribute 'date': '2026-11-31' is not a valid value", "Write a date as YYYY-MM-DD"),
                .error(48, 5, "attribute 'status': the value 'approved' is not an element of the set {'draft', 'for-review', 'final'}"),
            ]),
        .init(
            "segment shares over 100",
            [.insert(lines: segmentLines, before: "  <journey>")],
            [.error(25, 3, "The segments' revenue shares add up to 105.5%, more than 100%.")]),
        .init(
            "options without appraisal",
            [.afterJourney(ProfileFixtures.appraisalAndOptions), .remove("  <appraisal discount-rate=\"3.5\" horizon=\"3\" optimism-bias=\"20\"/>\n")],
            [.error(47, 3, "The profile has options but no <appraisal>, so they cannot be compared.")]),
        .init(
            "two recommended options",
            [
                .afterJourney(ProfileFixtures.appraisalAndOptions),
                .replace("kind=\"do-nothing\"", with: "kind=\"do-nothing\" recommended=\"true\""),
            ],
            [.error(54, 5, "More than one option is recommended.", "(the first is at line 49)")]),
        .init(
            "no recommended option",
            [.afterJourney(ProfileFixtures.appraisalAndOptions), .remove(" recommended=\"true\"")],
            [.error(48, 3, "No option is recommended.")]),
        .init(
            "year beyond the appraisal horizon",
            [.afterJourney(ProfileFixtures.appraisalAndOptions), .replace("<year n=\"1\"", with: "<year n=\"4\"")],
            [.error(58, 7, "Year 4 of option 'opt-portal' lies beyond the appraisal horizon of 3 years.")]),
        .init(
            "incremental basis with a do-nothing option that has flows",
            [
                .afterJourney(ProfileFixtures.appraisalAndOptions),
                .replace("optimism-bias=\"20\"/>", with: "optimism-bias=\"20\" basis=\"incremental\"/>"),
            ],
            [.error(49, 5, "The appraisal's basis is incremental, but the do-nothing option 'opt-nothing' has flows of its own.", "set basis=\"absolute\"")]),
        .init(
            "year given twice",
            [.afterJourney(ProfileFixtures.appraisalAndOptions), .replace("<year n=\"1\"", with: "<year n=\"0\"")],
            [.error(58, 7, "Year 0 of option 'opt-portal' is given twice.")]),
        .init(
            "review before kick-off",
            [.afterJourney(reviewLines.replacingOccurrences(of: "date=\"2026-10-01\"", with: "date=\"2026-08-15\""))],
            [.error(49, 5, "Review 'rev-one' on 2026-08-15 is not after the kick-off on 2026-09-01.")]),
        .init(
            "review on the kick-off day",
            [.afterJourney(reviewLines.replacingOccurrences(of: "date=\"2026-10-01\"", with: "date=\"2026-09-01\""))],
            [.error(49, 5, "Review 'rev-one' on 2026-09-01 is not after the kick-off on 2026-09-01.")]),
        .init(
            "reviews out of date order",
            [.afterJourney(reviewLines.replacingOccurrences(of: "date=\"2026-11-01\"", with: "date=\"2026-09-20\""))],
            [.error(50, 5, "Review 'rev-two' on 2026-09-20 comes before the review listed above it (2026-10-01).")]),
        .init(
            "loyalty from after to",
            [.afterJourney(loyaltyLines.replacingOccurrences(of: "from=\"2026-05-01\" to=\"2026-10-31\"", with: "from=\"2026-10-31\" to=\"2026-05-01\""))],
            [.error(47, 3, "The loyalty period ends (2026-05-01) before it starts (2026-10-31).")]),
        .init(
            "NPS survey without answers",
            [.afterJourney(loyaltyLines.replacingOccurrences(of: "promoters=\"10\" passives=\"5\" detractors=\"2\"", with: "promoters=\"0\" passives=\"0\" detractors=\"0\""))],
            [.error(48, 5, "The NPS survey has no answers.")]),
        .init(
            "several problems at once, in line order",
            [
                .remove(" sponsor=\"true\""),
                .replace("influence=\"5\"", with: "influence=\"high\""),
                .replace("stakeholder=\"sh-ceo\" unit", with: "stakeholder=\"sh-cfo\" unit"),
                .replace("threshold=\"95\"", with: "threshold=\"99.5\""),
                .replace("id=\"tp-demo\"", with: "id=\"tp-website\""),
                .replace("objective=\"90\"", with: "objective=\"140\""),
            ],
            [
                .warning(13, 3, "No stakeholder is marked as sponsor."),
                .error(14, 5, "attribute 'influence': 'high' is not a valid value"),
                .error(20, 5, "refers in 'stakeholder' to stakeholder 'sh-cfo'", "did you mean 'sh-ceo'?"),
                .error(20, 5, "has threshold 99.5 above its target 99"),
                .error(32, 7, "The id 'tp-website' is already used by the <touchpoint> at line 28."),
                .error(44, 7, "attribute 'objective': the value '140' is greater than the maximum value allowed ('100')"),
            ]),
    ]
}

@Suite("Broken profiles")
struct BrokenProfileTests {
    @Test("The minimal profile the cases start from is valid")
    func minimalProfileIsValid() throws {
        let result = ProfileFixtures.load(ProfileFixtures.minimal)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        #expect(result.isValid)
        #expect(result.profile?.id == "acme")
    }

    @Test("The appraisal and options block is valid on its own")
    func minimalProfileWithOptionsIsValid() throws {
        let text = try ProfileFixtures.minimal([.afterJourney(ProfileFixtures.appraisalAndOptions)])
        let result = ProfileFixtures.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let profile = try #require(result.profile)
        #expect(profile.options.map(\.id) == ["opt-nothing", "opt-portal"])
    }

    @Test("Each broken profile is invalid and reports exactly its problems", arguments: BrokenProfileCase.all)
    func reportsExactlyTheExpectedDiagnostics(_ brokenCase: BrokenProfileCase) throws {
        let text = try ProfileFixtures.minimal(brokenCase.edits)
        let result = ProfileFixtures.load(text, fileName: "broken.xml")
        #expect(!result.isValid)
        #expect(result.profile == nil)
        #expect(result.diagnostics.allSatisfy { $0.file == "broken.xml" })
        Expected.check(result.diagnostics, against: brokenCase.expected)
    }

    @Test("Several problems of one file are all reported, schema and rule findings together, in line order")
    func reportsEveryProblemOfAFileInLineOrder() throws {
        let several = try #require(BrokenProfileCase.all.first { $0.name.hasPrefix("several problems") })
        let result = ProfileFixtures.load(try ProfileFixtures.minimal(several.edits))
        let positions = result.diagnostics.map(\.position)
        #expect(positions == positions.sorted())
        #expect(Set(result.diagnostics.map(\.line)) == [13, 14, 20, 32, 44])
        #expect(result.diagnostics.filter { $0.severity == .error }.count == 5)
    }

    @Test("A profile without a sponsor gets a warning but stays valid")
    func missingSponsorIsAWarningOnly() throws {
        let text = try ProfileFixtures.minimal([.remove(" sponsor=\"true\"")])
        let result = ProfileFixtures.load(text)
        #expect(result.isValid)
        let profile = try #require(result.profile)
        #expect(profile.stakeholders.map(\.isSponsor) == [false])
        Expected.check(
            result.diagnostics,
            against: [.warning(13, 3, "No stakeholder is marked as sponsor.", "sponsor=\"true\"")])
        #expect(!result.diagnostics.containsErrors)
    }

    @Test("sponsor=\"1\" counts as a sponsor")
    func sponsorWrittenAsOneCounts() throws {
        let text = try ProfileFixtures.minimal([.replace("sponsor=\"true\"", with: "sponsor=\"1\"")])
        let result = ProfileFixtures.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        #expect(result.profile?.stakeholders.first?.isSponsor == true)
    }

    @Test("Thresholds equal to the target are accepted in both directions", arguments: ["higher-is-better", "lower-is-better"])
    func thresholdEqualToTargetIsAccepted(direction: String) throws {
        let text = try ProfileFixtures.minimal([
            .replace("threshold=\"95\"", with: "threshold=\"99\""),
            .replace("direction=\"higher-is-better\"", with: "direction=\"\(direction)\""),
        ])
        let result = ProfileFixtures.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        #expect(result.isValid)
    }

    @Test("Segment shares adding up to exactly 100 are accepted")
    func segmentSharesOfExactlyOneHundredAreAccepted() throws {
        let text = try ProfileFixtures.minimal([
            .insert(lines: segmentLines.replacingOccurrences(of: "45.5", with: "40"), before: "  <journey>")
        ])
        let result = ProfileFixtures.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        #expect(result.profile?.segments.map(\.revenueShare) == [60, 40])
    }

    @Test("Nesting deeper than 32 levels is refused at the start tag that crosses the limit")
    func deepNestingIsRefused() throws {
        let deep = "<name>" + String(repeating: "<b>", count: 40) + "x" + String(repeating: "</b>", count: 40) + "</name>"
        let text = try ProfileFixtures.minimal([.replace("<name>Acme Tools</name>", with: deep)])
        let result = ProfileFixtures.load(text)
        #expect(result.profile == nil)
        // <name> is at depth 3 and column 5; the 30th <b> (depth 33) starts at column 11 + 29 * 3.
        Expected.check(result.diagnostics, against: [.error(4, 98, "Elements are nested 33 levels deep here, more than the limit of 32.")])
    }

    @Test("A profile over 8 MiB is refused without being parsed")
    func oversizedProfileIsRefused() throws {
        let padding = "<!--" + String(repeating: "x", count: 9 << 20) + "-->\n"
        let text = try ProfileFixtures.minimal([.insert(lines: padding, before: "  <mission>")])
        let result = ProfileFixtures.load(text)
        #expect(result.profile == nil)
        Expected.check(result.diagnostics, against: [.error(1, 1, "The file is 9", "more than the limit of 8 MiB.")])
    }

    @Test("A file that does not exist is one diagnostic, not a crash")
    func missingFileIsReported() {
        let result = ProfileLoader.load(fileAt: "/nonexistent/folder/profile.xml", displayName: "profile.xml")
        #expect(!result.isValid)
        Expected.check(result.diagnostics, against: [.error(1, 1, "The file does not exist.")])
        #expect(result.diagnostics.first?.file == "profile.xml")
    }

    @Test("A DOCTYPE is refused before any entity is read")
    func doctypeIsRefused() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE client [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <client id="acme" schema-version="1"><identity><name>&xxe;</name></identity></client>
            """
        let result = ProfileFixtures.load(text)
        #expect(result.profile == nil)
        Expected.check(result.diagnostics, against: [.error(2, 1, "DOCTYPE declarations are not allowed")])
        #expect(!result.diagnostics.contains { $0.message.contains("root:") })
    }

    // MARK: - Bugs found in Sources

    @Test("A missing child element's fix says to add it, not to remove something")
    func missingChildElementFixSaysToAddIt() throws {
        let result = ProfileFixtures.load(try ProfileFixtures.minimal([.remove("    <currency>EUR</currency>\n")]))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.contains("Missing child element(s)"), "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains("Add the missing element"), "\(diagnostic.formatted)")
        #expect(!diagnostic.message.contains("Remove the text or elements"), "\(diagnostic.formatted)")
    }

    @Test(
        "A missing required element reported at the element after it still says to add it",
        )
    func missingMissionFixSaysToAddIt() throws {
        let result = ProfileFixtures.load(try ProfileFixtures.minimal([.remove("  <mission>Make tools that last.</mission>\n")]))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.contains("Expected is ( mission )"), "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains("Add "), "\(diagnostic.formatted)")
        #expect(!diagnostic.message.contains("Remove the text or elements"), "\(diagnostic.formatted)")
        #expect(!diagnostic.message.contains("check its spelling"), "\(diagnostic.formatted)")
    }

    @Test("Documents named in fixes exist in the repository")
    func fixesNameExistingDocuments() throws {
        let root = try #require(ProfileFixtures.repositoryRoot())
        // Child elements inside a text-only element reach the default fix.
        let text = try ProfileFixtures.minimal([.replace("<name>Acme Tools</name>", with: "<name><b>Acme</b> Tools</name>")])
        let result = ProfileFixtures.load(text)
        let documents = result.diagnostics.flatMap { diagnostic in
            diagnostic.message.split(separator: " ").filter { $0.hasPrefix("docs/") }
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:)")) }
        }
        #expect(!documents.isEmpty, "\(result.diagnostics.map(\.formatted))")
        for document in documents {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(document).path), "\(document) is missing")
        }
    }

    @Test(
        "A value the schema accepts but the model cannot hold is reported as the user's error",
        arguments: [
            (Edit.replace("direction=\"higher-is-better\"", with: "direction=\"higher-is-better\" due=\"12026-01-01\""), 20, 5, "12026-01-01"),
            (Edit.afterJourney("  <appraisal discount-rate=\"3.5\" horizon=\"3\" optimism-bias=\"20\" base-year=\"2026Z\"/>"), 47, 3, "2026Z"),
            (Edit.replace("objective=\"90\"", with: "objective=\"90\" responses=\"99999999999999999999999\""), 44, 7, "99999999999999999999999"),
        ])
    func valueBeyondTheModelIsAUserError(edit: ProfileFixtures.Edit, line: Int, column: Int, value: String) throws {
        let result = ProfileFixtures.load(try ProfileFixtures.minimal([edit]))
        #expect(!result.isValid)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.line == line && diagnostic.column == column, "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains(value), "\(diagnostic.formatted)")
        #expect(!diagnostic.message.contains("Please report this"), "\(diagnostic.formatted)")
    }

    @Test(
        "The percent range applies when the unit is written with spaces around %",
        )
    func percentRangeAppliesToAUnitWithSpaces() throws {
        let text = try ProfileFixtures.minimal([
            .replace("unit=\"%\"", with: "unit=\" % \""), .replace("target=\"99\"", with: "target=\"120\""),
        ])
        let result = ProfileFixtures.load(text)
        #expect(!result.isValid)
        Expected.check(result.diagnostics, against: [.error(20, 5, "is in percent, but its target is 120")])
    }

    @Test(
        "An NPS survey of zero answers is refused when a count is written with spaces",
        )
    func zeroAnswersWithSpacesAreRefused() throws {
        let text = try ProfileFixtures.minimal([
            .afterJourney(loyaltyLines.replacingOccurrences(of: "promoters=\"10\" passives=\"5\" detractors=\"2\"", with: "promoters=\" 0\" passives=\"0\" detractors=\"0\""))
        ])
        let result = ProfileFixtures.load(text)
        #expect(!result.isValid)
        Expected.check(result.diagnostics, against: [.error(48, 5, "The NPS survey has no answers.")])
    }

    @Test("A profile saved as UTF-16 reads like its UTF-8 original, with the same positions")
    func utf16ProfileReadsLikeUTF8() throws {
        func utf16(_ text: String) -> [UInt8] {
            let declared = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
            var bytes: [UInt8] = [0xFF, 0xFE]  // UTF-16 little endian byte order mark
            for unit in declared.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return bytes
        }
        let valid = ProfileLoader.load(bytes: utf16(ProfileFixtures.minimal), fileName: "utf16.xml")
        #expect(valid.diagnostics.isEmpty, "\(valid.diagnostics.map(\.formatted))")
        let original = try #require(ProfileFixtures.load(ProfileFixtures.minimal).profile)
        #expect(valid.profile == original)

        let broken = try ProfileFixtures.minimal([
            .replace("influence=\"5\"", with: "influence=\"7\""), .replace("serves=\"exp-uptime\"", with: "serves=\"exp-uptme\""),
        ])
        let result = ProfileLoader.load(bytes: utf16(broken), fileName: "utf16.xml")
        Expected.check(
            result.diagnostics,
            against: [
                .error(14, 5, "attribute 'influence': the value '7' is greater than the maximum value allowed ('5')"),
                .error(28, 7, "refers in 'serves' to expectation 'exp-uptme'"),
            ])
    }

    @Test("Bytes that are not UTF-8 in a UTF-8 profile are refused at their position")
    func invalidUTF8IsRefusedAtItsPosition() throws {
        var bytes = Array(ProfileFixtures.minimal.utf8)
        let name = Array("<name>Acm".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: name) })
        bytes[start + name.count] = 0xE9  // Latin-1 e acute in place of the 'e' of "Acme"
        let result = ProfileLoader.load(bytes: bytes, fileName: "latin1.xml")
        #expect(!result.isValid)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.line == 4 && diagnostic.column == 14, "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains("UTF-8"), "\(diagnostic.formatted)")
    }

    @Test(
        "Every diagnostic fits on one line",
        )
    func diagnosticsHaveNoLineBreaks() throws {
        var bytes = Array(ProfileFixtures.minimal.utf8)
        let name = Array("<name>Acm".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: name) })
        bytes[start + name.count] = 0xE9
        let result = ProfileLoader.load(bytes: bytes, fileName: "latin1.xml")
        #expect(!result.diagnostics.isEmpty)
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.formatted.contains("\n"), "\(diagnostic.formatted.debugDescription)")
        }
    }
}
