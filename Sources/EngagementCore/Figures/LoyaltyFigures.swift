import Foundation

/// Net Promoter Score, customer satisfaction and customer effort for one survey period.
///
/// Percentages are in percent points (30 means 30%), at full precision; round them only
/// for display.
public struct LoyaltyFigures: Sendable, Hashable {
    /// The first day of the survey period.
    public var from: ProfileDate
    /// The last day of the survey period.
    public var to: ProfileDate
    /// Answers of 9-10 to "would you recommend us".
    public var promoters: Int
    /// Answers of 7-8.
    public var passives: Int
    /// Answers of 0-6.
    public var detractors: Int
    /// promoters + passives + detractors: every NPS answer, the base of the percentages.
    public var totalResponses: Int
    /// Promoters as a percentage of all NPS answers; nil when there are none.
    public var promoterPercent: Decimal?
    /// Passives as a percentage of all NPS answers; nil when there are none.
    public var passivePercent: Decimal?
    /// Detractors as a percentage of all NPS answers; nil when there are none.
    public var detractorPercent: Decimal?
    /// NPS = % promoters - % detractors, from -100 to 100; nil when nobody answered,
    /// because a score of 0 would claim a balance nobody measured.
    public var netPromoterScore: Decimal?
    /// Satisfaction answers on the 5-point scale; nil when the profile has no CSAT.
    public var csatResponses: Int?
    /// CSAT: the percentage of satisfaction answers scored 4 or 5; nil without CSAT
    /// answers.
    public var customerSatisfaction: Decimal?
    /// The average customer effort score as given in the profile (its scale is the
    /// survey's, so it is passed through unchanged).
    public var customerEffortScore: Decimal?
    /// The number of CES answers, when the profile gives it.
    public var cesResponses: Int?

    /// Computes the scores of `loyalty`.
    public init(loyalty: ClientProfile.Loyalty) {
        from = loyalty.from
        to = loyalty.to
        promoters = loyalty.promoters
        passives = loyalty.passives
        detractors = loyalty.detractors
        let total = loyalty.promoters + loyalty.passives + loyalty.detractors
        totalResponses = total
        promoterPercent = FigureMath.percent(loyalty.promoters, of: total)
        passivePercent = FigureMath.percent(loyalty.passives, of: total)
        detractorPercent = FigureMath.percent(loyalty.detractors, of: total)
        // One division of the difference rather than a difference of two rounded
        // percentages, so that 1 promoter in 3 answers gives the same digits as 33.3...%.
        netPromoterScore = FigureMath.percent(loyalty.promoters - loyalty.detractors, of: total)
        if let counts = loyalty.csatCounts {
            let answers = counts.reduce(0, +)
            // counts[0] holds the answers scoring 1, so scores 4 and 5 start at index 3.
            let satisfied = counts.dropFirst(FigureThresholds.satisfiedFrom - 1).reduce(0, +)
            csatResponses = answers
            customerSatisfaction = FigureMath.percent(satisfied, of: answers)
        } else {
            csatResponses = nil
            customerSatisfaction = nil
        }
        customerEffortScore = loyalty.cesAverage
        cesResponses = loyalty.cesResponses
    }
}
