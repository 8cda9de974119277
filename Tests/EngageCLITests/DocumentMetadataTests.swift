import Foundation
import Testing

/// Document metadata through the built `engage`: the profile's `<documents>` and the
/// firm's defaults on the cover, in document control, in the HTML head and in Word's
/// properties; `--date` remembered by the pack so that status and regenerate agree.
@Suite("Document metadata", .serialized)
struct DocumentMetadataTests {
    @Test("Author, date, status, classification and distribution reach every format, and the firm's default fills the classification")
    func metadataInEveryFormat() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--format", "xhtml,html,md,docx"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        let markdown = try FirmCommandTests.text(folder, "pack/strategy.md")
        #expect(markdown.contains("Revision 1 · For review · 16 November 2026 · Commercial in confidence"), "the cover")
        for row in ["| Status | For review |", "| Date | 16 November 2026 |", "| Author | Tom Ashworth, Halden Partners |",
                    "| Classification | Commercial in confidence |"] {
            #expect(markdown.contains(row), "document control: \(row)")
        }
        #expect(markdown.contains("| Distribution | Daniel Okafor (Chief Operating Officer and Senior Responsible Owner for elective recovery); Dr Helen Marsh (Chief Executive); "), "the distribution list")
        let html = try FirmCommandTests.text(folder, "pack/strategy.html")
        #expect(html.contains(#"<meta name="author" content="Tom Ashworth, Halden Partners">"#))
        let core = try WordAndPDFTests.unzip(folder.url.appendingPathComponent("pack/strategy.docx"), "docProps/core.xml", in: folder.url)
        #expect(core.contains("<dc:creator>Tom Ashworth, Halden Partners</dc:creator>"))
        #expect(core.contains("<cp:contentStatus>For review</cp:contentStatus>"))
        #expect(core.contains("<cp:category>Commercial in confidence</cp:category>"))
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-16T00:00:00Z</dcterms:created>"#))
        let footer = try WordAndPDFTests.unzip(folder.url.appendingPathComponent("pack/strategy.docx"), "word/footer1.xml", in: folder.url)
        #expect(footer.contains("Strategy: Northgate Hospitals · Revision 1 · For review · Commercial in confidence"))
        // The change-management plan is a draft.
        #expect(try FirmCommandTests.text(folder, "pack/change-management.md").contains("| Status | Draft |"))
    }

    @Test("--date sets every document's date; the pack remembers it, so status is current and regenerate keeps it; a generate without it goes back to the profile's")
    func runDateIsRemembered() async throws {
        let folder = try FirmCommandTests.scratch()
        defer { folder.remove() }
        let dated = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--date", "2026-12-07"], in: folder.url)
        #expect(dated.status == 0, "\(dated.standardError)")
        for kind in WordAndPDFTests.kinds {
            #expect(try FirmCommandTests.text(folder, "pack/\(kind).md").contains("| Date | 7 December 2026 |"), "\(kind)")
        }
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)
        let again = try await EngageProcess.run(
            ["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml", "--date", "2026-12-07"], in: folder.url)
        #expect((again.standardOutput + again.standardError).contains("0 files written, 16 unchanged"), "\(again.standardOutput)\(again.standardError)")
        #expect(try FirmCommandTests.text(folder, "pack/strategy.md").contains("Revision 1 · "))
        let undated = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml"], in: folder.url)
        #expect(undated.status == 0, "\(undated.standardError)")
        #expect(try FirmCommandTests.text(folder, "pack/strategy.md").contains("| Date | 16 November 2026 |"))
        #expect(try FirmCommandTests.text(folder, "pack/strategy.md").contains("Revision 2 · "))
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)
        let refused = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "other", "--date", "2026-02-30"], in: folder.url)
        #expect(refused.status == 64, "\(refused.standardError)")
    }
}
