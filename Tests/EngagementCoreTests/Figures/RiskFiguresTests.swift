import Testing

@testable import EngagementCore

@Suite("Risks")
struct RiskFiguresTests: FigureFixtures {
    typealias RatingCase = (likelihood: Int, impact: Int, score: Int, rating: FigureBand)

    static let ratings: [RatingCase] = [
        (5, 5, 25, .high),
        // 3 x 5 = 15, the bottom of high.
        (3, 5, 15, .high),
        // 3 x 4 = 12.
        (3, 4, 12, .medium),
        // 2 x 4 = 8, the bottom of medium.
        (2, 4, 8, .medium),
        // 2 x 3 = 6 (7 cannot be made from two scores of 1-5).
        (2, 3, 6, .low),
        (1, 1, 1, .low),
    ]

    @Test("Score is likelihood x impact: high from 15, medium from 8", arguments: ratings)
    func scoreAndRating(_ example: RatingCase) throws {
        let figures = RiskFigures(risks: [Self.risk("r", example.likelihood, example.impact)])
        let entry = try #require(figures.ranked.first)
        #expect(entry.score == example.score)
        #expect(entry.rating == example.rating)
    }

    @Test("Risks are ranked by score descending, then by id")
    func ranking() {
        // Northgate's register: 3x4 = 12, 3x4 = 12, 4x3 = 12, 2x4 = 8, 2x5 = 10, 3x3 = 9.
        let figures = RiskFigures(risks: [
            Self.risk("risk-epr-integration", 3, 4), Self.risk("risk-clinical-buy-in", 3, 4),
            Self.risk("risk-winter-pressures", 4, 3), Self.risk("risk-icb-funding", 2, 4),
            Self.risk("risk-data-protection", 2, 5), Self.risk("risk-digital-exclusion", 3, 3),
        ])
        #expect(
            figures.ranked.map(\.id) == [
                "risk-clinical-buy-in", "risk-epr-integration", "risk-winter-pressures", "risk-data-protection",
                "risk-digital-exclusion", "risk-icb-funding",
            ])
        #expect(figures.ranked.map(\.score) == [12, 12, 12, 10, 9, 8])
        // All six fall in 8-14.
        #expect(figures.countsByRating == [.high: 0, .medium: 6, .low: 0])
    }

    static func risk(_ id: String, _ likelihood: Int, _ impact: Int) -> ClientProfile.Risk {
        ClientProfile.Risk(
            id: id, category: "people", likelihood: likelihood, impact: impact, owner: "o", description: "", mitigation: "")
    }
}
