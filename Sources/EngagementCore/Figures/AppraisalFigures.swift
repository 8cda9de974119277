import Foundation

/// The economic and financial case across all options: each option's appraisal, the
/// recommendation measured against doing nothing, and affordability.
public struct AppraisalFigures: Sendable, Hashable {
    /// The recommended option's cost over the horizon set against the available budget.
    public struct Affordability: Sendable, Hashable {
        /// The budget available, from the profile.
        public var available: Decimal
        /// The recommended option's total cost over years 0...horizon, undiscounted, with
        /// optimism bias: the prudent figure a finance committee should fund.
        public var totalCost: Decimal
        /// The same total without optimism bias, for comparison.
        public var totalCostWithoutOptimismBias: Decimal
        /// available - totalCost: positive is headroom, negative a shortfall.
        public var difference: Decimal
        /// The most the programme needs at any one time if every cash-releasing benefit is
        /// recycled into it as it arrives: minus the lowest cumulative net cash (cash
        /// benefits less costs, undiscounted) at a year's end; 0 when it never goes below.
        public var peakFundingNeed: Decimal = 0
        /// The first year in which that lowest point falls; nil when it is 0.
        public var peakFundingYear: Int?

        /// Compares `available` with `totalCost`, and with the peak funding need of
        /// `years` (the recommended option's flows, with optimism bias) when given.
        public init(available: Decimal, totalCost: Decimal, totalCostWithoutOptimismBias: Decimal, years: [DiscountedCashFlow.Year] = []) {
            self.available = available
            self.totalCost = totalCost
            self.totalCostWithoutOptimismBias = totalCostWithoutOptimismBias
            difference = available - totalCost
            var cumulative: Decimal = 0
            for year in years {
                cumulative += year.cashBenefits - year.cost
                if -cumulative > peakFundingNeed {
                    peakFundingNeed = -cumulative
                    peakFundingYear = year.year
                }
            }
        }

        /// What the budget lacks for the peak funding need; 0 when it covers it.
        public var peakShortfall: Decimal { max(0, peakFundingNeed - available) }

        /// Whether the budget covers the total cost with optimism bias.
        public var isAffordable: Bool { difference >= 0 }
        /// What is left once the cost is covered; 0 when there is a shortfall.
        public var headroom: Decimal { max(0, difference) }
        /// What is missing to cover the cost; 0 when the budget is enough.
        public var shortfall: Decimal { max(0, -difference) }
    }

    /// Discount rate in percent per year, from the profile or its default.
    public var discountRate: Decimal
    /// Where the discount rate comes from.
    public var discountRateSource: ClientProfile.DiscountRateSource
    /// The last appraisal year; years 0...horizon are appraised.
    public var horizon: Int
    /// Optimism bias in percent added to costs, from the profile; 0 when none applies.
    public var optimismBias: Decimal
    /// Whether option flows are totals or differences from doing nothing.
    public var basis: ClientProfile.Basis
    /// Every option's appraisal, in profile order.
    public var options: [OptionAppraisal]
    /// The id of the option with the highest NPV (the first on a tie); nil without options.
    /// The business case should explain a recommendation that differs from it.
    public var highestNetPresentValueOptionID: String?
    /// What the recommendation adds over the counterfactual of doing nothing, with
    /// optimism bias: on an absolute basis the recommended NPV minus the do-nothing NPV
    /// (nil without a do-nothing option); on an incremental basis, where the flows are
    /// already differences from doing nothing, the recommended NPV itself. Nil without a
    /// recommended option; 0 when do-nothing is itself recommended.
    public var incrementalNetPresentValue: Decimal?
    /// The recommended option's budget check; nil without a budget or recommendation.
    public var affordability: Affordability?

    /// Appraises every option and compares the recommended one with doing nothing and
    /// with the budget.
    ///
    /// - Parameter budget: nil when the profile states none; affordability is then nil.
    public init(appraisal: ClientProfile.Appraisal, options: [ClientProfile.Option], budget: ClientProfile.Budget?) {
        discountRate = appraisal.discountRate
        discountRateSource = appraisal.discountRateSource
        horizon = appraisal.horizon
        optimismBias = appraisal.optimismBias
        basis = appraisal.basis
        let appraised = options.map { OptionAppraisal(option: $0, appraisal: appraisal) }
        self.options = appraised
        // A strict comparison keeps the first of equal NPVs, which max(by:) does not promise.
        var best: OptionAppraisal?
        for option in appraised where best.map({ option.netPresentValue > $0.netPresentValue }) ?? true {
            best = option
        }
        highestNetPresentValueOptionID = best?.id
        let recommended = appraised.first(where: \.isRecommended)
        let doNothing = appraised.first { $0.kind == .doNothing }
        if let recommended, recommended.kind == .doNothing {
            incrementalNetPresentValue = 0
        } else if let recommended, appraisal.basis == .incremental {
            incrementalNetPresentValue = recommended.netPresentValue
        } else if let recommended, let doNothing {
            incrementalNetPresentValue = recommended.netPresentValue - doNothing.netPresentValue
        } else {
            incrementalNetPresentValue = nil
        }
        if let recommended, let budget {
            affordability = Affordability(
                available: budget.available, totalCost: recommended.withOptimismBias.totalCost,
                totalCostWithoutOptimismBias: recommended.withoutOptimismBias.totalCost, years: recommended.withOptimismBias.years)
        } else {
            affordability = nil
        }
    }

    /// The option the profile recommends (validation ensures exactly one when options exist).
    public var recommended: OptionAppraisal? { options.first(where: \.isRecommended) }

    /// The first do-nothing option, the counterfactual the others are compared with.
    public var doNothing: OptionAppraisal? { options.first { $0.kind == .doNothing } }

    /// Whether the recommended option's NPV (with optimism bias) is above zero; nil
    /// without a recommended option.
    public var isRecommendedNetPresentValuePositive: Bool? { recommended.map { $0.netPresentValue > 0 } }
}
