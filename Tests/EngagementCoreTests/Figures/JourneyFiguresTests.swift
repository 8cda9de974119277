import Foundation
import Testing

@testable import EngagementCore

@Suite("Journey")
struct JourneyFiguresTests: FigureFixtures {
    typealias Reason = JourneyFigures.GapReason

    typealias TouchpointCase = (emotional: Int, objective: Int, scaled: Int, reasons: [Reason])

    static let touchpoints: [TouchpointCase] = [
        // (0 + 2) x 25 = 50; |50 - 50| = 0; objective 50 < 60.
        (0, 50, 50, [.lowObjectiveScore]),
        // (0 + 2) x 25 = 50; |50 - 70| = 20: no gap.
        (0, 70, 50, []),
        // (-1 + 2) x 25 = 25; objective 60 is not below 60; |25 - 60| = 35 < 40; emotion -1 is a gap.
        (-1, 60, 25, [.negativeEmotion]),
        // Northgate's booking call: 25 vs 42, |25 - 42| = 17; 42 < 60 and -1 <= -1.
        (-1, 42, 25, [.lowObjectiveScore, .negativeEmotion]),
        // Northgate's patient portal: (2 + 2) x 25 = 100 vs 36, |100 - 36| = 64 >= 40; 36 < 60.
        (2, 36, 100, [.lowObjectiveScore, .scoresDisagree]),
        // 100 vs 60: a difference of exactly 40 disagrees.
        (2, 60, 100, [.scoresDisagree]),
        // 100 vs 61: 39 does not.
        (2, 61, 100, []),
        // (-2 + 2) x 25 = 0 vs 100: |0 - 100| = 100; emotion -2 <= -1.
        (-2, 100, 0, [.negativeEmotion, .scoresDisagree]),
    ]

    @Test("A touchpoint is a gap for a low objective, a negative emotion or scores that disagree", arguments: touchpoints)
    func gapReasons(_ example: TouchpointCase) {
        #expect(JourneyFigures.scaledEmotionalScore(example.emotional) == example.scaled)
        #expect(JourneyFigures.gapReasons(emotional: example.emotional, objective: example.objective) == example.reasons)
    }

    static func stage(
        _ name: ClientProfile.StageName, _ scores: [(emotional: Int, objective: Int)]
    ) -> ClientProfile.JourneyStage {
        ClientProfile.JourneyStage(
            name: name, goal: "",
            touchpoints: scores.enumerated().map { index, score in
                ClientProfile.Touchpoint(
                    id: "\(name.rawValue)-\(index)", name: "", channel: "email", owner: "o", frequency: nil, serves: [],
                    emotionalScore: score.emotional, objectiveScore: score.objective, responses: nil, painPoints: [],
                    opportunities: [])
            })
    }

    struct WeakestCase: Sendable, CustomTestStringConvertible {
        var name: String
        var stages: [ClientProfile.JourneyStage]
        var weakest: ClientProfile.StageName?
        var testDescription: String { name }
    }

    static let weakestCases: [WeakestCase] = [
        // Averages: discovery (70 + 80)/2 = 75, retention (60 + 61 + 62)/3 = 61, advocacy 90.
        WeakestCase(
            name: "lowest average objective score",
            stages: [stage(.discovery, [(1, 70), (0, 80)]), stage(.retention, [(0, 60), (0, 61), (0, 62)]),
                     stage(.advocacy, [(2, 90)])],
            weakest: .retention),
        // Both average 65; conversion comes before retention in the journey although listed later.
        WeakestCase(
            name: "a tie goes to the earlier stage",
            stages: [stage(.retention, [(0, 65)]), stage(.conversion, [(0, 60), (0, 70)])],
            weakest: .conversion),
        // A stage without touchpoints has no average and cannot be weakest.
        WeakestCase(name: "stages without touchpoints are skipped", stages: [stage(.discovery, [])], weakest: nil),
    ]

    @Test("The weakest stage has the lowest average objective score", arguments: weakestCases)
    func weakestStage(_ example: WeakestCase) {
        #expect(JourneyFigures(journey: example.stages).weakestStage == example.weakest)
    }

    @Test("Stage averages keep full precision")
    func stageAverages() throws {
        let figures = JourneyFigures(journey: [Self.stage(.discovery, [(1, 61), (0, 55), (0, 72)])])
        let discovery = try #require(figures.stages.first)
        #expect(discovery.touchpointCount == 3)
        // Emotional (1 + 0 + 0)/3 = 0.3333...; objective (61 + 55 + 72)/3 = 188/3 = 62.6666...
        try expectDecimal(discovery.averageEmotionalScore, equals: "0.3333", places: 4)
        try expectDecimal(discovery.averageObjectiveScore, equals: "62.7", places: 1)
        try expectDecimal(discovery.averageObjectiveScore, equals: "62.6667", places: 4)
        // Only 55 is below 60; (0 + 2) x 25 = 50 vs 55 agrees.
        #expect(discovery.gapCount == 1)
        #expect(figures.gaps.map(\.id) == ["discovery-1"])
    }
}
