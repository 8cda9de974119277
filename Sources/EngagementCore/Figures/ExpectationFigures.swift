import Foundation

/// Where each expectation stands against its target and threshold, from its latest
/// measurement.
public struct ExpectationFigures: Sendable, Hashable {
    /// An expectation's standing against its target and threshold.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// On the good side of the target, or exactly on it.
        case met
        /// Between the target and the threshold, the threshold included: still acceptable.
        case atRisk = "at-risk"
        /// Strictly on the wrong side of the threshold: the expectation-missed alert.
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
            return Entry(
                id: expectation.id, direction: expectation.direction, unit: expectation.unit,
                baseline: expectation.baseline, target: expectation.target, threshold: expectation.threshold,
                measurementCount: history.count, latest: latest, previous: previous,
                status: latest.map {
                    Self.status(
                        of: $0.value, target: expectation.target, threshold: expectation.threshold,
                        direction: expectation.direction)
                } ?? .noData,
                changeFromBaseline: latest.flatMap { latest in expectation.baseline.map { latest.value - $0 } },
                trend: latest.flatMap { latest in previous.map { latest.value - $0.value } })
        }
        metCount = entries.count(where: { $0.status == .met })
        atRiskCount = entries.count(where: { $0.status == .atRisk })
        missedCount = entries.count(where: { $0.status == .missed })
        noDataCount = entries.count(where: { $0.status == .noData })
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
