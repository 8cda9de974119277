import EngagementCore
import Foundation
import Testing
import XMLSupport

/// The discount rate an appraisal uses: the profile's when it gives one; else the Green
/// Book's 3.5% for a public-sector client, the firm's cost of capital for a private one,
/// and 3.5% said to be assumed when the firm gives none. Each with where it came from.
@Suite("Discount rate defaults")
struct DiscountRateDefaultTests {
    static let cases: [(name: String, rate: String?, sector: String, costOfCapital: Decimal?, expected: Decimal, source: String)] = [
        ("stated by a private-sector profile, whatever the firm says", "12", "private", 8, 12, "profile"),
        ("stated by a public-sector profile", "3", "public", 8, 3, "profile"),
        ("left out by a public-sector profile: the Green Book's", nil, "public", 8, 3.5, "green-book"),
        ("left out by a private-sector profile: the firm's cost of capital", nil, "private", 8, 8, "firm"),
        ("left out, and the firm gives none: 3.5%, assumed", nil, "private", nil, 3.5, "assumed"),
    ]

    @Test("The rate and its source", arguments: cases.indices)
    func rate(_ index: Int) throws {
        let testCase = Self.cases[index]
        var appraisal = ProfileFixtures.appraisalAndOptions
        appraisal = appraisal.replacingOccurrences(
            of: #"discount-rate="3.5" "#, with: testCase.rate.map { #"discount-rate="\#($0)" "# } ?? "")
        let text = try ProfileFixtures.minimal([.afterJourney(#"  <method sector="\#(testCase.sector)"/>"# + "\n" + appraisal)])
        let loaded = ProfileFixtures.load(text)
        let profile = try #require(loaded.profile, "\(testCase.name): \(loaded.diagnostics.map(\.formatted))")
        // The validator says when it is left out, since a default applies.
        #expect(loaded.diagnostics.contains { $0.severity == .warning && $0.summary.contains("gives no discount-rate") } == (testCase.rate == nil))
        let firm = Firm(
            id: "f", name: "Firm", legalName: nil, logo: nil, address: nil, colours: [:], fonts: [:], stylesheet: nil, pageSize: nil,
            language: .enGB, method: .init(sector: nil, governance: nil, costOfCapital: testCase.costOfCapital, optimismBias: nil))
        let appraisalFigures = try #require(EngagementFigures(profile: profile, firm: firm).appraisal)
        #expect(appraisalFigures.discountRate == testCase.expected, "\(testCase.name)")
        #expect(appraisalFigures.discountRateSource.rawValue == testCase.source, "\(testCase.name)")
    }
}
