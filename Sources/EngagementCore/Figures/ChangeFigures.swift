/// The change impact assessment: how hard the change lands on each group (heat) and
/// where each group's ADKAR progression stalls (barrier point).
public struct ChangeFigures: Sendable, Hashable {
    /// One impacted group's heat and ADKAR barrier.
    public struct Impact: Sendable, Hashable, Identifiable {
        /// The change impact's id in the profile.
        public var id: String
        /// The group of people affected.
        public var group: String
        /// How many people the group holds.
        public var headcount: Int
        /// Degree 0-5 per aspect, in the order of ``ClientProfile/ChangeImpact/aspects``.
        public var degrees: [Int]
        /// The sum of the six degrees, 0-30.
        public var heat: Int
        /// low (0-10), medium (11-20) or high (21-30); see ``FigureThresholds``.
        public var heatBand: FigureBand
        /// Score 1-5 per ADKAR element, in the order of ``ClientProfile/ChangeImpact/adkarElements``.
        public var adkar: [Int]
        /// The first ADKAR element scored at or below ``FigureThresholds/adkarBarrierScore``,
        /// named as in ``ClientProfile/ChangeImpact/adkarElements`` ("desire"); nil when
        /// every element scores above it.
        public var barrierPoint: String?
    }

    /// Every change impact, in profile order.
    public var impacts: [Impact]
    /// The total degree per aspect across groups, in the order of
    /// ``ClientProfile/ChangeImpact/aspects``: the bottom row of the heat map.
    public var aspectTotals: [Int]
    /// The sum of every degree of every group.
    public var overallTotal: Int
    /// The number of people affected across all groups.
    public var totalHeadcount: Int

    /// Assesses every change impact.
    public init(impacts: [ClientProfile.ChangeImpact]) {
        self.impacts = impacts.map { impact in
            let heat = impact.degrees.reduce(0, +)
            return Impact(
                id: impact.id, group: impact.group, headcount: impact.headcount, degrees: impact.degrees,
                heat: heat, heatBand: Self.heatBand(heat), adkar: impact.adkar,
                barrierPoint: Self.barrierPoint(impact.adkar))
        }
        aspectTotals = ClientProfile.ChangeImpact.aspects.indices.map { aspect in
            impacts.reduce(0) { $0 + (aspect < $1.degrees.count ? $1.degrees[aspect] : 0) }
        }
        overallTotal = aspectTotals.reduce(0, +)
        totalHeadcount = impacts.reduce(0) { $0 + $1.headcount }
    }

    /// The band of an impact heat of `heat` (0-30).
    public static func heatBand(_ heat: Int) -> FigureBand {
        .of(heat, mediumFrom: FigureThresholds.heatMediumFrom, highFrom: FigureThresholds.heatHighFrom)
    }

    /// The name of the first element of `scores` (in ADKAR order) at or below the barrier
    /// score, or nil when there is none.
    ///
    /// ADKAR is sequential: ability cannot be built before desire, so the first weak
    /// element is where effort goes, whatever the later scores are.
    public static func barrierPoint(_ scores: [Int]) -> String? {
        let elements = ClientProfile.ChangeImpact.adkarElements
        guard let index = scores.firstIndex(where: { $0 <= FigureThresholds.adkarBarrierScore }),
            index < elements.count
        else { return nil }
        return elements[index]
    }
}
