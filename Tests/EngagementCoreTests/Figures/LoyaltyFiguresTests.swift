import Foundation
import Testing

@testable import EngagementCore

@Suite("Loyalty")
struct LoyaltyFiguresTests: FigureFixtures {
    struct Case: Sendable, CustomTestStringConvertible {
        var promoters: Int
        var passives: Int
        var detractors: Int
        var csat: [Int]?
        var total: Int
        var nps: String?
        var csatPercent: String?

        var testDescription: String {
            "\(promoters)/\(passives)/\(detractors), CSAT \(csat.map { "\($0)" } ?? "none")"
        }
    }

    static let cases: [Case] = [
        // 100 answers: NPS = 50% - 20% = 30. CSAT = (30 + 30)/100 = 60%.
        Case(
            promoters: 50, passives: 30, detractors: 20, csat: [10, 10, 20, 30, 30], total: 100, nps: "30",
            csatPercent: "60"),
        // Nobody answered: no NPS rather than a misleading 0; CSAT with zero answers likewise.
        Case(promoters: 0, passives: 0, detractors: 0, csat: [0, 0, 0, 0, 0], total: 0, nps: nil, csatPercent: nil),
        // NPS = 33.33% - 33.33% = 0; no CSAT block.
        Case(promoters: 1, passives: 1, detractors: 1, csat: nil, total: 3, nps: "0", csatPercent: nil),
        // NPS = (1 - 2) x 100/3 = -33.33.
        Case(promoters: 1, passives: 0, detractors: 2, csat: nil, total: 3, nps: "-33.33", csatPercent: nil),
        // All detractors: 0% - 100% = -100. CSAT: only 1s and 2s, so 0% satisfied.
        Case(promoters: 0, passives: 0, detractors: 7, csat: [4, 3, 0, 0, 0], total: 7, nps: "-100", csatPercent: "0"),
        // Northgate: 5820 answers; NPS = (3120 - 1290) x 100/5820 = 183000/5820 = 31.44.
        // CSAT = (2140 + 2350) x 100/(210 + 340 + 780 + 2140 + 2350) = 449000/5820 = 77.15.
        Case(
            promoters: 3120, passives: 1410, detractors: 1290, csat: [210, 340, 780, 2140, 2350], total: 5820,
            nps: "31.44", csatPercent: "77.15"),
        // Meridian: 34 answers; NPS = (9 - 11) x 100/34 = -5.88. CSAT = (10 + 4) x 100/36 = 38.89.
        Case(
            promoters: 9, passives: 14, detractors: 11, csat: [3, 7, 12, 10, 4], total: 34, nps: "-5.88",
            csatPercent: "38.89"),
    ]

    @Test("NPS is % promoters minus % detractors; CSAT is the share of 4-5 answers", arguments: cases)
    func scoresMatchHandComputation(_ example: Case) throws {
        let loyalty = ClientProfile.Loyalty(
            from: try date("2026-05-01"), to: try date("2026-10-31"), promoters: example.promoters,
            passives: example.passives, detractors: example.detractors, csatCounts: example.csat,
            cesAverage: nil, cesResponses: nil)
        let figures = LoyaltyFigures(loyalty: loyalty)
        #expect(figures.totalResponses == example.total)
        try expectDecimal(figures.netPromoterScore, equals: example.nps)
        try expectDecimal(figures.customerSatisfaction, equals: example.csatPercent)
        #expect(figures.customerEffortScore == nil)
    }

    @Test("Shares add up and CES passes through unchanged")
    func sharesAndEffort() throws {
        let loyalty = ClientProfile.Loyalty(
            from: try date("2026-05-01"), to: try date("2026-10-31"), promoters: 50, passives: 30, detractors: 20,
            csatCounts: nil, cesAverage: try decimal("3.9"), cesResponses: 2480)
        let figures = LoyaltyFigures(loyalty: loyalty)
        // 50/100, 30/100, 20/100.
        try expectDecimal(figures.promoterPercent, equals: "50")
        try expectDecimal(figures.passivePercent, equals: "30")
        try expectDecimal(figures.detractorPercent, equals: "20")
        try expectDecimal(figures.customerEffortScore, equals: "3.9", places: 1)
        #expect(figures.cesResponses == 2480)
        #expect(figures.csatResponses == nil)
    }
}
