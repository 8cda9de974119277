import Foundation
import Testing

/// The consultant's narrative and the reasons for changes, through the built `engage`:
/// passages placed where they are named, escaped, kept across regeneration and traced;
/// `--reason` recorded with new revisions and shown by log, status and diff.
@Suite("Narrative and reasons", .serialized)
struct NarrativeAndReasonTests {
    @Test("Passages appear where they are named, only in their document, with their markup in every format; an edit to one makes exactly its section stale")
    func narrativeRoundTrip() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--format", "xhtml,html,md,docx"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let businessCase = try FirmCommandTests.text(folder, "pack/business-case.md")
        // The summary passage opens the executive summary, before the generated text.
        let opening = try #require(businessCase.range(of: "This case goes to the Finance and Performance Committee on 17 November."))
        let heading = try #require(businessCase.range(of: "## Executive summary and recommendation"))
        let recommendation = try #require(businessCase.range(of: "We recommend that"))
        #expect(heading.upperBound < opening.lowerBound && opening.upperBound < recommendation.lowerBound)
        #expect(businessCase.contains("## Scope\n\n**In scope:**"))
        #expect(businessCase.contains("- Booking, reminders, the Patient Access Centre and the patient portal."))
        #expect(try FirmCommandTests.text(folder, "pack/strategy.md").contains("with the outpatient team _rather than for them_: every action"), "spaces around inline markup survive")
        #expect(businessCase.contains("## Assumptions"))
        #expect(!businessCase.contains("## Commentary"), "the commentary is for the strategy only")
        let strategy = try FirmCommandTests.text(folder, "pack/strategy.md")
        #expect(strategy.contains("## Commentary"))
        #expect(strategy.contains("## Context"), "a passage without a document is in every document")
        #expect(!strategy.contains("This case goes to the Finance and Performance Committee"))
        let summary = try WordAndPDFTests.checkDocx(
            folder.url.appendingPathComponent("pack/business-case.docx"), against: folder.url.appendingPathComponent("pack/business-case.xhtml"))
        #expect(summary.headings > 10)

        // Data is escaped, never markup.
        let profile = folder.url.appendingPathComponent("clients/northgate.xml")
        var text = try String(contentsOf: profile, encoding: .utf8)
        text = text.replacingOccurrences(of: "elective recovery allocation.</p>", with: "elective recovery allocation &lt;script&gt;alert(1)&lt;/script&gt;.</p>")
        try text.write(to: profile, atomically: true, encoding: .utf8)
        let stale = try await WordAndPDFTests.staleSections(ofPack: "pack", in: folder.url)
        #expect(stale == ["business-case": ["executive-summary", "document-control"], "strategy": [], "change-management": [], "communication": []])
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        let html = try FirmCommandTests.text(folder, "pack/business-case.html")
        #expect(html.contains("elective recovery allocation &lt;script&gt;alert(1)&lt;/script&gt;."))
        #expect(!html.contains("<script>"))
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)

        // The words of a paragraph around its inline markup are its content too (the
        // staleness oracle found this edit reported current).
        text = try String(contentsOf: profile, encoding: .utf8)
        text = text.replacingOccurrences(of: "</em>: every action has an owner at the Trust", with: "</em>: every action has an owner in the Trust")
        try text.write(to: profile, atomically: true, encoding: .utf8)
        let mixed = try await WordAndPDFTests.staleSections(ofPack: "pack", in: folder.url)
        #expect(mixed == ["business-case": [], "strategy": ["commentary", "document-control"], "change-management": [], "communication": []])
    }

    @Test("--reason is recorded with each new revision and shown by log, status and diff, in text and JSON")
    func reasonRoundTrip() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--reason", "First draft for the steering group"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let profile = folder.url.appendingPathComponent("clients/northgate.xml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        try text.replacingOccurrences(of: "It sets out a costed plan", with: "It proposes a costed plan").write(to: profile, atomically: true, encoding: .utf8)

        let status = try await EngageProcess.run(["status", "pack", "--reason", "Sponsor asked   for a softer opening"], in: folder.url)
        #expect(status.standardOutput.contains("Pending change: Sponsor asked for a softer opening"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("--reason 'Sponsor asked for a softer opening'"))
        let statusJSON = try await EngageProcess.run(["status", "pack", "--json", "--reason", "Sponsor asked for a softer opening"], in: folder.url)
        #expect(statusJSON.standardOutput.contains(#""pending_reason" : "Sponsor asked for a softer opening""#), "\(statusJSON.standardOutput)")

        let regenerated = try await EngageProcess.run(["regenerate", "pack", "--reason", "Sponsor asked for a softer opening"], in: folder.url)
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        let log = try await EngageProcess.run(["log", "pack", "business-case"], in: folder.url)
        #expect(log.standardOutput.contains("business-case@1  "))
        #expect(log.standardOutput.contains("  reason: First draft for the steering group"))
        #expect(log.standardOutput.contains("  reason: Sponsor asked for a softer opening"))
        let logJSON = try await EngageProcess.run(["log", "pack", "strategy", "--json"], in: folder.url)
        #expect(logJSON.standardOutput.contains(#""reason" : "First draft for the steering group""#))
        // Only the business case changed: the strategy has one revision.
        #expect(!logJSON.standardOutput.contains("Sponsor asked"))

        let diff = try await EngageProcess.run(["diff", "pack", "business-case"], in: folder.url)
        #expect(diff.standardOutput.hasPrefix("business-case@1 -> @2\nReason for @2: Sponsor asked for a softer opening\n"), "\(diff.standardOutput)")
        let diffJSON = try await EngageProcess.run(["diff", "pack", "business-case", "--format", "json"], in: folder.url)
        #expect(diffJSON.standardOutput.contains(#""reason" : "Sponsor asked for a softer opening""#))
        let redline = try await EngageProcess.run(["diff", "pack", "business-case", "--format", "html"], in: folder.url)
        #expect(redline.standardOutput.contains(#"<p class="reason">Revision 2: Sponsor asked for a softer opening</p>"#))

        let empty = try await EngageProcess.run(["regenerate", "pack", "--reason", "   "], in: folder.url)
        #expect(empty.status == 64)
    }
}
