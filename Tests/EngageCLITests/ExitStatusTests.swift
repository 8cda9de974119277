import Foundation
import Testing

/// One exit-status rule for every command (README, "Exit status"): 0 success; 1 the
/// answer is "no" or an input is invalid; 2 the command could not do its job; 64 bad usage.
@Suite(.serialized)
struct ExitStatusTests {
    /// A case: what to run, in the workspace, and the status it must end with.
    struct Case: CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var description: String { "engage \(arguments.joined(separator: " ")) -> \(status)" }

        init(_ arguments: [String], _ status: Int32) {
            self.arguments = arguments
            self.status = status
        }
    }

    /// Every command against every class of outcome. The workspace holds `valid.xml`,
    /// `invalid.xml` (breaks the schema), `current/` (a pack of valid.xml), `stale/` (a
    /// pack whose profile changed since), `broken-profile/` (a pack whose profile is now
    /// invalid), `bad-templates/` (a template that does not parse), `full/` (a non-empty
    /// folder) and `not-a-pack/` (an empty folder).
    static let cases: [Case] = [
        // validate
        Case(["validate", "valid.xml"], 0),
        Case(["validate", "invalid.xml"], 1),
        Case(["validate", "missing.xml"], 2),
        Case(["validate", "valid.xml", "missing.xml", "invalid.xml"], 2),
        Case(["validate"], 64),
        Case(["validate", "valid.xml", "--no-such-option"], 64),
        // generate
        Case(["generate", "valid.xml", "--out", "new-pack"], 0),
        Case(["generate", "invalid.xml", "--out", "invalid-pack"], 1),
        Case(["generate", "missing.xml", "--out", "missing-pack"], 2),
        Case(["generate", "valid.xml", "--out", "bad-templates-pack", "--templates", "bad-templates"], 1),
        Case(["generate", "valid.xml", "--out", "no-templates-pack", "--templates", "no-such-folder"], 2),
        Case(["generate", "valid.xml"], 64),
        Case(["generate", "valid.xml", "--out", "p", "--out-dir", "q"], 64),
        Case(["generate", "valid.xml", "--out", "p", "--format", "pdfx"], 64),
        Case(["generate", "valid.xml", "--out", "p", "--wait", "-1"], 64),
        // status
        Case(["status", "current", "--exit-code"], 0),
        Case(["status", "stale"], 0),
        Case(["status", "stale", "--exit-code"], 1),
        Case(["status", "broken-profile"], 1),
        Case(["status", "not-a-pack"], 2),
        Case(["status", "no-such-pack"], 2),
        Case(["status"], 64),
        // alerts
        Case(["alerts", "current", "--today", "2026-11-22"], 0),
        Case(["alerts", "stale", "--today", "2026-11-22", "--exit-code"], 1),
        Case(["alerts", "no-such-pack"], 2),
        Case(["alerts", "current", "--today", "22/11/2026"], 64),
        // regenerate
        Case(["regenerate", "current"], 0),
        Case(["regenerate", "broken-profile"], 1),
        Case(["regenerate", "no-such-pack"], 2),
        Case(["regenerate"], 64),
        // log
        Case(["log", "current"], 0),
        Case(["log", "current", "strategy"], 0),
        Case(["log", "no-such-pack"], 2),
        Case(["log", "current", "no-such-document"], 64),
        // show
        Case(["show", "current", "strategy"], 0),
        Case(["show", "current", "strategy@1", "--format", "md"], 0),
        Case(["show", "current", "strategy@9"], 2),
        Case(["show", "no-such-pack", "strategy"], 2),
        Case(["show", "current", "strategy@x"], 64),
        Case(["show", "current", "strategy", "--format", "docx-ish"], 64),
        // diff
        Case(["diff", "current", "strategy@1", "strategy@1", "--exit-code"], 0),
        Case(["diff", "stale", "strategy", "--exit-code"], 1),
        Case(["diff", "no-such-pack", "strategy"], 2),
        Case(["diff", "current", "strategy", "communication@1"], 64),
        // templates export
        Case(["templates", "export", "exported"], 0),
        Case(["templates", "export", "full"], 2),
        Case(["templates", "export"], 64),
        Case(["templates"], 64),
        // the root command
        Case(["--version"], 0),
        Case(["no-such-command"], 64),
        Case([], 64),
        Case(["--help"], 0),
    ]

    @Test("Every command exits by the one rule, for every class of outcome")
    func everyCommandFollowsTheRule() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        for testCase in Self.cases {
            let outcome = try await EngageProcess.run(testCase.arguments, in: workspace.url)
            #expect(
                outcome.status == testCase.status,
                "\(testCase): exited \(outcome.status)\n\(outcome.standardError)")
            if testCase.status != 0 && testCase.status != 1 || testCase.arguments.contains("invalid.xml") {
                // A failure says what went wrong, on standard error.
                #expect(!outcome.standardError.isEmpty, "\(testCase): nothing on standard error")
            }
        }
    }

    @Test("Each command's help states the rule")
    func helpStatesTheRule() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for command in ["validate", "generate", "status", "alerts", "regenerate", "log", "show", "diff"] {
            let help = try await EngageProcess.run([command, "--help"], in: scratch.url)
            let text = help.standardOutput.replacingOccurrences(of: "\n", with: " ")
                .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            #expect(text.contains("Exit status: 0 success; 1"), "\(command) --help")
            #expect(text.contains("64 bad usage"), "\(command) --help")
        }
    }

    /// Builds the workspace ``cases`` run in.
    static func workspace() async throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        let sample = repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml")
        let revised = repositoryRoot.appendingPathComponent("Samples/northgate-hospitals-revised.xml")
        let manager = FileManager.default
        try manager.copyItem(at: sample, to: scratch.url.appendingPathComponent("valid.xml"))
        try scratch.write("<client id='x' schema-version='1'><unexpected/></client>", to: "invalid.xml")
        for (pack, profile) in [("current", "current.xml"), ("stale", "stale.xml"), ("broken-profile", "broken.xml")] {
            try manager.copyItem(at: sample, to: scratch.url.appendingPathComponent(profile))
            let generated = try await EngageProcess.run(["generate", profile, "--out", pack], in: scratch.url)
            try #require(generated.status == 0, "\(generated.standardError)")
        }
        // The stale pack's profile changes after it was generated; the broken one's breaks.
        try manager.removeItem(at: scratch.url.appendingPathComponent("stale.xml"))
        try manager.copyItem(at: revised, to: scratch.url.appendingPathComponent("stale.xml"))
        let regenerated = try await EngageProcess.run(["regenerate", "stale"], in: scratch.url)
        try #require(regenerated.status == 0, "\(regenerated.standardError)")
        try manager.removeItem(at: scratch.url.appendingPathComponent("stale.xml"))
        try manager.copyItem(at: sample, to: scratch.url.appendingPathComponent("stale.xml"))
        try scratch.write("<client id='northgate-hospitals' schema-version='1'/>", to: "broken.xml")
        // Templates: a copy of the shipped ones, one of which does not parse.
        let templates = scratch.url.appendingPathComponent("bad-templates")
        try manager.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        try Data("<html><body>".utf8).write(to: templates.appendingPathComponent("strategy.xhtml"))
        try manager.createDirectory(at: scratch.url.appendingPathComponent("full"), withIntermediateDirectories: true)
        try scratch.write("keep me", to: "full/notes.txt")
        try manager.createDirectory(at: scratch.url.appendingPathComponent("not-a-pack"), withIntermediateDirectories: true)
        return scratch
    }
}
