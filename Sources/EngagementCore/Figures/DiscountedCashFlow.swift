import Foundation

/// One option's flows year by year over the appraisal horizon, discounted, with the
/// economic figures of the business case (HM Treasury Green Book conventions).
///
/// Year 0 is the first year and is not discounted; flows fall at the end of each later
/// year, so year n is discounted n times. Years the profile leaves out count as zero
/// flows, and years beyond the horizon are ignored (validation rejects them anyway).
///
/// Costs are raised by the optimism bias; benefits are not, because the Green Book
/// applies optimism bias to costs and treats benefit uncertainty through the switching
/// value instead. Dis-benefits are negative benefits, not costs, so they lower the
/// benefit-cost ratio's numerator rather than raise its denominator.
public struct DiscountedCashFlow: Sendable, Hashable {
    /// One row of the appraisal table: one year's flows and their discounted values.
    public struct Year: Sendable, Hashable {
        /// The appraisal year, 0 for the first.
        public var year: Int
        /// 1 / (1 + r/100)^year.
        public var discountFactor: Decimal
        /// Capital cost as given in the profile, before optimism bias.
        public var capex: Decimal
        /// Operating cost as given in the profile, before optimism bias.
        public var opex: Decimal
        /// (capex + opex) x (1 + optimism bias / 100).
        public var cost: Decimal
        /// Cash benefits as given.
        public var cashBenefits: Decimal
        /// Non-cash (monetised) benefits as given.
        public var nonCashBenefits: Decimal
        /// Dis-benefits as given, a positive amount that is subtracted from benefits.
        public var disBenefits: Decimal
        /// cash + non-cash benefits - dis-benefits; negative when dis-benefits dominate.
        public var benefit: Decimal
        /// benefit - cost.
        public var net: Decimal
        /// cost x discount factor.
        public var discountedCost: Decimal
        /// benefit x discount factor.
        public var discountedBenefit: Decimal
        /// net x discount factor.
        public var discountedNet: Decimal
        /// Sum of `net` over this and all earlier years (undiscounted), as payback uses.
        public var cumulativeNet: Decimal
        /// Sum of `discountedNet` over this and all earlier years: the NPV so far.
        public var cumulativeDiscountedNet: Decimal
    }

    /// The optimism bias applied to costs, in percent (0 for the unadjusted figures).
    public var optimismBias: Decimal
    /// One row per year 0...horizon, in year order.
    public var years: [Year]
    /// Sum of costs over the horizon, undiscounted.
    public var totalCost: Decimal
    /// Sum of benefits (net of dis-benefits) over the horizon, undiscounted.
    public var totalBenefit: Decimal
    /// totalBenefit - totalCost.
    public var totalNet: Decimal
    /// PV(costs): sum of discounted costs.
    public var presentValueOfCosts: Decimal
    /// PV(benefits): sum of discounted benefits, net of dis-benefits.
    public var presentValueOfBenefits: Decimal
    /// NPV: sum of discounted net flows.
    public var netPresentValue: Decimal
    /// BCR = PV(benefits) / PV(costs); nil when PV(costs) is zero.
    public var benefitCostRatio: Decimal?
    /// ROI = (total benefit - total cost) / total cost, undiscounted, as a fraction
    /// (0.25 is 25%); nil when the total cost is zero.
    public var returnOnInvestment: Decimal?
    /// Years until the cumulative undiscounted net flow first reaches zero, with the
    /// fraction of the year; 0 when year 0 already breaks even; nil when it never does
    /// within the horizon. See ``payback(cumulativeNets:nets:)``.
    public var paybackYears: Decimal?
    /// The first year (0...horizon) that ends with the cumulative undiscounted net flow at
    /// zero or above: the year in which payback falls, as the cash table shows it; nil
    /// when it never does. With year 0 spent at the outset, payback lies in
    /// (year - 1, year], so "2.0 years" falls in year 3 when it is 2.04.
    public var paybackYear: Int?
    /// NPV / PV(benefits), as a fraction: the share by which benefits could fall before
    /// NPV reaches zero (negative when NPV is already negative: the rise benefits need).
    /// Nil when PV(benefits) is zero or negative, where no fall in benefits means anything.
    public var switchingValue: Decimal?

    /// Appraises `flows` at `discountRate` percent over years 0...`horizon`, raising costs
    /// by `optimismBias` percent.
    ///
    /// - Parameters:
    ///   - flows: the option's years; a year given twice is added up.
    ///   - discountRate: percent per year, e.g. 3.5.
    ///   - horizon: the last year appraised; year 0 is always included.
    ///   - optimismBias: percent added to costs, e.g. 24; pass 0 for unadjusted figures.
    public init(flows: [ClientProfile.YearFlows], discountRate: Decimal, horizon: Int, optimismBias: Decimal) {
        let growth = 1 + discountRate / 100
        let costFactor = 1 + optimismBias / 100
        var rows: [Year] = []
        var cumulative: Decimal = 0
        var cumulativeDiscounted: Decimal = 0
        for n in 0...max(0, horizon) {
            let given = flows.filter { $0.year == n }
            let capex = given.reduce(Decimal(0)) { $0 + $1.capex }
            let opex = given.reduce(Decimal(0)) { $0 + $1.opex }
            let cash = given.reduce(Decimal(0)) { $0 + $1.cashBenefits }
            let nonCash = given.reduce(Decimal(0)) { $0 + $1.nonCashBenefits }
            let dis = given.reduce(Decimal(0)) { $0 + $1.disBenefits }
            let discountFactor = 1 / FigureMath.power(growth, n)
            let cost = (capex + opex) * costFactor
            let benefit = cash + nonCash - dis
            let net = benefit - cost
            let discountedNet = net * discountFactor
            cumulative += net
            cumulativeDiscounted += discountedNet
            rows.append(
                Year(
                    year: n, discountFactor: discountFactor, capex: capex, opex: opex, cost: cost,
                    cashBenefits: cash, nonCashBenefits: nonCash, disBenefits: dis, benefit: benefit, net: net,
                    discountedCost: cost * discountFactor, discountedBenefit: benefit * discountFactor,
                    discountedNet: discountedNet, cumulativeNet: cumulative,
                    cumulativeDiscountedNet: cumulativeDiscounted))
        }
        self.optimismBias = optimismBias
        self.years = rows
        totalCost = rows.reduce(0) { $0 + $1.cost }
        totalBenefit = rows.reduce(0) { $0 + $1.benefit }
        totalNet = totalBenefit - totalCost
        presentValueOfCosts = rows.reduce(0) { $0 + $1.discountedCost }
        presentValueOfBenefits = rows.reduce(0) { $0 + $1.discountedBenefit }
        netPresentValue = cumulativeDiscounted
        benefitCostRatio = FigureMath.ratio(presentValueOfBenefits, presentValueOfCosts)
        returnOnInvestment = FigureMath.ratio(totalNet, totalCost)
        paybackYears = Self.payback(cumulativeNets: rows.map(\.cumulativeNet), nets: rows.map(\.net))
        paybackYear = rows.firstIndex { $0.cumulativeNet >= 0 }
        switchingValue = presentValueOfBenefits > 0 ? netPresentValue / presentValueOfBenefits : nil
    }

    /// The payback period in years from cumulative undiscounted net flows by year.
    ///
    /// 0 when year 0 already breaks even; otherwise, for the first year t whose cumulative
    /// net is at least zero, (t - 1) + (-cumulative(t - 1)) / net(t): the years before t
    /// plus the share of year t's flow needed to cover what was still owed, assuming the
    /// flow arrives evenly through the year. A cumulative net of exactly zero at the end
    /// of year t gives exactly t. Nil when the cumulative net stays negative.
    ///
    /// - Parameters:
    ///   - cumulativeNets: cumulative net flow at the end of years 0, 1, 2, ...
    ///   - nets: each year's net flow, the same length as `cumulativeNets`.
    public static func payback(cumulativeNets: [Decimal], nets: [Decimal]) -> Decimal? {
        guard let first = cumulativeNets.first else { return nil }
        if first >= 0 { return 0 }
        for t in cumulativeNets.indices.dropFirst() where t < nets.count && cumulativeNets[t] >= 0 {
            // cumulative(t - 1) < 0 <= cumulative(t), so net(t) > 0 and the division is safe.
            return Decimal(t - 1) + (-cumulativeNets[t - 1]) / nets[t]
        }
        return nil
    }
}
