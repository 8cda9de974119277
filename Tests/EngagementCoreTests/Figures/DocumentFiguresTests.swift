import EngagementCore
import Foundation
import Testing
import XMLSupport

/// Each document's metadata: the profile's entry first, then the firm's defaults, then
/// draft; the run's date over the profile's; recipients by name and role.
@Suite("Document metadata figures")
struct DocumentFiguresTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The `<documents>` element inserted after the journey, or "" for none.
        var documents: String
        var firm: Firm.DocumentDefaults?
        var runDate: String?
        /// The strategy's expected author, status, classification, date and recipients.
        var author: String?
        var status: ClientProfile.DocumentStatus
        var classification: String?
        var date: String?
        var recipients: [String]

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing said anywhere: a draft with no author, date or classification", documents: "", firm: nil, runDate: nil,
             author: nil, status: .draft, classification: nil, date: nil, recipients: []),
        Case(
            name: "the profile's entry, recipients by name and role",
            documents: #"<documents><document kind="strategy" author="Jo Park" status="final" classification="Restricted" date="2026-11-20"><recipient ref="sh-ceo"/></document></documents>"#,
            firm: nil, runDate: nil, author: "Jo Park", status: .final, classification: "Restricted", date: "2026-11-20",
            recipients: ["Ann Lee, Chief Executive"]),
        Case(
            name: "the firm fills what the profile leaves out, never what it says",
            documents: #"<documents><document kind="strategy" status="for-review"/></documents>"#,
            firm: .init(author: "Halden Partners", status: .final, classification: "Commercial in confidence"), runDate: nil,
            author: "Halden Partners", status: .forReview, classification: "Commercial in confidence", date: nil, recipients: []),
        Case(
            name: "another document's entry does not apply",
            documents: #"<documents><document kind="business-case" author="Jo Park" status="final"/></documents>"#,
            firm: nil, runDate: nil, author: nil, status: .draft, classification: nil, date: nil, recipients: []),
        Case(
            name: "generate --date sets the date over the profile's",
            documents: #"<documents><document kind="strategy" date="2026-11-20"/></documents>"#,
            firm: nil, runDate: "2026-12-07", author: nil, status: .draft, classification: nil, date: "2026-12-07", recipients: []),
    ]

    @Test("Metadata with defaults filled in", arguments: cases)
    func metadata(_ testCase: Case) throws {
        let text = try ProfileFixtures.minimal(testCase.documents.isEmpty ? [] : [.afterJourney("  " + testCase.documents)])
        let loaded = ProfileFixtures.load(text)
        let profile = try #require(loaded.profile, "\(loaded.diagnostics.map(\.formatted))")
        let figures = DocumentFigures(profile: profile, firm: testCase.firm, date: testCase.runDate.flatMap(ProfileDate.init))
        #expect(figures.documents.map(\.kind) == DocumentKind.allCases)
        let strategy = try #require(figures.documents.first { $0.kind == .strategy })
        #expect(strategy.author == testCase.author)
        #expect(strategy.status == testCase.status)
        #expect(strategy.classification == testCase.classification)
        #expect(strategy.date?.description == testCase.date)
        #expect(strategy.recipients.map { "\($0.name), \($0.role)" } == testCase.recipients)
    }
}
