import Foundation

/// Where each expectation stands against its target, threshold and glide path, from its
/// latest measurement.
///
/// Time counts: on or after its due date (or without one) an expectation is met, at risk
/// or missed against its target and threshold. Before the due date it is met at the
/// target; otherwise it is judged against the milestone that applies, the latest dated on
/// or before the measurement: on track at or better than it, at risk behind it, and
/// missed only when the glide path had already reached the threshold by that milestone
/// and the value has fallen back beyond it (an interim commitment broken). With no
/// milestone passed yet, a value short of the target is at risk, never missed: a baseline
/// below the threshold years before the due date is where the work starts, not a failure.
public struct ExpectationFigures: Sendable, Hashable {
    /// An expectation's standing against its target and threshold.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// On the good side of the target, or exactly on it.
        case met
        /// Before the due date, at or better than the milestone that applies.
        case onTrack = "on-track"
        /// Short of the target and, before the due date, of the milestone that applies;
        /// within the threshold, or before the due date with no milestone to miss.
        case atRisk = "at-risk"
        /// Strictly on the wrong side of the threshold: on or after the due date, or before
        /// it when the milestone that applies had reached the threshold and the value is
        /// behind it. The expectation-missed alert.
        case missed
        /// Never measured.
        case noData = "no-data"
    }

    /// One expectation's latest measurement and standing.
    public struct Entry: Sendable, Hashable, Identifiable {
        /// The expectation's id in the profile.
        public var id: String
        /// Which way is good for this metric.
        public var direction: ClientProfile.Direction
        /// The unit of the values, from the profile.
        public var unit: String
        /// The value before the engagement, when the profile gives it.
        public var baseline: Decimal?
        /// The value aimed for.
        public var target: Decimal
        /// The worst acceptable value.
        public var threshold: Decimal
        /// How many measurements the profile holds for this expectation.
        public var measurementCount: Int
        /// The latest measurement by date; of several on that date, the last in the file.
        public var latest: ClientProfile.Measurement?
        /// The measurement before `latest` in the same order, used for the trend.
        public var previous: ClientProfile.Measurement?
        /// The latest value's standing; noData without measurements.
        public var status: Status
        /// The milestone the latest value was judged against: before the due date, the
        /// latest dated on or before the measurement; nil otherwise.
        public var milestone: ClientProfile.Milestone?
        /// The first milestone after the latest measurement (or, unmeasured, the first):
        /// what the reader should look for next.
        public var nextMilestone: ClientProfile.Milestone?
        /// latest - baseline (raw, not signed by direction); nil without either.
        public var changeFromBaseline: Decimal?
        /// latest - previous (raw, not signed by direction); nil with fewer than two
        /// measurements.
        public var trend: Decimal?
    }

    /// Every expectation, in profile order.
    public var entries: [Entry]
    /// How many expectations are met.
    public var metCount: Int
    /// How many expectations are on track along their glide path.
    public var onTrackCount: Int
    /// How many expectations are at risk.
    public var atRiskCount: Int
    /// How many expectations are missed.
    public var missedCount: Int
    /// How many expectations have no measurement.
    public var noDataCount: Int

    /// Finds each expectation's latest measurement and classifies it.
    ///
    /// - Parameter measurements: all measurements in file order; those of unknown
    ///   expectations are ignored.
    public init(expectations: [ClientProfile.Expectation], measurements: [ClientProfile.Measurement]) {
        entries = expectations.map { expectation in
            // Swift's sort is not stable, so sort on (date, file position) to keep ties in
            // file order: the last of equal dates then comes last and counts as latest.
            let history = measurements.enumerated()
                .filter { $0.element.expectation == expectation.id }
                .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
                .map(\.element)
            let latest = history.last
            let previous = history.count >= 2 ? history[history.count - 2] : nil
            let judged = latest.map { Self.standing(of: $0, for: expectation) }
            return Entry(
                id: expectation.id, direction: expectation.direction, unit: expectation.unit,
                baseline: expectation.baseline, target: expectation.target, threshold: expectation.threshold,
                measurementCount: history.count, latest: latest, previous: previous,
                status: judged?.status ?? .noData, milestone: judged?.milestone,
                nextMilestone: expectation.milestones.first { milestone in latest.map { milestone.date > $0.date } ?? true },
                changeFromBaseline: latest.flatMap { latest in expectation.baseline.map { latest.value - $0 } },
                trend: latest.flatMap { latest in previous.map { latest.value - $0.value } })
        }
        metCount = entries.count(where: { $0.status == .met })
        onTrackCount = entries.count(where: { $0.status == .onTrack })
        atRiskCount = entries.count(where: { $0.status == .atRisk })
        missedCount = entries.count(where: { $0.status == .missed })
        noDataCount = entries.count(where: { $0.status == .noData })
    }

    /// The standing of `measurement` for `expectation`, and the milestone it was judged
    /// against (see the type's documentation).
    public static func standing(
        of measurement: ClientProfile.Measurement, for expectation: ClientProfile.Expectation
    ) -> (status: Status, milestone: ClientProfile.Milestone?) {
        let final = status(
            of: measurement.value, target: expectation.target, threshold: expectation.threshold,
            direction: expectation.direction)
        guard let due = expectation.due, measurement.date < due, final != .met else { return (final, nil) }
        guard let milestone = expectation.milestones.last(where: { $0.date <= measurement.date }) else {
            return (.atRisk, nil)
        }
        let betterOrEqual: (Decimal, Decimal) -> Bool = expectation.direction == .higherIsBetter ? { $0 >= $1 } : { $0 <= $1 }
        if betterOrEqual(measurement.value, milestone.value) { return (.onTrack, milestone) }
        let pathWithinThreshold = betterOrEqual(milestone.value, expectation.threshold)
        return (final == .missed && pathWithinThreshold ? .missed : .atRisk, milestone)
    }

    /// The standing of `value` against `target` and `threshold` for `direction`.
    ///
    /// Equal to the target is met; equal to the threshold is at risk, because the
    /// threshold is the worst value still acceptable; only beyond it is missed.
    public static func status(
        of value: Decimal, target: Decimal, threshold: Decimal, direction: ClientProfile.Direction
    ) -> Status {
        switch direction {
        case .higherIsBetter:
            if value >= target { return .met }
            return value >= threshold ? .atRisk : .missed
        case .lowerIsBetter:
            if value <= target { return .met }
            return value <= threshold ? .atRisk : .missed
        }
    }
}
