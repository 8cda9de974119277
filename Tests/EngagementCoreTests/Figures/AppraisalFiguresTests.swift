import Foundation
import Testing

@testable import EngagementCore

@Suite("Appraisal across options")
struct AppraisalFiguresTests: FigureFixtures {
    /// 10% discount rate, years 0-2, optimism bias 20%.
    static let appraisal = ClientProfile.Appraisal(discountRate: 10, horizon: 2, optimismBias: 20, baseYear: nil)

    static func option(_ id: String, _ kind: ClientProfile.OptionKind, recommended: Bool, _ years: [ClientProfile.YearFlows])
        -> ClientProfile.Option
    {
        ClientProfile.Option(
            id: id, kind: kind, isRecommended: recommended, name: id, description: "", benefits: [], disBenefits: [],
            years: years)
    }

    /// Opex of 10 a year: with bias, 12 a year.
    /// NPV = -(12 + 12/1.1 + 12/1.21) = -(1452 + 1320 + 1200)/121 = -3972/121 = -32.83.
    static let doNothing = option(
        "dn", .doNothing, recommended: false, [year(0, opex: 10), year(1, opex: 10), year(2, opex: 10)])

    /// 100 capex then 60 and 60 of benefits. With bias: NPV = 12600/121 - 120 = -1920/121 = -15.87.
    /// Without bias: NPV = 12600/121 - 100 = 500/121 = 4.13.
    static func doSomething(recommended: Bool) -> ClientProfile.Option {
        option("ds", .doSomething, recommended: recommended, [year(0, capex: 100), year(1, cash: 60), year(2, cash: 60)])
    }

    typealias IncrementalCase = (name: String, options: [ClientProfile.Option], incremental: String?, positive: Bool?)

    static let incrementalCases: [IncrementalCase] = [
        // -1920/121 - (-3972/121) = 2052/121 = 16.96; the recommended NPV -15.87 is not positive.
        ("do-something against do-nothing", [doNothing, doSomething(recommended: true)], "16.96", false),
        // Do-nothing recommended: it is its own counterfactual, 0; its NPV -32.83 is not positive.
        (
            "do-nothing recommended",
            [option("dn", .doNothing, recommended: true, doNothing.years), doSomething(recommended: false)], "0", false
        ),
        // No do-nothing to compare with.
        ("no do-nothing option", [doSomething(recommended: true)], nil, false),
        // Nothing recommended: neither figure exists.
        ("no recommended option", [doNothing, doSomething(recommended: false)], nil, nil),
    ]

    @Test("Incremental NPV is recommended minus do-nothing", arguments: incrementalCases)
    func incrementalNetPresentValue(_ example: IncrementalCase) throws {
        let figures = AppraisalFigures(appraisal: Self.appraisal, options: example.options, budget: nil)
        try expectDecimal(figures.incrementalNetPresentValue, equals: example.incremental)
        #expect(figures.isRecommendedNetPresentValuePositive == example.positive)
        #expect(figures.affordability == nil)
    }

    // Consultant review: an ambiguous appraisal basis. On an incremental basis the flows
    // already are the differences from doing nothing, so what the recommendation adds is
    // its own NPV, with or without a do-nothing option; subtracting a do-nothing NPV again
    // would count the counterfactual twice.
    @Test(
        "On an incremental basis what the recommendation adds is its own NPV",
        arguments: [
            ("with a zero do-nothing option", [option("dn", .doNothing, recommended: false, [year(0)]), doSomething(recommended: true)]),
            ("without a do-nothing option", [doSomething(recommended: true)]),
        ])
    func incrementalBasis(name: String, options: [ClientProfile.Option]) throws {
        var appraisal = Self.appraisal
        appraisal.basis = .incremental
        let figures = AppraisalFigures(appraisal: appraisal, options: options, budget: nil)
        // -1920/121 = -15.87, the recommended option's own NPV with bias.
        try expectDecimal(figures.incrementalNetPresentValue, equals: "-15.87")
        #expect(figures.basis == .incremental)
    }

    @Test("Without optimism bias the figures with and without it are the same, and it costs nothing")
    func noOptimismBias() throws {
        var appraisal = Self.appraisal
        appraisal.optimismBias = 0
        let figures = AppraisalFigures(appraisal: appraisal, options: [Self.doSomething(recommended: true)], budget: nil)
        let recommended = try #require(figures.recommended)
        // 12600/121 - 100 = 500/121 = 4.13 either way.
        try expectDecimal(recommended.netPresentValue, equals: "4.13")
        try expectDecimal(recommended.optimismBiasEffect, equals: "0")
    }

    @Test("Figures without optimism bias show what the bias costs")
    func optimismBiasEffect() throws {
        let figures = AppraisalFigures(
            appraisal: Self.appraisal, options: [Self.doNothing, Self.doSomething(recommended: true)], budget: nil)
        let recommended = try #require(figures.recommended)
        // With bias -1920/121 = -15.87; without 500/121 = 4.13; effect = 2420/121 = 20
        // (the 20% bias on the undiscounted year-0 capex of 100).
        try expectDecimal(recommended.netPresentValue, equals: "-15.87")
        try expectDecimal(recommended.withoutOptimismBias.netPresentValue, equals: "4.13")
        try expectDecimal(recommended.optimismBiasEffect, equals: "20")
        // -15.87 beats -32.83.
        #expect(figures.highestNetPresentValueOptionID == "ds")
        #expect(figures.doNothing?.id == "dn")
    }

    typealias BudgetCase = (available: Decimal, difference: String, headroom: String, shortfall: String, affordable: Bool)

    static let budgets: [BudgetCase] = [
        // Total cost with bias = 100 x 1.2 = 120 (without bias 100). 150 - 120 = 30 of headroom.
        (150, "30", "30", "0", true),
        // Exactly enough: 120 - 120 = 0.
        (120, "0", "0", "0", true),
        // 100 would cover the unbiased cost but not the biased one: 100 - 120 = -20.
        (100, "-20", "0", "20", false),
    ]

    @Test("Affordability sets the recommended total cost with bias against the budget", arguments: budgets)
    func affordability(_ example: BudgetCase) throws {
        let figures = AppraisalFigures(
            appraisal: Self.appraisal, options: [Self.doNothing, Self.doSomething(recommended: true)],
            budget: ClientProfile.Budget(available: example.available, source: "test"))
        let affordability = try #require(figures.affordability)
        try expectDecimal(affordability.totalCost, equals: "120")
        try expectDecimal(affordability.totalCostWithoutOptimismBias, equals: "100")
        try expectDecimal(affordability.difference, equals: example.difference)
        try expectDecimal(affordability.headroom, equals: example.headroom)
        try expectDecimal(affordability.shortfall, equals: example.shortfall)
        #expect(affordability.isAffordable == example.affordable)
    }
}
