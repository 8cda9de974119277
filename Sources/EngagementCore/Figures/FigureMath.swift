import Foundation

/// Decimal arithmetic shared by the figures, kept in one place so every figure rounds and
/// divides the same way.
///
/// Figures keep Foundation's `Decimal` at full precision (38 significant digits) so that
/// regenerating a document from the same profile gives the same digits on every machine;
/// binary floating point would not. Round only when displaying.
public enum FigureMath {
    /// `value` rounded half away from zero to `places` decimal places (2.345 -> 2.35,
    /// -2.345 -> -2.35), the rounding readers expect in a financial table.
    ///
    /// - Parameter places: digits after the decimal point; 0 rounds to a whole number.
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// `base` raised to a non-negative integer power by repeated multiplication.
    ///
    /// Discounting needs only whole years, and repeated multiplication is exact while the
    /// digits fit in a Decimal (1.035^12 does), so no fractional power is ever needed.
    static func power(_ base: Decimal, _ exponent: Int) -> Decimal {
        var result: Decimal = 1
        for _ in 0..<max(0, exponent) {
            result *= base
        }
        return result
    }

    /// `numerator / denominator`, or nil when the denominator is zero, because a Decimal
    /// division by zero gives NaN, which would leak into documents as "NaN".
    static func ratio(_ numerator: Decimal, _ denominator: Decimal) -> Decimal? {
        denominator == 0 ? nil : numerator / denominator
    }

    /// `part` as a percentage of `whole`, or nil when `whole` is zero.
    ///
    /// Multiplies before dividing so that whole percentages (30 of 100) stay exact.
    static func percent(_ part: Int, of whole: Int) -> Decimal? {
        whole == 0 ? nil : Decimal(part) * 100 / Decimal(whole)
    }

    /// The mean of `scores`, or nil when there are none.
    static func average(_ scores: [Int]) -> Decimal? {
        scores.isEmpty ? nil : Decimal(scores.reduce(0, +)) / Decimal(scores.count)
    }
}
