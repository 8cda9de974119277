/// The cut-off values the figures classify with, named so that alerts and documents use
/// the very same numbers.
///
/// Each value comes from the practice the documents follow (DESIGN section 5); change one
/// here and every figure, alert and document that uses it changes with it.
public enum FigureThresholds {
    // MARK: Stakeholder grid

    /// Influence or interest at or above this, on the profile's 1-5 scale, counts as high.
    ///
    /// 3 is the midpoint of the scale; a stakeholder rated "middling" is placed with the
    /// high ones so that nobody of moderate influence is left to the monitor quadrant.
    public static let highGridScore = 3

    // MARK: Change

    /// An ADKAR element scored at or below this (on 1-5) is a barrier.
    ///
    /// Prosci's ADKAR assessment treats 3 or lower as the point where the change stalls;
    /// the first such element in ADKAR order is where coaching must start.
    public static let adkarBarrierScore = 3

    /// Impact heat (sum of six degrees, 0-30) at or above this is medium.
    ///
    /// The 0-30 range split into thirds: 0-10 low, 11-20 medium, 21-30 high.
    public static let heatMediumFrom = 11

    /// Impact heat at or above this is high; see ``heatMediumFrom``.
    public static let heatHighFrom = 21

    // MARK: Journey

    /// A touchpoint whose objective score (0-100) is below this is a gap.
    ///
    /// 60 is the usual pass mark for service-level scores: below it, most clients notice.
    public static let objectiveGapBelow = 60

    /// A touchpoint whose emotional score (-2..+2) is at or below this is a gap.
    ///
    /// -1 is the first negative point of the scale: the client leaves the touchpoint unhappy.
    public static let emotionalGapAtOrBelow = -1

    /// A touchpoint whose emotional score scaled to 0-100 differs from its objective score
    /// by this much or more is a gap: the two scores disagree.
    ///
    /// 40 points is more than one and a half steps of the emotional scale (25 points a
    /// step), so it is not rounding noise; it says the metric misses what clients feel,
    /// or the reverse.
    public static let scoreDisagreement = 40

    // MARK: Risks

    /// A risk score (likelihood x impact, 1-25) at or above this is rated high.
    ///
    /// The common 5x5 matrix bands: 15-25 red, 8-14 amber, 1-7 green.
    public static let riskHighFrom = 15

    /// A risk score at or above this (and below ``riskHighFrom``) is rated medium.
    public static let riskMediumFrom = 8

    // MARK: Loyalty

    /// Satisfaction answers at or above this on the 5-point scale count as satisfied.
    ///
    /// CSAT is conventionally the share of "satisfied" (4) and "very satisfied" (5) answers.
    public static let satisfiedFrom = 4
}
