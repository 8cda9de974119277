import Foundation
import Testing

/// `engage log`, `show` and `diff` end to end, on a pack with two revisions of each
/// document: the Northgate sample, then its later revision.
@Suite(.serialized)
struct HistoryCommandsTests {
    static let redlineGolden = repositoryRoot.appendingPathComponent("Tests/EngageCLITests/Golden/redline/strategy-1-2.html")

    /// A pack with two revisions, and copies of the first revision's files.
    struct TwoRevisions {
        let scratch: ScratchFolder
        var pack: URL { scratch.url.appendingPathComponent("pack") }
        var firstRevision: URL { scratch.url.appendingPathComponent("first") }

        init() async throws {
            scratch = try ScratchFolder()
            let profile = scratch.url.appendingPathComponent("northgate.xml")
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml"), to: profile)
            let first = try await EngageProcess.run(["generate", "northgate.xml", "--out", "pack"], in: scratch.url)
            try #require(first.status == 0, "\(first.standardError)")
            try FileManager.default.copyItem(at: pack, to: firstRevision)
            try FileManager.default.removeItem(at: profile)
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Samples/northgate-hospitals-revised.xml"), to: profile)
            let second = try await EngageProcess.run(["generate", "northgate.xml", "--out", "pack"], in: scratch.url)
            try #require(second.status == 0, "\(second.standardError)")
        }

        func run(_ arguments: [String]) async throws -> EngageProcess.Outcome {
            try await EngageProcess.run(arguments, in: scratch.url)
        }
    }

    @Test func logListsEveryRevisionWithTheSectionsThatChanged() async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let outcome = try await pack.run(["log", "pack", "--json"])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["client_id"] as? String == "northgate-hospitals")
        let revisions = try #require(json["revisions"] as? [[String: Any]])
        #expect(revisions.count == 8)
        let strategy = revisions.filter { $0["kind"] as? String == "strategy" }
        #expect(strategy.map { $0["number"] as? Int } == [1, 2])
        let changed = try #require(strategy.last?["sections_changed"] as? [String])
        #expect(changed.contains("purpose"))
        #expect(changed.contains("document-control"))
        #expect(!changed.contains("governance"))
        for key in ["created_at", "content_hash", "profile_hash", "template_hash", "engine_version", "sections_added", "sections_removed"] {
            #expect(strategy.last?[key] != nil, "missing \(key)")
        }
        let text = try await pack.run(["log", "pack", "strategy"])
        #expect(text.standardOutput.contains("strategy@2"))
        // The client's name is in the title (the head) and on the cover, before the summary.
        #expect(text.standardOutput.contains("changed: head, cover, summary, purpose"), "\(text.standardOutput)")
        #expect(!text.standardOutput.contains("business-case@"))
    }

    @Test(arguments: ["xhtml", "html", "md"])
    func showPrintsAPastRevisionExactlyAsItWasWritten(format: String) async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let outcome = try await pack.run(["show", "pack", "strategy@1", "--format", format])
        #expect(outcome.status == 0)
        let original = try String(contentsOf: pack.firstRevision.appendingPathComponent("strategy.\(format)"), encoding: .utf8)
        #expect(outcome.standardOutput == original)
        let latest = try await pack.run(["show", "pack", "strategy", "--format", format])
        let current = try String(contentsOf: pack.pack.appendingPathComponent("strategy.\(format)"), encoding: .utf8)
        #expect(latest.standardOutput == current)
        // Each revision states its own number, and no placeholder is left in any format.
        #expect(original.contains("Revision 1 ·") && !original.contains("Revision 2 ·"))
        #expect(current.contains("Revision 2 ·") && !current.contains("Revision 1 ·"))
        #expect(!original.unicodeScalars.contains("\u{E000}") && !current.unicodeScalars.contains("\u{E000}"))
    }

    @Test func showRefusesARevisionThatDoesNotExist() async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let outcome = try await pack.run(["show", "pack", "strategy@9"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("strategy has no revision 9; its revisions are 1 to 2."))
        let unknown = try await pack.run(["show", "pack", "roadmap"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("The value 'roadmap' is invalid for '<doc[@n]>'"), "\(unknown.standardError)")
        #expect(unknown.standardError.contains("'business-case', 'strategy', 'change-management' or 'communication'"))
    }

    @Test func diffMarksWordChangesAndReportsDifferencesInItsExitCode() async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let text = try await pack.run(["diff", "pack", "strategy", "--exit-code"])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("strategy@1 -> @2"))
        #expect(text.standardOutput.contains("We [-work -]{+plan and deliver care together +}with GPs"))
        #expect(!text.standardOutput.contains("\u{1B}["), "colour on a pipe")
        let same = try await pack.run(["diff", "pack", "strategy@2", "strategy@2", "--exit-code"])
        #expect(same.status == 0)
        let explicit = try await pack.run(["diff", "pack", "strategy@1", "strategy@2"])
        #expect(explicit.standardOutput == text.standardOutput)
        let mixed = try await pack.run(["diff", "pack", "strategy@1", "communication@2"])
        #expect(mixed.status == 64)
        #expect(mixed.standardError.contains("Usage: engage diff"), "the diff command's usage, not the root's")
    }

    @Test func diffJSONIsAnEditListWithSectionsAndPaths() async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let outcome = try await pack.run(["diff", "pack", "strategy", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["identical"] as? Bool == false)
        #expect(json["old"] as? Int == 1)
        #expect(json["new"] as? Int == 2)
        let edits = try #require(json["edits"] as? [[String: Any]])
        let purpose = try #require(edits.first { $0["section_id"] as? String == "purpose" })
        #expect(purpose["op"] as? String == "replace")
        #expect((purpose["old"] as? String)?.contains("We work with GPs") == true)
        #expect((purpose["new"] as? String)?.contains("We plan and deliver care together") == true)
        #expect(edits.allSatisfy { Set($0.keys) == ["op", "section_id", "path", "old", "new"] })
        let summary = try #require(json["summary"] as? [String: Any])
        #expect((summary["changed"] as? [String])?.contains("purpose") == true)
    }

    /// The redline page: valid HTML5 and byte for byte its golden file (re-record with
    /// `ENGAGE_RECORD_GOLDEN=1`).
    @Test func diffHTMLIsAValidSelfContainedRedlinePage() async throws {
        let pack = try await TwoRevisions()
        defer { pack.scratch.remove() }
        let outcome = try await pack.run(["diff", "pack", "strategy", "--format", "html"])
        #expect(outcome.status == 0)
        let page = pack.scratch.url.appendingPathComponent("redline.html")
        try outcome.standardOutput.write(to: page, atomically: true, encoding: .utf8)
        let summary = try OutputChecker.check("html", page)
        #expect(summary.text.contains("plan and deliver care together"))
        #expect(outcome.standardOutput.contains("<ins"))
        #expect(outcome.standardOutput.contains("<del"))
        #expect(outcome.standardOutput.contains("<details"))
        #expect(!outcome.standardOutput.contains("http://") && !outcome.standardOutput.contains("https://"))
        if ProcessInfo.processInfo.environment["ENGAGE_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.redlineGolden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try outcome.standardOutput.write(to: Self.redlineGolden, atomically: true, encoding: .utf8)
        } else {
            #expect(outcome.standardOutput == (try String(contentsOf: Self.redlineGolden, encoding: .utf8)))
        }
    }
}
