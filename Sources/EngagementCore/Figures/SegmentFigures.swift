import Foundation

/// How revenue splits between core segments (the 20% of segments that bring 80% of
/// revenue) and the rest.
public struct SegmentFigures: Sendable, Hashable {
    /// The ids of the core segments, in profile order.
    public var coreSegmentIDs: [String]
    /// The sum of the core segments' revenue shares, in percent.
    public var coreShare: Decimal
    /// The sum of the other segments' revenue shares, in percent.
    public var nonCoreShare: Decimal
    /// 100 - core - non-core: revenue the profile places in no segment, in percent
    /// (validation allows shares to add up to less than 100; never negative).
    public var unsegmentedShare: Decimal

    /// Adds up the revenue shares of `segments`.
    public init(segments: [ClientProfile.Segment]) {
        coreSegmentIDs = segments.filter(\.isCore).map(\.id)
        coreShare = segments.filter(\.isCore).reduce(Decimal(0)) { $0 + $1.revenueShare }
        nonCoreShare = segments.filter { !$0.isCore }.reduce(Decimal(0)) { $0 + $1.revenueShare }
        unsegmentedShare = max(0, 100 - coreShare - nonCoreShare)
    }
}
