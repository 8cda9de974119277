import Testing

@testable import EngagementCore

@Suite("Change impact")
struct ChangeFiguresTests: FigureFixtures {
    typealias BarrierCase = (adkar: [Int], barrier: String?)

    static let barriers: [BarrierCase] = [
        // Every element above 3: no barrier.
        ([4, 4, 5, 4, 4], nil),
        // Awareness 4 passes; desire 3 is the first at or below 3.
        ([4, 3, 2, 1, 1], "desire"),
        // The very first element.
        ([3, 5, 5, 5, 5], "awareness"),
        // Only the last element.
        ([5, 5, 5, 5, 3], "reinforcement"),
        // Knowledge 4 passes, ability 2 is first; reinforcement 1 comes later and does not count.
        ([5, 4, 4, 2, 1], "ability"),
    ]

    @Test("The ADKAR barrier point is the first element scored 3 or below", arguments: barriers)
    func barrierPoint(_ example: BarrierCase) {
        #expect(ChangeFigures.barrierPoint(example.adkar) == example.barrier)
    }

    typealias HeatCase = (degrees: [Int], heat: Int, band: FigureBand)

    static let heats: [HeatCase] = [
        // 0 + 0 + 0 + 0 + 0 + 0 = 0.
        ([0, 0, 0, 0, 0, 0], 0, .low),
        // 2 + 2 + 2 + 2 + 1 + 1 = 10, the top of low.
        ([2, 2, 2, 2, 1, 1], 10, .low),
        // 2 + 2 + 2 + 2 + 2 + 1 = 11, the bottom of medium.
        ([2, 2, 2, 2, 2, 1], 11, .medium),
        // 4 + 4 + 3 + 3 + 3 + 3 = 20, the top of medium.
        ([4, 4, 3, 3, 3, 3], 20, .medium),
        // 4 + 4 + 4 + 3 + 3 + 3 = 21, the bottom of high.
        ([4, 4, 4, 3, 3, 3], 21, .high),
        // 6 x 5 = 30.
        ([5, 5, 5, 5, 5, 5], 30, .high),
    ]

    @Test("Impact heat is the sum of the six degrees, banded low/medium/high", arguments: heats)
    func heatAndBand(_ example: HeatCase) throws {
        let figures = ChangeFigures(impacts: [
            Self.impact("g", headcount: 1, degrees: example.degrees, adkar: [5, 5, 5, 5, 5])
        ])
        let impact = try #require(figures.impacts.first)
        #expect(impact.heat == example.heat)
        #expect(impact.heatBand == example.band)
    }

    @Test("Totals per aspect, overall and headcount add up across groups")
    func totalsAcrossGroups() {
        // Northgate's Patient Access Centre and consultants groups.
        let figures = ChangeFigures(impacts: [
            Self.impact("pac", headcount: 64, degrees: [4, 4, 3, 3, 2, 1], adkar: [4, 3, 2, 2, 2]),
            Self.impact("cons", headcount: 312, degrees: [3, 2, 1, 4, 2, 0], adkar: [3, 2, 3, 3, 2]),
        ])
        // process 4+3 = 7, systems 4+2 = 6, roles 3+1 = 4, behaviours 3+4 = 7, reporting 2+2 = 4, location 1+0 = 1.
        #expect(figures.aspectTotals == [7, 6, 4, 7, 4, 1])
        // 17 + 12 = 29 = 7 + 6 + 4 + 7 + 4 + 1.
        #expect(figures.overallTotal == 29)
        #expect(figures.impacts.map(\.heat) == [17, 12])
        // 64 + 312 = 376.
        #expect(figures.totalHeadcount == 376)
        #expect(figures.impacts.map(\.barrierPoint) == ["desire", "awareness"])
    }

    static func impact(_ id: String, headcount: Int, degrees: [Int], adkar: [Int]) -> ClientProfile.ChangeImpact {
        ClientProfile.ChangeImpact(
            id: id, group: id, headcount: headcount, degrees: degrees, adkar: adkar, resistance: "low", trainingNeed: "")
    }
}
