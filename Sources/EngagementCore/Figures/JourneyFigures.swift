import Foundation

/// Scores by journey stage and the touchpoints that fall short, for the diagnosis and the
/// case for change.
public struct JourneyFigures: Sendable, Hashable {
    /// Why a touchpoint is flagged as a gap; a touchpoint may have several reasons.
    public enum GapReason: String, Sendable, Hashable, CaseIterable {
        /// Objective score below ``FigureThresholds/objectiveGapBelow``.
        case lowObjectiveScore = "low-objective-score"
        /// Emotional score at or below ``FigureThresholds/emotionalGapAtOrBelow``.
        case negativeEmotion = "negative-emotion"
        /// Scaled emotional and objective scores differ by at least
        /// ``FigureThresholds/scoreDisagreement`` points.
        case scoresDisagree = "scores-disagree"
    }

    /// One touchpoint's scores on a common 0-100 scale and its gap reasons.
    public struct Touchpoint: Sendable, Hashable, Identifiable {
        /// The touchpoint's id in the profile.
        public var id: String
        /// The touchpoint's name.
        public var name: String
        /// The stage the touchpoint belongs to.
        public var stage: ClientProfile.StageName
        /// How clients feel, -2 to +2, as given.
        public var emotionalScore: Int
        /// The measured score, 0-100, as given.
        public var objectiveScore: Int
        /// (emotional + 2) x 25: the emotional score on the objective score's 0-100 scale.
        public var scaledEmotionalScore: Int
        /// |scaled emotional - objective|, how far the two scores disagree.
        public var scoreDifference: Int
        /// Why the touchpoint is a gap, in ``GapReason`` order; empty when it is not.
        public var gapReasons: [GapReason]

        /// Whether the touchpoint is a gap for any reason.
        public var isGap: Bool { !gapReasons.isEmpty }
    }

    /// One stage's averages and touchpoints.
    public struct Stage: Sendable, Hashable {
        /// The stage.
        public var name: ClientProfile.StageName
        /// The stage's touchpoints, in profile order.
        public var touchpoints: [Touchpoint]
        /// The mean emotional score (-2..+2) at full precision; nil without touchpoints.
        public var averageEmotionalScore: Decimal?
        /// The mean objective score (0-100) at full precision; nil without touchpoints.
        public var averageObjectiveScore: Decimal?

        /// The number of touchpoints in the stage.
        public var touchpointCount: Int { touchpoints.count }
        /// The number of the stage's touchpoints that are gaps.
        public var gapCount: Int { touchpoints.count(where: \.isGap) }
    }

    /// Every stage, in journey order (discovery to advocacy).
    public var stages: [Stage]
    /// The stage with the lowest average objective score, the earliest on a tie; nil when
    /// no stage has touchpoints.
    public var weakestStage: ClientProfile.StageName?

    /// Scores every stage and touchpoint of `journey`.
    public init(journey: [ClientProfile.JourneyStage]) {
        // Sorting by the enum's order makes "earliest on a tie" mean journey order, not
        // whatever order the file lists the stages in.
        let order = ClientProfile.StageName.allCases
        stages = journey.sorted { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
            .map { stage in
                let touchpoints = stage.touchpoints.map { Self.touchpoint($0, in: stage.name) }
                return Stage(
                    name: stage.name, touchpoints: touchpoints,
                    averageEmotionalScore: FigureMath.average(touchpoints.map(\.emotionalScore)),
                    averageObjectiveScore: FigureMath.average(touchpoints.map(\.objectiveScore)))
            }
        var weakest: Stage?
        for stage in stages {
            guard let average = stage.averageObjectiveScore else { continue }
            // Strictly lower, so the earlier stage keeps a tie.
            if let current = weakest?.averageObjectiveScore, average >= current { continue }
            weakest = stage
        }
        weakestStage = weakest?.name
    }

    /// Every touchpoint flagged as a gap, in journey order.
    public var gaps: [Touchpoint] { stages.flatMap(\.touchpoints).filter(\.isGap) }

    /// The emotional score -2..+2 on the 0-100 scale: -2 -> 0, 0 -> 50, +2 -> 100.
    public static func scaledEmotionalScore(_ emotional: Int) -> Int { (emotional + 2) * 25 }

    /// The reasons a touchpoint with these scores is a gap, in ``GapReason`` order.
    public static func gapReasons(emotional: Int, objective: Int) -> [GapReason] {
        var reasons: [GapReason] = []
        if objective < FigureThresholds.objectiveGapBelow { reasons.append(.lowObjectiveScore) }
        if emotional <= FigureThresholds.emotionalGapAtOrBelow { reasons.append(.negativeEmotion) }
        if abs(scaledEmotionalScore(emotional) - objective) >= FigureThresholds.scoreDisagreement {
            reasons.append(.scoresDisagree)
        }
        return reasons
    }

    private static func touchpoint(
        _ touchpoint: ClientProfile.Touchpoint, in stage: ClientProfile.StageName
    ) -> Touchpoint {
        let scaled = scaledEmotionalScore(touchpoint.emotionalScore)
        return Touchpoint(
            id: touchpoint.id, name: touchpoint.name, stage: stage, emotionalScore: touchpoint.emotionalScore,
            objectiveScore: touchpoint.objectiveScore, scaledEmotionalScore: scaled,
            scoreDifference: abs(scaled - touchpoint.objectiveScore),
            gapReasons: gapReasons(emotional: touchpoint.emotionalScore, objective: touchpoint.objectiveScore))
    }
}
