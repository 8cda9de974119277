/// The risk register scored and ranked, most serious first.
public struct RiskFigures: Sendable, Hashable {
    /// One risk with its score and rating.
    public struct Entry: Sendable, Hashable, Identifiable {
        /// The risk's id in the profile.
        public var id: String
        /// The risk's category (people, technology, ...).
        public var category: String
        /// The owner's stakeholder id.
        public var owner: String
        /// Likelihood 1-5.
        public var likelihood: Int
        /// Impact 1-5.
        public var impact: Int
        /// likelihood x impact, 1-25.
        public var score: Int
        /// high (15-25), medium (8-14) or low (1-7); see ``FigureThresholds``.
        public var rating: FigureBand
    }

    /// Every risk, by score descending, then by id ascending so the order is stable.
    public var ranked: [Entry]
    /// How many risks have each rating; every rating is present, 0 if none. Iterate
    /// `FigureBand.allCases` for a stable display order.
    public var countsByRating: [FigureBand: Int]

    /// Scores and ranks `risks`.
    public init(risks: [ClientProfile.Risk]) {
        ranked = risks.map { risk in
            let score = risk.likelihood * risk.impact
            return Entry(
                id: risk.id, category: risk.category, owner: risk.owner, likelihood: risk.likelihood,
                impact: risk.impact, score: score, rating: Self.rating(score))
        }
        .sorted { ($1.score, $0.id) < ($0.score, $1.id) }
        var counts = Dictionary(uniqueKeysWithValues: FigureBand.allCases.map { ($0, 0) })
        for entry in ranked {
            counts[entry.rating, default: 0] += 1
        }
        countsByRating = counts
    }

    /// The rating of a risk score (likelihood x impact).
    public static func rating(_ score: Int) -> FigureBand {
        .of(score, mediumFrom: FigureThresholds.riskMediumFrom, highFrom: FigureThresholds.riskHighFrom)
    }
}
