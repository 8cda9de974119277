import Foundation
import Testing

/// Word and PDF through the built `engage`: every document of every sample checked by
/// python-docx against its XHTML, opened by LibreOffice and drawn by pdftoppm; the same
/// bytes twice; a past revision's Word file reproduced from the store; a firm change
/// making exactly the sections that show it stale.
@Suite("Word and PDF documents", .serialized)
struct WordAndPDFTests {
    static let kinds = ["business-case", "strategy", "change-management", "communication"]
    static let samples = [
        "northgate-hospitals", "northgate-hospitals-revised", "meridian-aerostructures", "vale-growers-cooperative",
        "harbourside-catering", "cascade-home-services",
    ]
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static let firm = repository.appendingPathComponent("Samples/halden-partners/firm.xml").path

    struct DocxSummary: Decodable {
        var headings: Int
        var paragraphs: Int
        var tables: Int
        /// The pictures python-docx sees in the body, and their alternative texts.
        var inline_shapes: Int?
        var alt_texts: [String]?
    }

    /// Runs Tests/tools/check_docx.py on a document and the XHTML it was made from.
    static func checkDocx(_ docx: URL, against xhtml: URL) throws -> DocxSummary {
        let script = repository.appendingPathComponent("Tests/tools/check_docx.py")
        let (process, capture) = try EngageProcess.prepare(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, docx.path, xhtml.path], in: nil)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        let outcome = try capture.outcome(of: process)
        guard outcome.status == 0 else { throw OutputChecker.Invalid(description: outcome.standardError) }
        return try JSONDecoder().decode(DocxSummary.self, from: Data(outcome.standardOutput.utf8))
    }

    /// The share of dark pixels on the first page of `pdf`, drawn by pdftoppm in grey.
    static func inkOnFirstPage(_ pdf: URL, in folder: URL) throws -> Double {
        let prefix = folder.appendingPathComponent("page-\(UUID().uuidString)")
        let (process, capture) = try EngageProcess.prepare(
            URL(fileURLWithPath: "/usr/bin/env"), ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", pdf.path, prefix.path], in: nil)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        let outcome = try capture.outcome(of: process)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(prefix.lastPathComponent) }
        let page = try Data(contentsOf: folder.appendingPathComponent(try #require(pages.first)))
        // A binary PGM: "P5", width, height, maximum, each after whitespace, then one byte a pixel.
        var fields: [String] = []
        var index = 0
        while fields.count < 4 {
            var field = ""
            while index < page.count, !(page[index] == 0x20 || page[index] == 0x0A) {
                field.append(Character(UnicodeScalar(page[index])))
                index += 1
            }
            index += 1
            if !field.isEmpty { fields.append(field) }
        }
        let pixels = page[index...]
        #expect(fields[0] == "P5")
        return Double(pixels.filter { $0 < 128 }.count) / Double(max(1, pixels.count))
    }

    @Test("Every document of every sample, as Word and PDF: python-docx reads the XHTML's headings and text, LibreOffice lays it out, its first page has ink")
    func everySampleAsWordAndPDF() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for sample in Self.samples {
            let profile = Self.repository.appendingPathComponent("Samples/\(sample).xml").path
            let outcome = try await EngageProcess.run(
                ["generate", profile, "--out", sample, "--firm", Self.firm, "--format", "xhtml,docx,pdf"], in: scratch.url)
            #expect(outcome.status == 0, "\(sample): \(outcome.standardError)")
            for kind in Self.kinds {
                let folder = scratch.url.appendingPathComponent(sample)
                let summary = try Self.checkDocx(folder.appendingPathComponent("\(kind).docx"), against: folder.appendingPathComponent("\(kind).xhtml"))
                #expect(summary.headings > 5 && summary.tables > 0, "\(sample)/\(kind): \(summary)")
                let pdf = folder.appendingPathComponent("\(kind).pdf")
                #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF".utf8)))
                let ink = try Self.inkOnFirstPage(pdf, in: scratch.url)
                #expect(ink > 0.002 && ink < 0.5, "\(sample)/\(kind): \(ink) of the first page is dark")
            }
            #expect(try await EngageProcess.run(["status", sample, "--exit-code"], in: scratch.url).status == 0)
        }
    }

    @Test("The same profile gives the same Word and PDF bytes in two packs, and show DOC@N --format docx gives back a past revision's Word file")
    func wordAndPDFAreDeterministicAndReproducible() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let profile = Self.repository.appendingPathComponent("Samples/northgate-hospitals.xml").path
        for pack in ["one", "two"] {
            let outcome = try await EngageProcess.run(["generate", profile, "--out", pack, "--firm", Self.firm, "--format", "docx,pdf"], in: scratch.url)
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        for kind in Self.kinds {
            for format in ["docx", "pdf"] {
                let one = try Data(contentsOf: scratch.url.appendingPathComponent("one/\(kind).\(format)"))
                let two = try Data(contentsOf: scratch.url.appendingPathComponent("two/\(kind).\(format)"))
                #expect(one == two, "\(kind).\(format) differs between two runs")
            }
        }
        let first = try Data(contentsOf: scratch.url.appendingPathComponent("one/strategy.docx"))
        // Revision 2 from the revised profile; revision 1's Word file comes back from the store.
        let revised = Self.repository.appendingPathComponent("Samples/northgate-hospitals-revised.xml").path
        let second = try await EngageProcess.run(["generate", revised, "--out", "one", "--firm", Self.firm, "--format", "docx"], in: scratch.url)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("one/strategy.docx")) != first)
        let shown = try await EngageProcess.run(["show", "one", "strategy@1", "--format", "docx"], in: scratch.url)
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(Data(shown.standardOutput.utf8).count > 0)
        let shownFile = scratch.url.appendingPathComponent("shown.docx")
        let (process, capture) = try EngageProcess.prepare(try EngageProcess.executable(), ["show", "one", "strategy@1", "--format", "docx"], in: scratch.url)
        defer { capture.remove() }
        FileManager.default.createFile(atPath: shownFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: shownFile)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: shownFile) == first)
    }

    /// Document control shows the input fingerprint (the reference), which any change moves.
    @Test("A change to the firm's colour makes only each document's head stale; a new logo only its cover; regenerate brings both back")
    func firmStyleChangesMakeExactlyTheirReadersStale() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--format", "html,docx"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let html = try FirmCommandTests.text(folder, "pack/strategy.html")
        #expect(html.contains("--accent: #1F3A5F;"))
        #expect(html.contains("text-transform: uppercase"), "the firm's stylesheet follows the shipped one")

        let firm = folder.url.appendingPathComponent("firm/firm.xml")
        try (try String(contentsOf: firm, encoding: .utf8)).replacingOccurrences(of: "#1F3A5F", with: "#0B5D4B").write(to: firm, atomically: true, encoding: .utf8)
        func staleSections() async throws -> [String: [String]] { try await Self.staleSections(ofPack: "pack", in: folder.url) }
        let verbose = try await EngageProcess.run(["status", "pack", "--verbose"], in: folder.url)
        #expect(verbose.standardOutput.contains("colour"), "\(verbose.standardOutput)")
        #expect(try await staleSections() == Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, ["head", "document-control"]) }))
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        #expect(try FirmCommandTests.text(folder, "pack/strategy.html").contains("--accent: #0B5D4B;"))
        let styles = try Self.unzip(folder.url.appendingPathComponent("pack/strategy.docx"), "word/styles.xml", in: folder.url)
        #expect(styles.contains("w:val=\"0B5D4B\""))

        let logo = folder.url.appendingPathComponent("firm/logo.svg")
        try (try String(contentsOf: logo, encoding: .utf8)).replacingOccurrences(of: "#B5532E", with: "#C0392B").write(to: logo, atomically: true, encoding: .utf8)
        #expect(try await staleSections() == Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, ["cover", "document-control"]) }))
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)
    }

    @Test("An en-US firm writes American dates and spelling in the template's words (never in the client's), on Letter paper; a locale change makes every section stale")
    func americanLocale() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--format", "md,docx"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        #expect(try FirmCommandTests.text(folder, "pack/strategy.md").contains("| Date | 16 November 2026 |"))

        let firm = folder.url.appendingPathComponent("firm/firm.xml")
        try (try String(contentsOf: firm, encoding: .utf8))
            .replacingOccurrences(of: #"<locale language="en-GB"/>"#, with: #"<locale language="en-US"/>"#)
            .replacingOccurrences(of: #"<page size="A4"/>"#, with: "")
            .write(to: firm, atomically: true, encoding: .utf8)
        let stale = try await Self.staleSections(ofPack: "pack", in: folder.url).values.map(\.count)
        // Every section reads the locale: the whole of each document is stale.
        for count in stale { #expect(count > 12, "\(stale)") }
        #expect(try await EngageProcess.run(["regenerate", "pack"], in: folder.url).status == 0)
        let strategy = try FirmCommandTests.text(folder, "pack/strategy.md")
        #expect(strategy.contains("| Date | November 16, 2026 |"))
        let businessCase = try FirmCommandTests.text(folder, "pack/business-case.md")
        #expect(businessCase.contains("organization") && !businessCase.contains("organisation"), "the template's words")
        #expect(businessCase.contains("Outpatient transformation programme"), "the client's own words are never respelt")
        let document = try Self.unzip(folder.url.appendingPathComponent("pack/strategy.docx"), "word/document.xml", in: folder.url)
        #expect(document.contains(#"<w:pgSz w:w="12240" w:h="15840"/>"#), "Letter")
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)
    }

    @Test("Without LibreOffice, --format pdf says which package to install, exits 2 and writes nothing")
    func pdfWithoutLibreOfficeIsRefused() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let profile = Self.repository.appendingPathComponent("Samples/northgate-hospitals.xml").path
        let emptyPath = scratch.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
        let outcome = try ConventionsTests.run(
            ["generate", profile, "--out", "pack", "--firm", "none", "--format", "html,pdf"], in: scratch.url, environment: ["PATH": emptyPath.path])
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("apt-get install libreoffice-writer-nogui"), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack/strategy.html").path))
    }

    /// Each document's stale section ids, from `status --json` on the pack at `pack`.
    static func staleSections(ofPack pack: String, in folder: URL) async throws -> [String: [String]] {
        struct Status: Decodable {
            struct Document: Decodable {
                struct Section: Decodable { var section_id: String }
                var kind: String
                var stale_sections: [Section]
            }
            var documents: [Document]
        }
        let status = try await EngageProcess.run(["status", pack, "--json"], in: folder)
        let decoded = try JSONDecoder().decode(Status.self, from: Data(status.standardOutput.utf8))
        return Dictionary(uniqueKeysWithValues: decoded.documents.map { ($0.kind, $0.stale_sections.map(\.section_id)) })
    }

    static func unzip(_ file: URL, _ part: String, in folder: URL) throws -> String {
        let script = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"
        let (process, capture) = try EngageProcess.prepare(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path, part], in: folder)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        return try capture.outcome(of: process).standardOutput
    }
}
