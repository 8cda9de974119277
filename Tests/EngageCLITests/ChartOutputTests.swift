import Foundation
import Testing

/// The charts through the built `engage`: inline in the HTML as html5lib sees it, beside
/// the Markdown as cmark-gfm links them, in the Word document as python-docx sees it;
/// checked by status and restored by regenerate; stale exactly when what they draw changed.
@Suite("Charts in every format", .serialized)
struct ChartOutputTests {
    static let strategyCharts = [
        "Journey map", "Stakeholder grid and engagement", "The relationship against the service standard", "Expectations against target",
    ]

    @Test("Each chart is an inline SVG with its title in the HTML, and an image file beside the Markdown linked with its title; a deleted or edited image is reported and restored")
    func htmlAndMarkdown() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--edition", "internal"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let pack = folder.url.appendingPathComponent("pack")

        #expect(try OutputChecker.check("html", pack.appendingPathComponent("strategy.html")).charts == Self.strategyCharts)
        #expect(try OutputChecker.check("html", pack.appendingPathComponent("business-case.html")).charts == ["Cumulative discounted cash flow by option"])
        #expect(try OutputChecker.check("html", pack.appendingPathComponent("change-management.html")).charts == ["Change impact heat map"])
        #expect(try OutputChecker.check("html", pack.appendingPathComponent("communication.html")).charts == [])

        let markdown = try OutputChecker.check("md", pack.appendingPathComponent("strategy.md"))
        // The alternative text is the title, then the description.
        #expect(markdown.images.map { String(($0.alt ?? "").prefix { $0 != "." }) } == Self.strategyCharts)
        #expect(markdown.images.allSatisfy { ($0.alt ?? "").count > 100 })
        #expect(markdown.images.map(\.src) == [
            "strategy-journey-map.svg", "strategy-stakeholder-grid.svg", "strategy-relationship-journey.svg", "strategy-expectation-trends.svg",
        ])
        for image in markdown.images {
            // The file is there, and is an SVG document with the same title.
            let svg = try OutputChecker.check("xhtml", pack.appendingPathComponent(image.src ?? ""))
            #expect(svg.text.hasPrefix(String((image.alt ?? "-").prefix { $0 != "." })), "\(svg.text.prefix(80))")
        }

        let image = pack.appendingPathComponent("strategy-journey-map.svg")
        let original = try Data(contentsOf: image)
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "Journey map", with: "Journey mop").utf8).write(to: image)
        let status = try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url)
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("strategy-journey-map.svg"), "\(status.standardOutput)")
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        #expect(try Data(contentsOf: image) == original)
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)
    }

    @Test("A new score for one touchpoint makes the diagnosis, which draws the journey map, stale, and regenerate redraws the map; a change the map does not show leaves it as it was")
    func chartsGoStaleWithWhatTheyDraw() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        #expect(try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "pack"], in: folder.url).status == 0)
        let image = folder.url.appendingPathComponent("pack/strategy-journey-map.svg")
        let before = try Data(contentsOf: image)
        let profile = folder.url.appendingPathComponent("clients/northgate.xml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        let touchpoint = try #require(text.range(of: #"<touchpoint id="tp-booking-call""#))
        let score = try #require(text.range(of: #"objective=""#, range: touchpoint.upperBound..<text.endIndex))
        let end = try #require(text[score.upperBound...].firstIndex(of: "\""))
        var edited = text
        edited.replaceSubrange(score.upperBound..<end, with: "97")
        try edited.write(to: profile, atomically: true, encoding: .utf8)
        let stale = try await WordAndPDFTests.staleSections(ofPack: "pack", in: folder.url)
        #expect(stale["strategy"]?.contains("diagnosis") == true, "\(stale)")
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        let after = try Data(contentsOf: image)
        #expect(after != before)
        #expect(String(decoding: after, as: UTF8.self).contains("Patient Access Centre booking call"))
    }

    @Test("The Word document holds one picture per chart, with the chart's title and description as alternative text, and python-docx sees them")
    func wordPictures() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--edition", "internal", "--format", "xhtml,docx"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let pack = folder.url.appendingPathComponent("pack")
        let summary = try WordAndPDFTests.checkDocx(pack.appendingPathComponent("strategy.docx"), against: pack.appendingPathComponent("strategy.xhtml"))
        #expect(summary.inline_shapes == 4)
        #expect((summary.alt_texts ?? []).map { String($0.prefix { $0 != "." }) } == Self.strategyCharts)
        let media = try Self.partNames(pack.appendingPathComponent("strategy.docx"))
        #expect(media.filter { $0.hasPrefix("word/media/chart") }.sorted() == (1...4).flatMap { ["word/media/chart\($0).png", "word/media/chart\($0).svg"] }.sorted())
        // Each picture is kept in the pack's store, so an unchanged chart is not drawn again.
        let pictures = try FileManager.default.contentsOfDirectory(atPath: pack.appendingPathComponent(".engage/charts").path)
        #expect(pictures.count == 6 && pictures.allSatisfy { $0.hasSuffix(".png") }, "\(pictures)")
        let again = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--edition", "internal", "--format", "xhtml,docx"], in: folder.url)
        #expect(again.standardError.contains("0 files written"), "\(again.standardError)")
    }

    /// The names of the parts of a zip, read by Python's zipfile.
    static func partNames(_ file: URL) throws -> [String] {
        let script = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"
        let (process, capture) = try EngageProcess.prepare(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], in: nil)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        return try capture.outcome(of: process).standardOutput.split(separator: "\n").map(String.init)
    }
}
