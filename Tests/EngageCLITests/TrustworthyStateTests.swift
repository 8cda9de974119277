import Foundation
import Testing

/// The promises `status` makes, end to end with the shipped templates and samples: a
/// document is stale exactly when regenerating changes it, the files are the revision the
/// store names, and a pack is only ever compared with its own client's profile.
@Suite(.serialized)
struct TrustworthyStateTests {
    /// A scratch folder holding a copy of a sample and a pack generated from it.
    struct SamplePack {
        let scratch: ScratchFolder
        var profile: URL { scratch.url.appendingPathComponent("profile.xml") }
        var pack: URL { scratch.url.appendingPathComponent("pack") }

        init(_ sample: String = "northgate-hospitals.xml", extra: [String] = []) async throws {
            scratch = try ScratchFolder()
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Samples/\(sample)"), to: scratch.url.appendingPathComponent("profile.xml"))
            let outcome = try await run(["generate", "profile.xml", "--out", "pack"] + extra)
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

        /// Every document file of the pack equals `engage show` of its latest revision.
        func filesMatchTheStore() async throws {
            for kind in ["business-case", "strategy", "change-management", "communication"] {
                for format in ["xhtml", "html", "md"] {
                    let shown = try await run(["show", "pack", kind, "--format", format])
                    let file = try String(contentsOf: pack.appendingPathComponent("\(kind).\(format)"), encoding: .utf8)
                    #expect(shown.standardOutput == file, "\(kind).\(format) differs from its stored revision")
                }
            }
        }
    }

    @Test func aChangeReadButNotPrintedMakesNewRevisionsAndRegenerateLeavesEverythingCurrent() async throws {
        // Reliability review, defect 1: the reworded value is read by change-management and
        // communication without being printed in them.
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        try pack.edit(
            "We work with GPs, Vale Integrated Care Board", "We plan and work with GPs, Vale Integrated Care Board")
        let before = try await pack.run(["status", "pack", "--exit-code"])
        #expect(before.status == 1)
        let regenerated = try await pack.run(["regenerate", "pack"])
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        #expect(!regenerated.standardError.contains("revision 1 -> 1"), "\(regenerated.standardError)")
        let after = try await pack.run(["status", "pack", "--exit-code"])
        #expect(after.status == 0, "\(after.standardOutput)")
        try await pack.filesMatchTheStore()
        // A revision number names one content: every revision 2 differs from its revision 1.
        let log = try await pack.run(["log", "pack", "--json"])
        #expect(log.status == 0)
    }

    @Test func aCurrencyChangeMakesEverySectionShowingMoneyStale() async throws {
        // Code review B1: money() formats in the profile's currency, which no trace recorded.
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        try pack.edit("<currency>GBP</currency>", "<currency>EUR</currency>")
        let status = try await pack.run(["status", "pack", "--exit-code"])
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("business-case: stale"))
        #expect(status.standardOutput.contains("currency"), "the cause names the currency: \(status.standardOutput)")
        _ = try await pack.run(["regenerate", "pack"])
        let html = try String(contentsOf: pack.pack.appendingPathComponent("business-case.html"), encoding: .utf8)
        #expect(html.contains("€"))
        let after = try await pack.run(["status", "pack", "--exit-code"])
        #expect(after.status == 0, "\(after.standardOutput)")
        try await pack.filesMatchTheStore()
    }

    @Test(arguments: ["status", "alerts"])
    func anotherClientsProfileIsRefused(command: String) async throws {
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        let other = repositoryRoot.appendingPathComponent("Samples/meridian-aerostructures.xml").path
        let outcome = try await pack.run([command, "pack", "--profile", other])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("this pack belongs to client 'northgate-hospitals'"), "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func aMissingTemplateFolderIsNamedByStatusInsteadOfAHashOfNothing() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let templates = scratch.url.appendingPathComponent("firm-templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml"), to: scratch.url.appendingPathComponent("p.xml"))
        let generated = try await EngageProcess.run(["generate", "p.xml", "--out", "pack", "--templates", templates.path], in: scratch.url)
        try #require(generated.status == 0, "\(generated.standardError)")
        try FileManager.default.removeItem(at: templates)
        let status = try await EngageProcess.run(["status", "pack"], in: scratch.url)
        #expect(status.status == 2)
        #expect(status.standardError.contains("firm-templates, which no longer exists"), "\(status.standardError)")
        #expect(!status.standardOutput.contains("cbf29ce484222325"))
    }

    @Test func aDeletedOrHandEditedFileIsReportedAndRegenerateRestoresIt() async throws {
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        try FileManager.default.removeItem(at: pack.pack.appendingPathComponent("strategy.html"))
        let markdown = pack.pack.appendingPathComponent("strategy.md")
        try (String(contentsOf: markdown, encoding: .utf8) + "\nA sentence added by hand.\n").write(to: markdown, atomically: true, encoding: .utf8)
        let status = try await pack.run(["status", "pack", "--exit-code"])
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("file strategy.html was deleted"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("file strategy.md was edited outside engage"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("regenerate restores"))
        let regenerated = try await pack.run(["regenerate", "pack"])
        #expect(regenerated.standardError.contains("strategy: revision 1 kept; restored strategy.html, strategy.md"), "\(regenerated.standardError)")
        #expect(try await pack.run(["status", "pack", "--exit-code"]).status == 0)
        try await pack.filesMatchTheStore()
    }

    @Test func regenerateKeepsTheFormatsThePackWasGeneratedIn() async throws {
        // Code review B4: an xhtml-only pack gained .html and .md files on regenerate.
        let pack = try await SamplePack(extra: ["--format", "xhtml"])
        defer { pack.scratch.remove() }
        try pack.edit("To provide safe, timely and compassionate hospital care", "To provide safe, timely and kind hospital care")
        let regenerated = try await pack.run(["regenerate", "pack"])
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        #expect(regenerated.standardError.contains("revision 1 -> 2"), "\(regenerated.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: pack.pack.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == ["business-case.xhtml", "change-management.xhtml", "communication.xhtml", "strategy.xhtml"])
    }

    @Test func versionIsTheOneEveryRevisionRecords() async throws {
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        let version = try await pack.run(["--version"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let log = try await pack.run(["log", "pack"])
        #expect(!version.isEmpty)
        #expect(log.standardOutput.contains("engine \(version)"), "\(log.standardOutput)")
        // The internal edition's document control names the engine; the client's does not.
        let client = try String(contentsOf: pack.pack.appendingPathComponent("strategy.xhtml"), encoding: .utf8)
        #expect(!client.contains("engage \(version)"))
        #expect(try await pack.run(["generate", "profile.xml", "--out", "internal", "--edition", "internal"]).status == 0)
        let xhtml = try String(contentsOf: pack.scratch.url.appendingPathComponent("internal/strategy.xhtml"), encoding: .utf8)
        #expect(xhtml.contains("engage \(version)"))
    }

    @Test func anEditionIsRecordedPerRevisionAndSwitchingItRegeneratesOnlyTheSectionsThatDiffer() async throws {
        let pack = try await SamplePack(extra: ["--edition", "internal"])
        defer { pack.scratch.remove() }
        #expect(try await pack.run(["status", "pack", "--exit-code"]).status == 0)
        let log = try await pack.run(["log", "pack", "--json"])
        #expect(log.standardOutput.contains(#""edition" : "internal""#), "\(log.standardOutput)")
        #expect(!log.standardOutput.contains(#""edition" : "client""#))

        // Checked against the other edition, the sections that read it are stale, and say why.
        let status = try await pack.run(["status", "pack", "--edition", "client", "--json", "--exit-code"])
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("the edition changed from internal to client"), "\(status.standardOutput)")
        #expect(!status.standardOutput.contains(#""section_id" : "glossary""#), "the glossary does not depend on the edition")

        let regenerated = try await pack.run(["regenerate", "pack", "--edition", "client"])
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        #expect(regenerated.standardError.contains("strategy: revision 1 -> 2"), "\(regenerated.standardError)")
        #expect(regenerated.standardError.contains("buy-in"), "\(regenerated.standardError)")
        // The pack now remembers the client edition: plain status and regenerate agree.
        #expect(try await pack.run(["status", "pack", "--exit-code"]).status == 0)
        try await pack.filesMatchTheStore()
        let strategy = try String(contentsOf: pack.pack.appendingPathComponent("strategy.md"), encoding: .utf8)
        #expect(!strategy.contains("not yet on board"))
        let logAfter = try await pack.run(["log", "pack", "strategy"])
        #expect(logAfter.standardOutput.contains("strategy@1") && logAfter.standardOutput.contains("internal edition"), "\(logAfter.standardOutput)")
        #expect(logAfter.standardOutput.contains("strategy@2") && logAfter.standardOutput.contains("client edition"), "\(logAfter.standardOutput)")
        // generate without --edition writes the client edition: nothing changes now.
        let again = try await pack.run(["generate", "profile.xml", "--out", "pack"])
        #expect(again.standardError.contains("0 files written"), "\(again.standardError)")
    }

    @Test func aTemplateChangeThatLeavesTheTextAsItWasIsRecordedSoStatusComesBackToCurrent() async throws {
        // Code review: the client edition prints no template fingerprint, so a template
        // edit that changes no text made no revision and status reported it for ever.
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        #expect(try await pack.run(["templates", "export", "templates"]).status == 0)
        #expect(try await pack.run(["generate", "profile.xml", "--out", "pack", "--templates", "templates"]).status == 0)
        let strategy = pack.scratch.url.appendingPathComponent("templates/strategy.xhtml")
        let text = try String(contentsOf: strategy, encoding: .utf8)
        try text.replacingOccurrences(of: "<!--", with: "<!-- Reviewed. ", options: [], range: text.range(of: "<!--"))
            .write(to: strategy, atomically: true, encoding: .utf8)
        let stale = try await pack.run(["status", "pack", "--exit-code"])
        #expect(stale.status == 1, "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("the templates of strategy changed"), "\(stale.standardOutput)")
        let regenerated = try await pack.run(["regenerate", "pack"])
        #expect(regenerated.standardError.contains("strategy: revision"), "\(regenerated.standardError)")
        #expect(try await pack.run(["status", "pack", "--exit-code"]).status == 0)
    }

    @Test func lateReadingsOfSeveralExpectationsMakeOneDataOverdueAlertRaisedWithTheirHolders() async throws {
        let pack = try await SamplePack()
        defer { pack.scratch.remove() }
        // Every Northgate reading is of 2026-11-15, measured monthly: all due by 2026-12-15.
        let alerts = try await pack.run(["alerts", "pack", "--today", "2026-12-20", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(alerts.standardOutput.utf8)) as? [String: Any])
        let overdue = (report["alerts"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "data-overdue" }
        #expect(overdue.count == 1, "\(overdue)")
        let alert = try #require(overdue.first)
        #expect((alert["subject"] as? [String: Any])?["path"] as? String == "/client/measurements")
        #expect((alert["message"] as? String ?? "").hasPrefix("8 of 8 expectations have no measurement within their cadence, the first due by 2026-12-15"))
        #expect((alert["action"] as? String ?? "").contains("Karen Doyle (Team Leader, Patient Access Centre)"))
        // And a missed one is raised with the holder's own leader: Karen Doyle reports to Sarah Whitfield.
        try pack.edit(#"<measurement expectation="exp-call-answer" date="2026-11-15" value="72"/>"#,
                      #"<measurement expectation="exp-call-answer" date="2026-11-15" value="72"/><measurement expectation="exp-call-answer" date="2026-12-15" value="66"/>"#)
        let missed = try await pack.run(["alerts", "pack", "--today", "2026-12-20"])
        #expect(missed.standardOutput.contains("action: Raise it with Sarah Whitfield (Associate Director of Outpatient Services) now, and ask Karen Doyle"), "\(missed.standardOutput)")
        #expect(missed.standardOutput.contains("old: 72  new: 66"), "old and new are the same thing: the reading before and the latest")
    }

    @Test(.enabled(if: StoreTestSystem.hasSQLite))
    func aPackWrittenBeforeEditionsIsReadAsInternalAndRegeneratedAsClient() async throws {
        // The store as engage wrote it before editions existed (schema v4): no edition
        // column on revisions or the pack. A generate with the internal edition gives the
        // content such a pack held.
        let pack = try await SamplePack(extra: ["--edition", "internal"])
        defer { pack.scratch.remove() }
        try StoreTestSystem.sql(
            "ALTER TABLE revision DROP COLUMN edition; ALTER TABLE pack DROP COLUMN edition; "
                + "DELETE FROM grdb_migrations WHERE identifier = 'v5: editions';", pack: pack.pack)
        // Readers work on it as it is.
        let log = try await pack.run(["log", "pack", "strategy"])
        #expect(log.status == 0, "\(log.standardError)")
        #expect(!log.standardOutput.contains("edition"), "\(log.standardOutput)")
        #expect(try await pack.run(["status", "pack", "--edition", "internal", "--exit-code"]).status == 0)
        // By default a pack without a recorded edition is compared with the client edition.
        let status = try await pack.run(["status", "pack", "--exit-code"])
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("the edition changed from internal to client"), "\(status.standardOutput)")
        // regenerate upgrades the store and writes the client edition; then all is current.
        let regenerated = try await pack.run(["regenerate", "pack"])
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        #expect(try await pack.run(["status", "pack", "--exit-code"]).status == 0)
        #expect(try await pack.run(["log", "pack", "strategy"]).standardOutput.contains("strategy@2  "))
        try await pack.filesMatchTheStore()
    }
}
