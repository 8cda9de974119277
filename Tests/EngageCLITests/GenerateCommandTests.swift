import Foundation
import Testing

/// End-to-end tests of `engage generate`, running the built binary.
@Suite(.serialized)
struct GenerateCommandTests {
    static let kinds = ["business-case", "strategy", "change-management", "communication"]
    static let formats = ["xhtml", "html", "md"]
    static let goldenFolder = repositoryRoot.appendingPathComponent("Tests/EngageCLITests/Golden/northgate-hospitals")

    static func sample(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Samples/\(name).xml").path
    }

    /// The client edition's charts, written beside the Markdown.
    static let chartFiles = [
        "business-case-cash-flow.svg", "change-management-change-heat-map.svg", "strategy-expectation-trends.svg", "strategy-journey-map.svg",
    ]

    @Test func generatesSixteenFilesFromAnyWorkingDirectoryAndASecondRunRewritesNothing() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = scratch.url.appendingPathComponent("pack")
        let first = try await EngageProcess.run(["generate", Self.sample("northgate-hospitals"), "--out", "pack"], in: scratch.url)
        #expect(first.status == 0, "\(first.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: pack.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == (Self.kinds.flatMap { kind in Self.formats.map { "\(kind).\($0)" } } + Self.chartFiles).sorted())
        #expect(first.standardError.contains("16 files written"))

        let dates = try files.map { try FileManager.default.attributesOfItem(atPath: pack.appendingPathComponent($0).path)[.modificationDate] as? Date }
        try await Task.sleep(nanoseconds: 20_000_000)
        let second = try await EngageProcess.run(["generate", Self.sample("northgate-hospitals"), "--out", "pack"], in: scratch.url)
        #expect(second.status == 0)
        #expect(second.standardError.contains("0 files written, 16 unchanged"))
        let after = try files.map { try FileManager.default.attributesOfItem(atPath: pack.appendingPathComponent($0).path)[.modificationDate] as? Date }
        #expect(dates == after)
    }

    @Test func anInvalidProfileWritesNothing() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let sample = try String(contentsOfFile: Self.sample("northgate-hospitals"), encoding: .utf8)
        let broken = try scratch.write(sample.replacingOccurrences(of: "influence=\"5\"", with: "influence=\"9\""), to: "broken.xml")
        let outcome = try await EngageProcess.run(["generate", broken, "--out", "pack"], in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("broken.xml:"))
        #expect(outcome.standardError.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack").path))
    }

    @Test func outputIsDeterministic() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for pack in ["a", "b"] {
            let outcome = try await EngageProcess.run(["generate", Self.sample("vale-growers-cooperative"), "--out", pack], in: scratch.url)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }
        for kind in Self.kinds {
            for format in Self.formats {
                let a = try Data(contentsOf: scratch.url.appendingPathComponent("a/\(kind).\(format)"))
                let b = try Data(contentsOf: scratch.url.appendingPathComponent("b/\(kind).\(format)"))
                #expect(a == b, "\(kind).\(format) differs between two runs")
            }
        }
    }

    /// Golden files: re-record with `ENGAGE_RECORD_GOLDEN=1 swift test --filter goldenFiles`.
    @Test func goldenFilesForEveryDocumentAndFormat() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outcome = try await EngageProcess.run(["generate", Self.sample("northgate-hospitals"), "--out", "pack"], in: scratch.url)
        try #require(outcome.status == 0, "\(outcome.standardError)")
        let record = ProcessInfo.processInfo.environment["ENGAGE_RECORD_GOLDEN"] == "1"
        if record { try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true) }
        for kind in Self.kinds {
            for format in Self.formats {
                let name = "\(kind).\(format)"
                let actual = try Data(contentsOf: scratch.url.appendingPathComponent("pack/\(name)"))
                let golden = Self.goldenFolder.appendingPathComponent(name)
                if record {
                    try actual.write(to: golden)
                    continue
                }
                let expected = try Data(contentsOf: golden)
                #expect(actual == expected, "\(name) differs from its golden file; re-record with ENGAGE_RECORD_GOLDEN=1 if the change is intended")
            }
        }
    }

    @Test func htmlIsValidHTML5AndMarkdownRendersWithGitHubsCmark() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outcome = try await EngageProcess.run(["generate", Self.sample("meridian-aerostructures"), "--out", "pack"], in: scratch.url)
        try #require(outcome.status == 0, "\(outcome.standardError)")
        for kind in Self.kinds {
            let html = try OutputChecker.check("html", scratch.url.appendingPathComponent("pack/\(kind).html"))
            #expect(html.tables > 0, "\(kind).html has no table")
            #expect(html.links.contains { $0.hasPrefix("#") }, "\(kind).html has no table of contents")
            let markdown = try OutputChecker.check("md", scratch.url.appendingPathComponent("pack/\(kind).md"))
            #expect(markdown.tables > 0, "\(kind).md renders no table")
            #expect(markdown.headings.count >= 8, "\(kind).md renders \(markdown.headings.count) headings")
            #expect(!markdown.text.contains("|---"), "\(kind).md has a table cmark did not recognize")
        }
    }

    @Test func awkwardProfileTextIsEscapedInEveryFormat() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let awkwardName = "Smith & Sons <Holdings> \"Quoted\" 'Ltd' *star* _under_ |pipe| #1"
        let rightToLeft = "\u{200F}شركة\u{200F} 🚀 Café"
        var sample = try String(contentsOfFile: Self.sample("northgate-hospitals"), encoding: .utf8)
        sample = sample.replacingOccurrences(
            of: "<name>Northgate Hospitals</name>", with: "<name>\(awkwardName.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</name>")
        sample = sample.replacingOccurrences(of: "<mission>", with: "<mission>\(rightToLeft) ")
        let profile = try scratch.write(sample, to: "awkward.xml")
        let outcome = try await EngageProcess.run(["generate", profile, "--out", "pack"], in: scratch.url)
        try #require(outcome.status == 0, "\(outcome.standardError)")
        for kind in Self.kinds {
            let html = try OutputChecker.check("html", scratch.url.appendingPathComponent("pack/\(kind).html"))
            #expect(html.text.contains(awkwardName), "\(kind).html lost the name")
            #expect(html.text.contains(rightToLeft), "\(kind).html lost the right-to-left text")
            let markdown = try OutputChecker.check("md", scratch.url.appendingPathComponent("pack/\(kind).md"))
            #expect(markdown.text.contains(awkwardName), "\(kind).md lost the name: \(markdown.text.prefix(300))")
            #expect(markdown.text.contains(rightToLeft), "\(kind).md lost the right-to-left text")
            let xhtml = try String(contentsOf: scratch.url.appendingPathComponent("pack/\(kind).xhtml"), encoding: .utf8)
            #expect(xhtml.contains("Smith &amp; Sons &lt;Holdings&gt;"))
            let reparsed = try OutputChecker.check("xhtml", scratch.url.appendingPathComponent("pack/\(kind).xhtml"))
            #expect(reparsed.text.contains(awkwardName))
        }
    }

    @Test func templateErrorsNameFileLineAndColumnWithACaretAndWriteNothing() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let templates = scratch.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        let strategy = templates.appendingPathComponent("strategy.xhtml")
        var text = try String(contentsOf: strategy, encoding: .utf8)
        text = text.replacingOccurrences(of: "<body>", with: "<body>\n    <p t:text=\"/client/no-such-thing\">x</p>\n    <p t:text=\"count(\">y</p>")
        try text.write(to: strategy, atomically: true, encoding: .utf8)
        let outcome = try await EngageProcess.run(
            ["generate", Self.sample("northgate-hospitals"), "--out", "pack", "--templates", templates.path], in: scratch.url)
        #expect(outcome.status == 1)
        let lines = outcome.errorLines
        let templateLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLine = try #require(templateLines.firstIndex { $0.contains("/client/no-such-thing") }) + 1
        let selectsNothing = try #require(lines.firstIndex { $0.contains("strategy.xhtml:") && $0.contains("'/client/no-such-thing' selects nothing") })
        #expect(lines[selectsNothing].contains(":\(expectedLine):5: error:"), "\(lines[selectsNothing])")
        #expect(lines[selectsNothing + 1].contains("<p t:text=\"/client/no-such-thing\">"))
        #expect(lines[selectsNothing + 2].trimmingCharacters(in: .whitespaces) == "^")
        #expect(outcome.standardError.contains("count("))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack").path))
    }

    @Test func includesThatLeaveTheTemplateFolderAreRefused() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let templates = scratch.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        try scratch.write("<p xmlns=\"http://www.w3.org/1999/xhtml\">secret</p>", to: "outside.xhtml")
        let strategy = templates.appendingPathComponent("strategy.xhtml")
        var text = try String(contentsOf: strategy, encoding: .utf8)
        text = text.replacingOccurrences(of: "<body>", with: "<body><t:include src=\"../outside.xhtml\"/><t:include src=\"/etc/passwd\"/>")
        try text.write(to: strategy, atomically: true, encoding: .utf8)
        let outcome = try await EngageProcess.run(
            ["generate", Self.sample("northgate-hospitals"), "--out", "pack", "--templates", templates.path], in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.components(separatedBy: "leaves the template folder").count == 3)
        #expect(!outcome.standardError.contains("secret"))
        #expect(!outcome.standardError.contains("root:"))
    }

    @Test func batchMakesOnePackPerProfileNamedAfterTheClient() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outcome = try await EngageProcess.run(
            ["generate", Self.sample("meridian-aerostructures"), Self.sample("vale-growers-cooperative"), "--out-dir", "packs"],
            in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        for client in ["meridian-aerostructures", "vale-growers"] {
            for kind in Self.kinds {
                #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("packs/\(client)/\(kind).html").path))
            }
        }
        #expect(outcome.standardError.contains("2 of 2 packs generated."))
    }

    /// Two valid profiles of one client would write one pack: the second is refused before
    /// anything is written. An invalid profile claims no pack, so it refuses nothing.
    @Test func batchRefusesASecondValidProfileOfTheSameClient() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let sample = try String(contentsOfFile: Self.sample("northgate-hospitals"), encoding: .utf8)
        let broken = try scratch.write(sample.replacingOccurrences(of: "influence=\"5\"", with: "influence=\"9\""), to: "broken.xml")
        let copy = try scratch.write(sample, to: "copy.xml")
        let outcome = try await EngageProcess.run(
            ["generate", broken, Self.sample("northgate-hospitals"), copy, "--out-dir", "packs"], in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("broken.xml: the profile is invalid; nothing was written."))
        let refusal = outcome.errorLines.filter { $0.contains("is also the id of") }
        #expect(refusal.count == 1)
        #expect(refusal.first?.hasPrefix("\(copy): the client id 'northgate-hospitals' is also the id of \(Self.sample("northgate-hospitals"))") == true,
                "\(refusal)")
        #expect(outcome.standardError.contains("1 of 3 packs generated."))
        for kind in Self.kinds {
            #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("packs/northgate-hospitals/\(kind).md").path))
        }
    }
}

/// Runs Tests/tools/check_output.py: html5lib in strict mode, GitHub's cmark-gfm.
enum OutputChecker {
    struct Summary: Decodable {
        var text: String
        var headings: [String]
        var tables: Int
        var cells: Int
        var links: [String]
        struct Image: Decodable {
            var src: String?
            var alt: String?
        }
        var images: [Image]
        /// The titles of the inline SVG charts.
        var charts: [String?]
    }

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ kind: String, _ file: URL) throws -> Summary {
        let script = repositoryRoot.appendingPathComponent("Tests/tools/check_output.py")
        let (process, capture) = try EngageProcess.prepare(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, kind, file.path], in: nil)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        let outcome = try capture.outcome(of: process)
        guard outcome.status == 0 else { throw Invalid(description: outcome.standardError) }
        return try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
    }
}
