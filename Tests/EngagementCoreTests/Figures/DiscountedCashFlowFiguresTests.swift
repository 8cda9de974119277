import Foundation
import Testing

@testable import EngagementCore

@Suite("Discounted cash flow")
struct DiscountedCashFlowFiguresTests: FigureFixtures {
    /// One option's flows with every economic figure worked out by hand.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var flows: [ClientProfile.YearFlows]
        var rate: Decimal
        var horizon: Int
        var bias: Decimal
        // Expected values, rounded: money, BCR and payback to 2 places, ROI and switching to 4.
        var pvCosts: String
        var pvBenefits: String
        var npv: String
        var bcr: String?
        var roi: String?
        var payback: String?
        var switching: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // DF(1) = 1/1.1, DF(2) = 1/1.21.
        // PV(costs) = 100. PV(benefits) = 60/1.1 + 60/1.21 = 54.5455 + 49.5868 = 104.1322 (= 12600/121).
        // NPV = -100 + 60/1.1 + 60/1.21 = 500/121 = 4.13. BCR = 104.1322/100 = 1.04.
        // ROI = (120 - 100)/100 = 0.2. Cumulative net -100, -40, 20: payback = 1 + 40/60 = 1.67.
        // Switching = (500/121)/(12600/121) = 500/12600 = 0.0397.
        Case(
            name: "positive NPV pays back inside year 2",
            flows: [year(0, capex: 100), year(1, cash: 60), year(2, cash: 60)], rate: 10, horizon: 2, bias: 0,
            pvCosts: "100", pvBenefits: "104.13", npv: "4.13", bcr: "1.04", roi: "0.2", payback: "1.67",
            switching: "0.0397"),
        // Same flows, optimism bias 20%: year-0 cost = 100 x 1.2 = 120; benefits unchanged.
        // NPV = 12600/121 - 120 = -1920/121 = -15.87 (negative NPV). BCR = 104.1322/120 = 0.87.
        // ROI = (120 - 120)/120 = 0. Cumulative net -120, -60, 0: reaches exactly 0 at the end
        // of year 2, so payback = 1 + 60/60 = 2.00 exactly.
        // Switching = -1920/12600 = -0.1524 (benefits must rise 15.24%).
        Case(
            name: "optimism bias raises costs and payback falls exactly at a year end",
            flows: [year(0, capex: 100), year(1, cash: 60), year(2, cash: 60)], rate: 10, horizon: 2, bias: 20,
            pvCosts: "120", pvBenefits: "104.13", npv: "-15.87", bcr: "0.87", roi: "0", payback: "2",
            switching: "-0.1524"),
        // No costs at all. PV(benefits) = 50/1.1 = 45.4545 = NPV; BCR and ROI undefined (0 costs).
        // Cumulative net at year 0 is 0 >= 0, so payback = 0. Switching = NPV/PV(b) = 1.
        Case(
            name: "zero costs leave BCR and ROI undefined",
            flows: [year(1, cash: 50)], rate: 10, horizon: 1, bias: 20,
            pvCosts: "0", pvBenefits: "45.45", npv: "45.45", bcr: nil, roi: nil, payback: "0", switching: "1"),
        // PV(benefits) = 30/1.05 + 30/1.1025 = 28.5714 + 27.2109 = 55.7823; NPV = 55.7823 - 100 = -44.22.
        // BCR = 0.5578 -> 0.56. ROI = (60 - 100)/100 = -0.4. Cumulative -100, -70, -40: never pays back.
        // Switching = (61.5 - 110.25)/61.5 = -0.7927 (both over 1.1025).
        Case(
            name: "never pays back within the horizon",
            flows: [year(0, capex: 100), year(1, cash: 30), year(2, cash: 30)], rate: 5, horizon: 2, bias: 0,
            pvCosts: "100", pvBenefits: "55.78", npv: "-44.22", bcr: "0.56", roi: "-0.4", payback: nil,
            switching: "-0.7927"),
        // Rate 0, so DF = 1. Benefits: year 0 = 10 - 30 = -20, year 1 = 100 + 20 - 10 = 110.
        // PV(b) = 90 (not 130 with dis-benefits as costs), PV(c) = 50, NPV = 40, BCR = 90/50 = 1.8.
        // ROI = (90 - 50)/50 = 0.8. Net -70, 110; cumulative -70, 40: payback = 0 + 70/110 = 0.64.
        // Switching = 40/90 = 0.4444.
        Case(
            name: "dis-benefits count as negative benefits",
            flows: [year(0, capex: 50, cash: 10, dis: 30), year(1, cash: 100, nonCash: 20, dis: 10)],
            rate: 0, horizon: 1, bias: 0,
            pvCosts: "50", pvBenefits: "90", npv: "40", bcr: "1.8", roi: "0.8", payback: "0.64", switching: "0.4444"),
        // Net year 0 = 20 - 10 = +10, so payback = 0 even though year 1 is negative.
        // PV(c) = 10 + 10/1.1 = 210/11 = 19.09; PV(b) = 20 + 5/1.1 = 270/11 = 24.5454 -> 24.55.
        // NPV = 60/11 = 5.45; BCR = 270/210 = 1.29; ROI = (25 - 20)/20 = 0.25; switching = 60/270 = 0.2222.
        Case(
            name: "pays back in year 0",
            flows: [year(0, capex: 10, cash: 20), year(1, opex: 10, cash: 5)], rate: 10, horizon: 1, bias: 0,
            pvCosts: "19.09", pvBenefits: "24.55", npv: "5.45", bcr: "1.29", roi: "0.25", payback: "0",
            switching: "0.2222"),
        // Years 1 and 2 are missing, so zero. PV(b) = 1331/1.1^3 = 1331/1.331 = 1000 = PV(c): NPV = 0, BCR = 1.
        // ROI = 331/1000 = 0.331. Cumulative -1000, -1000, -1000, 331: payback = 2 + 1000/1331 = 2.75.
        // Switching = 0/1000 = 0.
        Case(
            name: "missing years are zero flows",
            flows: [year(0, capex: 1000), year(3, cash: 1331)], rate: 10, horizon: 3, bias: 0,
            pvCosts: "1000", pvBenefits: "1000", npv: "0", bcr: "1", roi: "0.331", payback: "2.75", switching: "0"),
        // Year 2 lies beyond the horizon of 1 and is ignored: NPV = -10 + 20 = 10 at rate 0.
        // BCR = 20/10 = 2; ROI = 10/10 = 1; cumulative -10, 10: payback = 0 + 10/20 = 0.5; switching = 10/20 = 0.5.
        Case(
            name: "years beyond the horizon are ignored",
            flows: [year(0, capex: 10), year(1, cash: 20), year(2, cash: 1000)], rate: 0, horizon: 1, bias: 0,
            pvCosts: "10", pvBenefits: "20", npv: "10", bcr: "2", roi: "1", payback: "0.5", switching: "0.5"),
        // Only dis-benefits (a do-nothing that gets worse): PV(b) = -100 - 50 = -150 = NPV at rate 0.
        // No costs: BCR and ROI undefined; cumulative -100, -150: never pays back; PV(b) < 0: no switching value.
        Case(
            name: "only dis-benefits give negative benefits and no switching value",
            flows: [year(0, dis: 100), year(1, dis: 50)], rate: 0, horizon: 1, bias: 24,
            pvCosts: "0", pvBenefits: "-150", npv: "-150", bcr: nil, roi: nil, payback: nil, switching: nil),
    ]

    @Test("NPV, PV, BCR, ROI, payback and switching value match the hand computation", arguments: cases)
    func figuresMatchHandComputation(_ example: Case) throws {
        let flow = DiscountedCashFlow(
            flows: example.flows, discountRate: example.rate, horizon: example.horizon, optimismBias: example.bias)
        try expectDecimal(flow.presentValueOfCosts, equals: example.pvCosts)
        try expectDecimal(flow.presentValueOfBenefits, equals: example.pvBenefits)
        try expectDecimal(flow.netPresentValue, equals: example.npv)
        try expectDecimal(flow.benefitCostRatio, equals: example.bcr)
        try expectDecimal(flow.returnOnInvestment, equals: example.roi, places: 4)
        try expectDecimal(flow.paybackYears, equals: example.payback)
        try expectDecimal(flow.switchingValue, equals: example.switching, places: 4)
        #expect(flow.years.map(\.year) == Array(0...example.horizon))
        // The year payback falls in, as the cash table shows it: the year whose end first
        // has a cumulative net of zero or more, so that 1.67 falls in year 2, exactly 2.00
        // in year 2, and 0 in year 0 (consultant review: "2.0 years" against a table still
        // negative at the end of year 2).
        let expectedYear = example.payback.map { Int((Double($0) ?? .nan).rounded(.up)) }
        #expect(flow.paybackYear == expectedYear, "payback \(example.payback ?? "none")")
        if let year = flow.paybackYear {
            #expect(flow.years[year].cumulativeNet >= 0)
            #expect(year == 0 || flow.years[year - 1].cumulativeNet < 0)
        }
    }

    /// One expected row of the optimism-bias case above: 100 of capex, then 60 and 60 of
    /// benefits, at 10% with 20% optimism bias. Amounts to 2 places, the factor to 4.
    struct Row: Sendable, CustomTestStringConvertible {
        var year: Int
        var discountFactor: String
        var cost: String
        var benefit: String
        var net: String
        var discountedNet: String
        var cumulative: String
        var cumulativeDiscounted: String
        var testDescription: String { "year \(year)" }
    }

    static let rows: [Row] = [
        // DF(0) = 1; cost = 100 x 1.2 = 120; net = -120, discounted -120.
        Row(
            year: 0, discountFactor: "1", cost: "120", benefit: "0", net: "-120", discountedNet: "-120",
            cumulative: "-120", cumulativeDiscounted: "-120"),
        // DF(1) = 1/1.1 = 0.9091; net 60, discounted 54.55; cumulative -60; NPV so far -120 + 54.55 = -65.45.
        Row(
            year: 1, discountFactor: "0.9091", cost: "0", benefit: "60", net: "60", discountedNet: "54.55",
            cumulative: "-60", cumulativeDiscounted: "-65.45"),
        // DF(2) = 1/1.21 = 0.8264; discounted 60/1.21 = 49.59; cumulative 0; NPV so far -1920/121 = -15.87.
        Row(
            year: 2, discountFactor: "0.8264", cost: "0", benefit: "60", net: "60", discountedNet: "49.59",
            cumulative: "0", cumulativeDiscounted: "-15.87"),
    ]

    @Test("Each year's row holds its discount factor, flows and running totals", arguments: rows)
    func rowHoldsDiscountedFlows(_ row: Row) throws {
        let flow = DiscountedCashFlow(
            flows: [Self.year(0, capex: 100), Self.year(1, cash: 60), Self.year(2, cash: 60)], discountRate: 10,
            horizon: 2, optimismBias: 20)
        let actual = try #require(flow.years.first { $0.year == row.year })
        try expectDecimal(actual.discountFactor, equals: row.discountFactor, places: 4)
        try expectDecimal(actual.cost, equals: row.cost)
        try expectDecimal(actual.capex, equals: row.year == 0 ? "100" : "0")
        try expectDecimal(actual.benefit, equals: row.benefit)
        try expectDecimal(actual.net, equals: row.net)
        try expectDecimal(actual.discountedNet, equals: row.discountedNet)
        try expectDecimal(actual.cumulativeNet, equals: row.cumulative)
        try expectDecimal(actual.cumulativeDiscountedNet, equals: row.cumulativeDiscounted)
    }

    typealias PaybackCase = (cumulative: [Decimal], nets: [Decimal], expected: String?)

    static let paybacks: [PaybackCase] = [
        // First non-negative at t = 2: 1 + 40/60 = 1.6667.
        ([-100, -40, 20], [-100, 60, 60], "1.6667"),
        // Exactly 0 at the end of year 1: 0 + 100/100 = 1.
        ([-100, 0], [-100, 100], "1"),
        // Breaks even in year 0 already.
        ([0], [0], "0"),
        // t = 1: 0 + 50/60 = 0.8333; the later dip below zero does not matter.
        ([-50, 10, -20], [-50, 60, -30], "0.8333"),
        // Never reaches zero.
        ([-10, -5, -1], [-10, 5, 4], nil),
        // Nothing to appraise.
        ([], [], nil),
    ]

    @Test("Payback is the first year the cumulative net reaches zero, with the fraction", arguments: paybacks)
    func paybackFindsBreakEven(_ example: PaybackCase) throws {
        let payback = DiscountedCashFlow.payback(cumulativeNets: example.cumulative, nets: example.nets)
        try expectDecimal(payback, equals: example.expected, places: 4)
    }
}
