import Foundation
import Testing

/// `engage audit` end to end on the samples, against the sample firm's service standard,
/// and the three alerts the standard raises (DESIGN section 13).
@Suite(.serialized)
struct AuditCommandTests {
    static let firm = repositoryRoot.appendingPathComponent("Samples/halden-partners/firm.xml").path
    /// The five sample clients (the revised Northgate is the same client).
    static let samples = ["cascade-home-services", "harbourside-catering", "meridian-aerostructures", "northgate-hospitals", "vale-growers-cooperative"]
        .map { repositoryRoot.appendingPathComponent("Samples/\($0).xml").path }

    static func audit(_ arguments: [String]) async throws -> EngageProcess.Outcome {
        try await EngageProcess.run(["audit"] + arguments, in: repositoryRoot)
    }

    static func json(_ outcome: EngageProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any], "\(outcome.standardError)")
    }

    @Test("The samples' audit: Cascade's three breaches with their evidence, the scores worked out by hand")
    func samplePortfolio() async throws {
        let outcome = try await Self.audit(Self.samples + ["--firm", Self.firm, "--today", "2026-11-22", "--json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let report = try Self.json(outcome)
        let clients = try #require(report["clients"] as? [[String: Any]])
        #expect(clients.map { $0["client"] as? String } == ["cascade-home-services", "harbourside-catering", "meridian-aerostructures", "northgate-hospitals", "vale-growers"])
        func breached(_ client: [String: Any]) -> [String] {
            (client["rules"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "breached" }.compactMap { $0["rule"] as? String }
        }
        #expect(clients.map(breached) == [["std-summary", "std-visit", "std-review"], [], ["std-thanks"], [], []])
        let cascadeSummary = try #require((clients[0]["rules"] as? [[String: Any]])?.first { $0["rule"] as? String == "std-summary" })
        let evidence = (cascadeSummary["occurrences"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        // Tony Russo, at the workshop, agreed a summary within a day: stricter than the firm's two.
        #expect(evidence.contains("Workshop on 17 September, summary of key points and actions sent 24 September: 7 days against 1 day agreed with Brian Takahashi, Tony Russo and Marisol Vega."))
        // Met of due: Cascade 6 of 9, Harbourside 9 of 9, Meridian 9 of 10, Northgate 9 of 9,
        // Vale 11 of 11. The firm: 44 of 48, 91.7%. The median client: 100.
        #expect(clients.map { $0["met"] as? Int } == [6, 9, 9, 9, 11])
        #expect(clients.map { $0["breached"] as? Int } == [3, 0, 1, 0, 0])
        #expect(report["met"] as? Int == 44)
        #expect(report["breached"] as? Int == 4)
        #expect(report["score"] as? Double == 91.7)
        #expect(report["median"] as? Double == 100)
        #expect(clients.map { $0["distance_from_median"] as? Double } == [-33.3, 0, -10, 0, 0])
        let managers = try #require(report["account_managers"] as? [[String: Any]])
        #expect(managers.first { $0["name"] as? String == "Sanjay Patel" }?["distance_from_median"] as? Double == -33.3)
        #expect(report["format_version"] as? Int == 1)
        let vale = try #require(clients[4]["relationship"] as? [String: Any])
        let nps = try #require(vale["nps"] as? [String: Any])
        #expect(nps["score"] as? Int == 80)
        let cascade = try #require(clients[0]["relationship"] as? [String: Any])
        #expect((cascade["emotional"] as? [String: Any])?["trend"] as? String == "falling")
    }

    @Test("--exit-code is 1 when any rule is breached, 0 when none is")
    func exitCode() async throws {
        let breached = try await Self.audit([Self.samples[0], "--firm", Self.firm, "--today", "2026-11-22", "--exit-code"])
        #expect(breached.status == 1)
        #expect(breached.standardOutput.contains("breached       std-summary"))
        let clean = try await Self.audit([Self.samples[3], "--firm", Self.firm, "--today", "2026-11-22", "--exit-code"])
        #expect(clean.status == 0, "\(clean.standardOutput)")
        #expect(clean.standardOutput.contains("Halden Partners: 1 client audited against the service standard on 22 November 2026."))
    }

    @Test("--html writes one self-contained page that html5lib parses strictly, breaches first")
    func htmlReport() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let file = scratch.url.appendingPathComponent("audit.html")
        let outcome = try await Self.audit(Self.samples + ["--firm", Self.firm, "--today", "2026-11-22", "--html", file.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let summary = try OutputChecker.check("html", file)
        #expect(summary.headings.contains("Clients against the standard"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(!html.contains("src=") && !html.contains("<link"), "the page must need no other file")
        // Cascade, the client with breaches, heads the grid.
        let grid = try #require(html.range(of: "<tbody>"))
        let firstRow = html[grid.upperBound...].prefix(400)
        #expect(firstRow.contains("Cascade Home Services"))
        #expect(html.contains("Workshop on 17 September, summary of key points and actions sent 24 September"))
    }

    @Test("A pack is audited with the profile and the firm file it was generated from")
    func pack() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let generated = try await EngageProcess.run(
            ["generate", Self.samples[0], "--firm", Self.firm, "--out", scratch.url.appendingPathComponent("pack").path], in: repositoryRoot)
        try #require(generated.status == 0, "\(generated.standardError)")
        let outcome = try await Self.audit([scratch.url.appendingPathComponent("pack").path, "--today", "2026-11-22", "--json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let report = try Self.json(outcome)
        #expect((report["firm"] as? [String: Any])?["id"] as? String == "halden-partners")
        #expect((report["clients"] as? [[String: Any]])?.first?["breached"] as? Int == 3)
    }

    @Test("Bad input is refused with a sentence, a file, a line and a column, and nothing audited")
    func refusals() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        // No firm file beside the profile and none given.
        let lonely = try scratch.write(minimalProfile, to: "acme.xml")
        let noFirm = try await EngageProcess.run(["audit", lonely], in: scratch.url)
        #expect(noFirm.status == 1)
        #expect(noFirm.standardError.contains("no firm file was found for"))
        #expect(noFirm.standardError.contains("--firm FILE"))
        // A firm file without a standard.
        let plain = try scratch.write(#"<firm id="plain" schema-version="1"><identity><name>Plain</name></identity></firm>"#, to: "plain.xml")
        let noStandard = try await EngageProcess.run(["audit", lonely, "--firm", plain], in: scratch.url)
        #expect(noStandard.status == 1)
        #expect(noStandard.standardError.contains("has no <service-standard>"))
        // A missing input.
        let missing = try await EngageProcess.run(["audit", "nowhere.xml", "--firm", Self.firm], in: scratch.url)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("nowhere.xml does not exist"))
        // An interaction that fulfils a rule the standard does not have.
        let sample = try String(contentsOfFile: Self.samples[3], encoding: .utf8)
        let wrong = sample.replacingOccurrences(of: #"kind="kick-off""#, with: #"kind="kick-off" fulfils="std-kikoff""#)
        try #require(wrong != sample)
        let file = try scratch.write(wrong, to: "northgate.xml")
        let line = try #require(wrong.components(separatedBy: "\n").firstIndex { $0.contains("std-kikoff") }) + 1
        let refused = try await EngageProcess.run(["audit", file, "--firm", Self.firm, "--json"], in: scratch.url)
        #expect(refused.status == 1)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("northgate.xml:\(line):5: error: Interaction"))
        #expect(refused.standardError.contains("did you mean 'std-kickoff'?"))
    }

    @Test("The documents apply the standard, and a change to it makes exactly the sections that show it stale")
    func documentsApplyTheStandard() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--format", "xhtml,md"], in: folder.url)
        try #require(generated.status == 0, "\(generated.standardError)")
        let communication = try FirmCommandTests.text(folder, "pack/communication.md")
        #expect(communication.contains("### How Halden Partners works with Northgate Hospitals"))
        #expect(communication.contains("| Kick-off meeting | within 14 days of the start | Done 1 September 2026 | Claire Donovan and Tom Ashworth; for Northgate Hospitals, Daniel Okafor (sponsor) |"))
        #expect(communication.contains("| Engagement review | monthly | Done 2 times, last on 27 October 2026; next by 27 November 2026 |"))
        #expect(communication.contains("| Relationship survey | every six months | From the retention stage |"))
        let strategy = try FirmCommandTests.text(folder, "pack/strategy.md")
        #expect(strategy.contains("## How we will work with you"))
        #expect(strategy.contains("- After every significant meeting we send a summary of the key points and agreed actions within two days."))
        #expect(!strategy.contains("## The relationship with"), "the relationship's health is for the internal edition")
        #expect(try FirmCommandTests.text(folder, "pack/change-management.md").contains(
            "Who takes part from each side: for Halden Partners, Claire Donovan and Tom Ashworth, with Tom Ashworth as account manager; for Northgate Hospitals, Daniel Okafor as sponsor"))

        let firm = folder.url.appendingPathComponent("firm/firm.xml")
        let original = try String(contentsOf: firm, encoding: .utf8)
        func editFirm(_ old: String, _ new: String) throws {
            #expect(original.contains(old))
            try original.replacingOccurrences(of: old, with: new).write(to: firm, atomically: true, encoding: .utf8)
        }
        // A rule's period shows in the communication plan's calendar only.
        try editFirm(#"touchpoint="summary" within="P2D""#, #"touchpoint="summary" within="P3D""#)
        #expect(try await WordAndPDFTests.staleSections(ofPack: "pack", in: folder.url)
            == ["business-case": [], "strategy": [], "change-management": [], "communication": ["touchpoint-calendar", "document-control"]])
        // A rule's words show in the strategy's account of how the firm works.
        try editFirm("We hold a kick-off meeting with the sponsor within", "We hold a kick-off meeting with the sponsor and the partner within")
        #expect(try await WordAndPDFTests.staleSections(ofPack: "pack", in: folder.url)
            == ["business-case": [], "strategy": ["relationship", "document-control"], "change-management": [], "communication": []])

        // The internal edition tells the relationship's health.
        try original.write(to: firm, atomically: true, encoding: .utf8)
        let internalRun = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "internal", "--firm", "firm/firm.xml", "--format", "md", "--edition", "internal"], in: folder.url)
        try #require(internalRun.status == 0, "\(internalRun.standardError)")
        let health = try FirmCommandTests.text(folder, "internal/strategy.md")
        #expect(health.contains("## The relationship with Northgate Hospitals"))
        #expect(health.contains("Halden Partners has kept all 9 commitments of its service standard that are due so far."))
        #expect(health.contains("Every commitment due so far was kept."))
    }

    // MARK: - Alerts

    /// A pack of `sample` generated with the sample firm, and its profile to edit.
    struct Workspace {
        let scratch: ScratchFolder
        let profile: URL

        init(_ sample: String) async throws {
            scratch = try ScratchFolder()
            profile = scratch.url.appendingPathComponent("profile.xml")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: sample), to: profile)
            let outcome = try await EngageProcess.run(
                ["generate", "profile.xml", "--firm", AuditCommandTests.firm, "--out", "pack", "--format", "xhtml"], in: scratch.url)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }

        func edit(_ old: String, _ new: String) throws {
            let text = try String(contentsOf: profile, encoding: .utf8)
            try #require(text.contains(old), "the profile does not contain \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: profile, atomically: true, encoding: .utf8)
        }

        /// `kind:severity:subject id` of the standard's alerts on 22 November 2026.
        func alerts() async throws -> Set<String> {
            let outcome = try await EngageProcess.run(["alerts", "pack", "--today", "2026-11-22", "--json"], in: scratch.url)
            let report = try AuditCommandTests.json(outcome)
            return Set((report["alerts"] as? [[String: Any]] ?? []).compactMap { alert in
                guard let kind = alert["kind"] as? String, ["standard-breach", "relationship-risk", "advocacy-opportunity"].contains(kind) else { return nil }
                let subject = alert["subject"] as? [String: Any]
                return "\(kind):\(alert["severity"] as? String ?? ""):\(subject?["id"] as? String ?? "-")"
            })
        }
    }

    @Test("Northgate keeps the standard: no alert; a late summary raises standard-breach, an unrelated edit nothing")
    func standardBreach() async throws {
        let workspace = try await Workspace(Self.samples[3])
        defer { workspace.scratch.remove() }
        #expect(try await workspace.alerts().isEmpty)
        try workspace.edit("<role>Chief Executive</role>", "<role>Chief Executive Officer</role>")
        #expect(try await workspace.alerts().isEmpty)
        let text = try String(contentsOf: workspace.profile, encoding: .utf8)
        let summary = try #require(text.range(of: #"<follow-up of="[^"]*" kind="summary" date="2026-11-18"/>"#, options: .regularExpression))
        try workspace.edit(String(text[summary]), String(text[summary]).replacingOccurrences(of: "2026-11-18", with: "2026-11-21"))
        #expect(try await workspace.alerts() == ["standard-breach:warning:std-summary"])
    }

    @Test("A fall in how well the client's issues are resolved raises relationship-risk, and nothing else")
    func relationshipRisk() async throws {
        let workspace = try await Workspace(Self.samples[3])
        defer { workspace.scratch.remove() }
        // The latest three objective responses: 80, 78, then 40.
        try workspace.edit(#"<response emotional="1" objective="82"/>"#, #"<response emotional="1" objective="40"/>"#)
        #expect(try await workspace.alerts() == ["relationship-risk:warning:-"])
    }

    @Test("Cascade: its breaches and its falling responses; the same rule breached twice running is critical")
    func cascadeAlerts() async throws {
        let workspace = try await Workspace(Self.samples[0])
        defer { workspace.scratch.remove() }
        #expect(try await workspace.alerts() == [
            "standard-breach:warning:std-summary", "standard-breach:warning:std-visit", "standard-breach:warning:std-review",
            "relationship-risk:warning:-",
        ])
    }

    @Test("Vale would recommend the firm and was never asked: advocacy-opportunity, gone once it is asked")
    func advocacyOpportunity() async throws {
        let workspace = try await Workspace(Self.samples[4])
        defer { workspace.scratch.remove() }
        #expect(try await workspace.alerts() == ["advocacy-opportunity:info:-"])
        try workspace.edit("</relationship>", #"<advocacy kind="testimonial" date="2026-11-20" outcome="asked"/></relationship>"#)
        #expect(try await workspace.alerts().isEmpty)
    }
}
