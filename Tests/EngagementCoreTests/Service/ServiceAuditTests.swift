import EngagementCore
import Foundation
import Testing
import XMLSupport

/// The service standard's rules (DESIGN section 13), each met and breached by a minimal
/// relationship log, and the consistency scores against figures worked out by hand.
@Suite("Service audit")
struct ServiceAuditTests {
    /// One rule of each timing, with words short enough to read in the expectations.
    static let firm = """
        <firm id="test-firm" schema-version="1">
          <identity><name>Test Firm</name></identity>
          <service-standard>
            <touchpoint kind="kick-off" firm="account-manager" client="sponsor">Kick-off meeting</touchpoint>
            <touchpoint kind="client-form">Client form</touchpoint>
            <touchpoint kind="communication-preferences">Ways of communicating</touchpoint>
            <touchpoint kind="summary">Summary</touchpoint>
            <touchpoint kind="feedback-request">Feedback request</touchpoint>
            <touchpoint kind="visit">Visit</touchpoint>
            <touchpoint kind="review">Review</touchpoint>
            <touchpoint kind="progress-update">Progress update</touchpoint>
            <touchpoint kind="relationship-survey">Relationship survey</touchpoint>
            <stage name="discovery">
              <rule id="r-kickoff" touchpoint="kick-off" within="P14D" of="start">A kick-off within two weeks.</rule>
              <rule id="r-form" touchpoint="client-form" before="kick-off">The form before the kick-off.</rule>
              <rule id="r-comms" touchpoint="communication-preferences" at="kick-off">Ways agreed at the kick-off.</rule>
              <rule id="r-summary" touchpoint="summary" within="P2D" after="significant-meeting">A summary within two days.</rule>
              <rule id="r-feedback" touchpoint="feedback-request" at="stage-end" within="P7D">Feedback at each stage's end.</rule>
              <rule id="r-visit" touchpoint="visit" checklist="agenda refreshments" first-visit="tour">The visit format.</rule>
            </stage>
            <stage name="conversion">
              <rule id="r-review" touchpoint="review" every="P1M">A review every month.</rule>
              <rule id="r-progress" touchpoint="progress-update" every="P14D" in-stages-over="P2M">Updates in long stages.</rule>
            </stage>
            <stage name="retention">
              <rule id="r-survey" touchpoint="relationship-survey" every="P6M">A survey every six months.</rule>
            </stage>
          </service-standard>
        </firm>
        """

    static func standard(_ text: String = firm) throws -> ServiceStandard {
        let result = FirmLoader.load(bytes: Array(text.utf8), fileName: "firm.xml", folder: FileManager.default.temporaryDirectory, embeddingFiles: false)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        return try #require(result.firm?.serviceStandard)
    }

    /// The minimal profile with an account manager (Sam Ash) and a client manager, and
    /// `log` as its relationship, started on 1 January 2026.
    static func profile(_ log: String, manager: String = "Sam Ash", id: String = "acme", beforeLog: String = "") throws -> ClientProfile {
        let people = """
                <stakeholder id="sh-am" side="provider" level="management" influence="3" interest="5" current-engagement="leading" desired-engagement="leading">
                  <name>\(manager)</name>
                  <role>Account manager</role>
                </stakeholder>
                <stakeholder id="sh-ops" side="client" level="management" influence="3" interest="4" current-engagement="supportive" desired-engagement="supportive">
                  <name>Ola Ops</name>
                  <role>Operations manager</role>
                </stakeholder>
            """
        let text = try ProfileFixtures.minimal([
            .insert(lines: people, before: "  </stakeholders>"),
            .replace("</journey>\n", with: "</journey>\n\(beforeLog)  <relationship start=\"2026-01-01\" account-manager=\"sh-am\">\n\(log)\n  </relationship>\n"),
            .replace("<client id=\"acme\"", with: "<client id=\"\(id)\""),
        ])
        let result = ProfileFixtures.load(text)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics.map(\.formatted))")
        return try #require(result.profile)
    }

    static func result(_ rule: String, _ log: String, today: String = "2026-03-01") throws -> RuleResult {
        let audit = ServiceAudit.audit(try profile(log), source: "acme.xml", standard: try standard(), today: try #require(ProfileDate(today)))
        return try #require(audit.rules.first { $0.rule == rule })
    }

    static let kickOff = #"<interaction id="i-kick" date="2026-01-10" kind="kick-off" stage="discovery" channel="in-person" significant="true" agreed="communication-preferences"><with ref="sh-ceo"/><with ref="sh-am"/></interaction>"#

    struct Case: Sendable, CustomStringConvertible {
        var rule: String
        var log: String
        var today = "2026-03-01"
        var status: RuleResult.Status
        /// Words the evidence of the rule's occurrences must hold.
        var evidence: String?
        var description: String { "\(rule) \(status.rawValue): \(evidence ?? "")" }
    }

    static let cases: [Case] = [
        // Within a period of the start, with who takes part.
        Case(rule: "r-kickoff", log: kickOff, status: .met, evidence: "Kick-off meeting on 10 January, 9 days after the start on 1 January."),
        Case(
            rule: "r-kickoff", log: kickOff.replacingOccurrences(of: "2026-01-10", with: "2026-01-20"), status: .breached,
            evidence: "Kick-off meeting on 20 January, 19 days after the start on 1 January, against a standard of 14 days."),
        Case(rule: "r-kickoff", log: "", status: .breached, evidence: "No kick-off meeting recorded; it was due by 15 January, 14 days after the start on 1 January."),
        Case(rule: "r-kickoff", log: "", today: "2026-01-05", status: .notDue, evidence: "Kick-off meeting due by 15 January."),
        Case(
            rule: "r-kickoff", log: kickOff.replacingOccurrences(of: #"<with ref="sh-ceo"/>"#, with: ""), status: .breached,
            evidence: "Kick-off meeting on 10 January without the sponsor (Ann Lee)."),
        // Before another touchpoint.
        Case(rule: "r-form", log: #"<client-form completed="2026-01-05"/>"# + kickOff, status: .met, evidence: "Client form on 5 January, before the kick-off meeting on 10 January."),
        Case(
            rule: "r-form", log: #"<client-form completed="2026-01-12"/>"# + kickOff, status: .breached,
            evidence: "Client form on 12 January, 2 days after the kick-off meeting on 10 January; the standard is before it."),
        Case(rule: "r-form", log: kickOff, status: .breached, evidence: "No client form recorded before the kick-off meeting on 10 January."),
        Case(rule: "r-form", log: "", today: "2026-01-05", status: .notDue, evidence: "Client form due before the kick-off meeting, which has not been held."),
        // At another touchpoint.
        Case(rule: "r-comms", log: kickOff, status: .met, evidence: "Ways of communicating: agreed at the kick-off meeting on 10 January."),
        Case(
            rule: "r-comms", log: kickOff.replacingOccurrences(of: #" agreed="communication-preferences""#, with: ""), status: .breached,
            evidence: "Ways of communicating: not recorded as agreed at the kick-off meeting on 10 January."),
        // After every significant meeting.
        Case(
            rule: "r-summary", log: kickOff + #"<follow-up of="i-kick" kind="summary" date="2026-01-11"/>"#, status: .met,
            evidence: "Kick-off meeting on 10 January, summary sent 11 January: 1 day."),
        Case(
            rule: "r-summary", log: kickOff + #"<follow-up of="i-kick" kind="summary" date="2026-01-17"/>"#, status: .breached,
            evidence: "Kick-off meeting on 10 January, summary sent 17 January: 7 days against a standard of 2 days."),
        Case(rule: "r-summary", log: kickOff, status: .breached, evidence: "Kick-off meeting on 10 January, no summary sent; it was due by 12 January."),
        Case(rule: "r-summary", log: kickOff, today: "2026-01-11", status: .notDue, evidence: "Kick-off meeting on 10 January, summary due by 12 January."),
        Case(rule: "r-summary", log: kickOff.replacingOccurrences(of: #" significant="true""#, with: ""), status: .notApplicable),
        // At the end of each stage.
        Case(
            rule: "r-feedback",
            log: kickOff + #"<interaction id="i-fb" date="2026-01-28" kind="feedback-request" stage="discovery" channel="email"/><interaction id="i-next" date="2026-02-01" kind="call" stage="consideration" channel="phone"/>"#,
            status: .met, evidence: "Feedback request on 28 January, at the end of the discovery stage (1 February)."),
        Case(
            rule: "r-feedback", log: kickOff + #"<interaction id="i-next" date="2026-02-01" kind="call" stage="consideration" channel="phone"/>"#,
            status: .breached, evidence: "The discovery stage ended on 1 February with no feedback request between 25 January and 8 February."),
        Case(
            rule: "r-feedback", log: kickOff + #"<interaction id="i-next" date="2026-02-01" kind="call" stage="consideration" channel="phone"/>"#,
            today: "2026-02-04", status: .notDue, evidence: "The discovery stage ended on 1 February; feedback request due by 8 February."),
        Case(rule: "r-feedback", log: kickOff, status: .notApplicable),
        // A visit's checklist.
        Case(
            rule: "r-visit",
            log: #"<interaction id="i-visit" date="2026-01-15" kind="visit" stage="discovery" channel="in-person"/><visit of="i-visit" done="agenda refreshments tour"/>"#,
            status: .met, evidence: "Visit on 15 January: the whole checklist done (agenda, refreshments, tour)."),
        Case(
            rule: "r-visit", log: #"<interaction id="i-visit" date="2026-01-15" kind="visit" stage="discovery" channel="in-person"/><visit of="i-visit" done="agenda"/>"#,
            status: .breached, evidence: "Visit on 15 January: refreshments and tour not done."),
        Case(
            rule: "r-visit", log: #"<interaction id="i-visit" date="2026-01-15" kind="visit" stage="discovery" channel="in-person"/>"#,
            status: .breached, evidence: "Visit on 15 January: no checklist recorded."),
        // Every period from the stage's start.
        Case(
            rule: "r-review",
            log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/><interaction id="i-r1" date="2026-02-05" kind="review" stage="conversion" channel="in-person"/><interaction id="i-r2" date="2026-03-01" kind="review" stage="conversion" channel="in-person"/>"#,
            status: .met, evidence: "Reviews on 5 February and 1 March: 24 days apart."),
        Case(
            rule: "r-review",
            log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/><interaction id="i-r1" date="2026-02-05" kind="review" stage="conversion" channel="in-person"/>"#,
            today: "2026-03-20", status: .breached, evidence: "Last review on 5 February, none since: 43 days by 20 March, against a standard of 1 month."),
        Case(
            rule: "r-review", log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/>"#,
            today: "2026-01-20", status: .notDue, evidence: "First review due by 10 February."),
        Case(rule: "r-review", log: kickOff, status: .notApplicable),
        // A month is a calendar month: 31 days from 10 January to 10 February keep it.
        Case(
            rule: "r-review",
            log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/><interaction id="i-r1" date="2026-02-10" kind="review" stage="conversion" channel="in-person"/>"#,
            today: "2026-02-20", status: .met, evidence: "First review on 10 February, 31 days after the conversion stage started on 10 January."),
        Case(
            rule: "r-review",
            log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/><interaction id="i-r1" date="2026-02-11" kind="review" stage="conversion" channel="in-person"/>"#,
            today: "2026-02-20", status: .breached,
            evidence: "First review on 11 February, 32 days after the conversion stage started on 10 January, against a standard of 1 month."),
        // Every period, in long stages only.
        Case(
            rule: "r-progress", log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/>"#,
            today: "2026-03-20", status: .breached,
            evidence: "No progress update since the conversion stage started on 10 January: 69 days by 20 March, against a standard of 14 days."),
        Case(
            rule: "r-progress", log: #"<interaction id="i-go" date="2026-01-10" kind="kick-off" stage="conversion" channel="in-person"/>"#,
            today: "2026-02-20", status: .notApplicable),
        // Survey answers count once per date.
        Case(
            rule: "r-survey",
            log: #"<interaction id="i-keep" date="2026-01-10" kind="call" stage="retention" channel="phone"/><survey date="2026-03-01" stakeholder="sh-ceo" recommend="9"/><survey date="2026-03-01" stakeholder="sh-ops" recommend="7"/>"#,
            status: .met, evidence: "First relationship survey on 1 March, 50 days after the retention stage started on 10 January."),
    ]

    @Test("Each rule is met, breached, not yet due or not applicable, with its evidence", arguments: cases)
    func ruleStatus(_ example: Case) throws {
        let result = try Self.result(example.rule, example.log, today: example.today)
        #expect(result.status == example.status, "\(result.occurrences.map(\.evidence))")
        if let evidence = example.evidence {
            #expect(result.occurrences.map(\.evidence).contains(evidence), "\(result.occurrences.map(\.evidence))")
        }
    }

    @Test("A summary is due by the standard, or sooner where someone at the meeting agreed a shorter time")
    func agreedSummaryTime() throws {
        let preference = #"<communication><preference id="pref-ops" stakeholder="sh-ops" channel="email" frequency="P7D" format="note" summary-within-days="1"/></communication>"# + "\n"
        let meeting = #"<interaction id="i-w" date="2026-01-12" kind="workshop" stage="discovery" channel="in-person" significant="true"><with ref="sh-ops"/></interaction><follow-up of="i-w" kind="summary" date="2026-01-14"/>"#
        let standard = try Self.standard()
        let today = try #require(ProfileDate("2026-03-01"))
        let agreed = ServiceAudit.audit(try Self.profile(meeting, beforeLog: preference), source: "a", standard: standard, today: today)
        let strict = try #require(agreed.rules.first { $0.rule == "r-summary" })
        #expect(strict.status == .breached)
        #expect(strict.breaches.map(\.evidence) == ["Workshop on 12 January, summary sent 14 January: 2 days against 1 day agreed with Ola Ops."])
        // Without the preference, two days keep the firm's standard.
        let plain = ServiceAudit.audit(try Self.profile(meeting), source: "a", standard: standard, today: today)
        #expect(plain.rules.first { $0.rule == "r-summary" }?.status == .met)
    }

    @Test("A rule breached at its last two occurrences is breached twice running")
    func twiceRunning() throws {
        let meeting = #"<interaction id="ID" date="DATE" kind="workshop" stage="discovery" channel="in-person" significant="true"/>"#
        func held(_ id: String, _ date: String) -> String { meeting.replacingOccurrences(of: "ID", with: id).replacingOccurrences(of: "DATE", with: date) }
        let log = held("i-a", "2026-01-05") + held("i-b", "2026-01-12") + held("i-c", "2026-01-19")
            + #"<follow-up of="i-a" kind="summary" date="2026-01-06"/>"#
        let twice = try Self.result("r-summary", log)
        #expect(twice.breachedTwiceRunning)
        let once = try Self.result("r-summary", log + #"<follow-up of="i-c" kind="summary" date="2026-01-20"/>"#)
        #expect(once.status == .breached)
        #expect(!once.breachedTwiceRunning)
        // One late kick-off without the sponsor is one time due, breached once.
        let kickOff = try Self.result(
            "r-kickoff", Self.kickOff.replacingOccurrences(of: "2026-01-10", with: "2026-01-20").replacingOccurrences(of: #"<with ref="sh-ceo"/>"#, with: ""))
        #expect(kickOff.breaches.count == 2)
        #expect(!kickOff.breachedTwiceRunning)
        #expect(kickOff.heldDates == [ProfileDate("2026-01-20")])
    }

    @Test("The consistency score: met over due, per client, per account manager and for the firm, against the median")
    func consistencyScores() throws {
        let standard = try Self.standard()
        let today = try #require(ProfileDate("2026-03-01"))
        let form = #"<client-form completed="2026-01-05"/>"#
        let summary = #"<follow-up of="i-kick" kind="summary" date="2026-01-11"/>"#
        // Due rules: kick-off, form, ways of communicating, summary (the rest are not due or
        // not applicable in discovery with no visit and no stage ended).
        let full = try Self.profile(form + Self.kickOff + summary, id: "client-a")  // 4 of 4 met
        let half = try Self.profile(Self.kickOff.replacingOccurrences(of: #" agreed="communication-preferences""#, with: ""), id: "client-b")  // kick-off met; form, ways, summary breached: 1 of 4
        let other = try Self.profile(form + Self.kickOff, manager: "Kim Ode", id: "client-c")  // 3 of 4: the summary breached
        let none = try #require(ProfileFixtures.load(ProfileFixtures.minimal).profile)  // no relationship: no score
        let audits = [full, half, other].map { ServiceAudit.audit($0, source: $0.id, standard: standard, today: today) }
            + [ServiceAudit.audit(none, source: "none", standard: standard, today: today)]
        #expect(audits.map(\.met) == [4, 1, 3, 0])
        #expect(audits.map(\.breached) == [0, 3, 1, 0])
        let portfolio = PortfolioAudit(audits, standard: standard, firm: .init(id: "f", name: "F", path: "f.xml"), today: today)
        // Scores 100, 25 and 75; the client without a relationship has none. Median 75.
        #expect(portfolio.clients.map(\.score) == [100, 25, 75, nil])
        #expect(portfolio.median == 75)
        #expect(portfolio.clients.map(\.distanceFromMedian) == [25, -50, 0, nil])
        // The firm: 8 met of 12 due, 66.7%.
        #expect(portfolio.met == 8)
        #expect(portfolio.breached == 4)
        #expect(portfolio.score == 66.7)
        // Sam Ash has clients a and b: 5 of 8, 62.5%, 12.5 points under the median.
        let sam = try #require(portfolio.accountManagers.first { $0.name == "Sam Ash" })
        #expect(sam.clients == ["client-a", "client-b"])
        #expect(sam.score == 62.5)
        #expect(sam.distanceFromMedian == -12.5)
        let kim = try #require(portfolio.accountManagers.first { $0.name == "Kim Ode" })
        #expect(kim.score == 75)
        #expect(kim.distanceFromMedian == 0)
        #expect(portfolio.hasBreaches)
    }

    @Test("The relationship's trends, the disagreement of its latest scores and its NPS")
    func health() throws {
        func interaction(_ id: String, _ date: String, _ emotional: Int, _ objective: Int) -> String {
            #"<interaction id="\#(id)" date="\#(date)" kind="call" stage="discovery" channel="phone"><response emotional="\#(emotional)" objective="\#(objective)"/></interaction>"#
        }
        let log = interaction("i-1", "2026-01-05", 2, 80) + interaction("i-2", "2026-01-12", 1, 70) + interaction("i-3", "2026-01-19", 1, 30)
            + #"<survey date="2026-01-20" stakeholder="sh-ceo" recommend="10"/><survey date="2026-01-20" stakeholder="sh-ops" recommend="6"/>"#
            + #"<survey date="2026-01-02" stakeholder="sh-ops" recommend="10"/>"#
        let audit = ServiceAudit.audit(try Self.profile(log), source: "acme", standard: try Self.standard(), today: try #require(ProfileDate("2026-03-01")))
        let health = try #require(audit.relationship)
        #expect(health.emotional.values == [2, 1, 1])
        #expect(health.emotional.trend == .falling)
        #expect(health.objective.trend == .falling)
        // +1 is 75 on the 0-100 scale, 45 points above 30.
        #expect(health.disagreement?.contains("felt better (+1) than their issue was resolved (30 of 100)") == true)
        // Each person's latest answer: Ann Lee 10 (promoter), Ola Ops 6 (detractor): NPS 0.
        let nps = try #require(health.nps)
        #expect([nps.score, nps.promoters, nps.passives, nps.detractors, nps.answers] as [Int] == [0, 1, 0, 1, 2])
        #expect(!health.advocacyAskedRecently)
    }

    @Test("The sample firm's standard decodes: twelve touchpoints and twelve rules over five stages")
    func sampleStandard() throws {
        let path = try #require(ProfileFixtures.repositoryRoot()).appendingPathComponent("Samples/halden-partners/firm.xml").path
        let result = FirmLoader.load(fileAt: path, embeddingFiles: false)
        let standard = try #require(result.firm?.serviceStandard)
        #expect(standard.touchpoints.count == 12)
        #expect(standard.rules.count == 12)
        #expect(Set(standard.rules.map(\.stage)).count == 5)
        #expect(standard.rule("std-summary")?.timing == .after(trigger: nil, within: try #require(ServiceStandard.Period("P2D"))))
        #expect(standard.rule("std-progress")?.timing == .every(try #require(ServiceStandard.Period("P14D")), inStagesOver: ServiceStandard.Period("P2M")))
        #expect(standard.rule("std-visit")?.timing == .checklist(items: ["agenda-sent", "host-named", "introductions", "refreshments", "summary-agreed"], firstVisit: ["site-tour"]))
    }
}
