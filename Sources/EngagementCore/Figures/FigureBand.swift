/// A three-step rating used for risk ratings and change impact heat.
///
/// Ordered `low < medium < high`, so callers can sort or compare ratings directly.
public enum FigureBand: String, Sendable, Hashable, CaseIterable, Comparable {
    case low, medium, high

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
