import Foundation

/// Every figure computed from a client profile (DESIGN section 5): with the profile, the
/// model the document templates read.
///
/// Computing never fails: a part the profile leaves out gives an empty or nil figure, and
/// a division by zero gives nil, never NaN. All money and ratios are `Decimal` at full
/// precision; round with ``FigureMath/rounded(_:places:)`` only for display.
public struct EngagementFigures: Sendable, Hashable {
    /// Options appraisal, recommendation and affordability; nil when the profile has no
    /// appraisal (validation requires one when there are options).
    public var appraisal: AppraisalFigures?
    /// NPS, CSAT and CES; nil when the profile has no loyalty survey.
    public var loyalty: LoyaltyFigures?
    /// Grid quadrants, engagement gaps and sponsors.
    public var stakeholders: StakeholderFigures
    /// Impact heat and ADKAR barrier points.
    public var change: ChangeFigures
    /// Each expectation's latest measurement and status.
    public var expectations: ExpectationFigures
    /// Scores by stage and touchpoint gaps.
    public var journey: JourneyFigures
    /// Scored and ranked risks.
    public var risks: RiskFigures
    /// Core and non-core revenue shares.
    public var segments: SegmentFigures
    /// The sector's conventions: appraisal method and governance.
    public var method: MethodFigures
    /// Each document's author, date, status, classification and recipients.
    public var documents: DocumentFigures
    /// The relationship against the firm's service standard, on the documents' date; nil
    /// without a relationship in the profile or a standard in the firm file.
    public var relationship: RelationshipFigures?

    /// HM Treasury's Green Book social time preference rate, percent a year.
    public static let greenBookDiscountRate: Decimal = 3.5

    /// Computes every figure of `profile`.
    /// - Parameter firm: the firm file, whose method and document defaults fill what the
    ///   profile leaves out.
    /// - Parameter documentDate: the date of every document, from `generate --date`.
    public init(profile: ClientProfile, firm: Firm? = nil, documentDate: ProfileDate? = nil) {
        let method = MethodFigures(method: profile.method, firm: firm?.method)
        appraisal = profile.appraisal.map { stated in
            var appraisal = stated
            // A public-sector profile that gives no optimism bias takes the firm's.
            if !appraisal.isOptimismBiasStated, method.sector == .public, let bias = firm?.method.optimismBias {
                appraisal.optimismBias = bias
            }
            // A rate the profile leaves out: the Green Book's for a public-sector client,
            // the firm's cost of capital for a private one, else 3.5% said to be assumed.
            if appraisal.discountRateSource != .profile {
                if method.sector == .public {
                    (appraisal.discountRate, appraisal.discountRateSource) = (Self.greenBookDiscountRate, .greenBook)
                } else if let rate = firm?.method.costOfCapital {
                    (appraisal.discountRate, appraisal.discountRateSource) = (rate, .firm)
                } else {
                    (appraisal.discountRate, appraisal.discountRateSource) = (Self.greenBookDiscountRate, .assumed)
                }
            }
            return AppraisalFigures(appraisal: appraisal, options: profile.options, budget: profile.budget)
        }
        loyalty = profile.loyalty.map(LoyaltyFigures.init(loyalty:))
        stakeholders = StakeholderFigures(stakeholders: profile.stakeholders)
        change = ChangeFigures(impacts: profile.changeImpacts)
        expectations = ExpectationFigures(expectations: profile.expectations, measurements: profile.measurements)
        journey = JourneyFigures(journey: profile.journey)
        risks = RiskFigures(risks: profile.risks)
        segments = SegmentFigures(segments: profile.segments)
        self.method = method
        documents = DocumentFigures(profile: profile, firm: firm?.documents, date: documentDate)
        if let firm, let standard = firm.serviceStandard, let asOf = RelationshipFigures.asOf(profile: profile, documentDate: documentDate) {
            relationship = RelationshipFigures(profile: profile, standard: standard, language: firm.language, asOf: asOf)
        }
    }
}
