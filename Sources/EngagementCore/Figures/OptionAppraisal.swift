import Foundation

/// The economic appraisal of one option: its discounted cash flow with optimism bias
/// (the figures to report) and without it (to show what the bias costs).
public struct OptionAppraisal: Sendable, Hashable, Identifiable {
    /// The option's id in the profile.
    public var id: String
    /// The option's display name.
    public var name: String
    /// do-nothing, do-minimum or do-something.
    public var kind: ClientProfile.OptionKind
    /// Whether the profile marks this option as the recommended one.
    public var isRecommended: Bool
    /// The flows and figures with costs raised by the appraisal's optimism bias; these are
    /// the figures the business case reports.
    public var withOptimismBias: DiscountedCashFlow
    /// The same flows and figures with costs as given, to show the effect of the bias.
    public var withoutOptimismBias: DiscountedCashFlow

    /// Appraises `option` under `appraisal`'s discount rate, horizon and optimism bias.
    public init(option: ClientProfile.Option, appraisal: ClientProfile.Appraisal) {
        id = option.id
        name = option.name
        kind = option.kind
        isRecommended = option.isRecommended
        withOptimismBias = DiscountedCashFlow(
            flows: option.years, discountRate: appraisal.discountRate, horizon: appraisal.horizon,
            optimismBias: appraisal.optimismBias)
        withoutOptimismBias = DiscountedCashFlow(
            flows: option.years, discountRate: appraisal.discountRate, horizon: appraisal.horizon, optimismBias: 0)
    }

    /// NPV with optimism bias.
    public var netPresentValue: Decimal { withOptimismBias.netPresentValue }
    /// BCR with optimism bias; nil when PV(costs) is zero.
    public var benefitCostRatio: Decimal? { withOptimismBias.benefitCostRatio }
    /// ROI with optimism bias, as a fraction; nil when total cost is zero.
    public var returnOnInvestment: Decimal? { withOptimismBias.returnOnInvestment }
    /// Payback in years with optimism bias; nil when the option never pays back.
    public var paybackYears: Decimal? { withOptimismBias.paybackYears }
    /// Switching value with optimism bias, as a fraction of PV(benefits).
    public var switchingValue: Decimal? { withOptimismBias.switchingValue }

    /// How much optimism bias lowers the NPV: PV(costs) with bias minus without, never
    /// negative since the bias is a percentage added to costs.
    public var optimismBiasEffect: Decimal {
        withoutOptimismBias.netPresentValue - withOptimismBias.netPresentValue
    }
}
