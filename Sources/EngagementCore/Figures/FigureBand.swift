/// A three-step rating used for risk ratings and change impact heat.
///
/// Ordered `low < medium < high`, so callers can sort or compare ratings directly.
public enum FigureBand: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Below the medium cut-off: watch.
    case low
    /// Between the cut-offs: plan a response.
    case medium
    /// At or above the high cut-off: act and report.
    case high

    /// The band of `value`: high from `highFrom`, medium from `mediumFrom`, low below.
    public static func of(_ value: Int, mediumFrom: Int, highFrom: Int) -> FigureBand {
        if value >= highFrom { return .high }
        if value >= mediumFrom { return .medium }
        return .low
    }

    /// Compares by severity.
    public static func < (lhs: FigureBand, rhs: FigureBand) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
