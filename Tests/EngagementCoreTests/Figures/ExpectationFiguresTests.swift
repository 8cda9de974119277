import Foundation
import Testing

@testable import EngagementCore

@Suite("Expectations")
struct ExpectationFiguresTests: FigureFixtures {
    typealias Status = ExpectationFigures.Status

    typealias StatusCase = (value: String, direction: ClientProfile.Direction, status: Status)

    static let statuses: [StatusCase] = [
        // Higher is better, target 90, threshold 80.
        ("95", .higherIsBetter, .met),
        ("90", .higherIsBetter, .met),  // exactly the target
        ("85", .higherIsBetter, .atRisk),
        ("80", .higherIsBetter, .atRisk),  // exactly the threshold, still acceptable
        ("79.9", .higherIsBetter, .missed),
        // Lower is better, target 10, threshold 20.
        ("5", .lowerIsBetter, .met),
        ("10", .lowerIsBetter, .met),  // exactly the target
        ("15", .lowerIsBetter, .atRisk),
        ("20", .lowerIsBetter, .atRisk),  // exactly the threshold
        ("20.01", .lowerIsBetter, .missed),
    ]

    @Test("Status is met at or past the target, at risk up to the threshold, missed beyond it", arguments: statuses)
    func status(_ example: StatusCase) throws {
        let higher = example.direction == .higherIsBetter
        let status = ExpectationFigures.status(
            of: try decimal(example.value), target: higher ? 90 : 10, threshold: higher ? 80 : 20,
            direction: example.direction)
        #expect(status == example.status)
    }

    typealias GlideCase = (date: String, value: String, status: Status, milestone: String?)

    /// Higher is better, baseline 40, target 90, threshold 80, due 2027-06-30, with
    /// milestones of 55 on 2026-12-31, 70 on 2027-03-31 and 85 on 2027-05-31.
    static let glideCases: [GlideCase] = [
        // Day one, before any milestone: the baseline is far below the threshold, but the
        // work has only started: at risk, not missed.
        ("2026-09-01", "40", .atRisk, nil),
        // The first milestone passed and reached: on track, though still below the threshold.
        ("2027-01-15", "56", .onTrack, "2026-12-31"),
        ("2027-01-15", "55", .onTrack, "2026-12-31"),  // exactly the milestone
        // Behind a milestone the path set below the threshold: behind the glide path, at
        // risk; the client agreed to be below the threshold by then.
        ("2027-01-15", "50", .atRisk, "2026-12-31"),
        ("2027-04-01", "69", .atRisk, "2027-03-31"),
        ("2027-04-01", "82", .onTrack, "2027-03-31"),
        // Behind the third milestone (85, inside the threshold) but within the threshold: at risk.
        ("2027-06-01", "82", .atRisk, "2027-05-31"),
        // The path had reached the threshold by the third milestone, and the value is back
        // beyond it: an interim commitment broken, missed.
        ("2027-06-01", "79", .missed, "2027-05-31"),
        // At the target before the due date: met, whatever the path.
        ("2027-01-15", "90", .met, nil),
        // On and after the due date the target and threshold decide alone.
        ("2027-06-30", "85", .atRisk, nil),
        ("2027-07-31", "79", .missed, nil),
    ]

    @Test("Before the due date an expectation is judged against the milestone that applies", arguments: glideCases)
    func glidePath(_ example: GlideCase) throws {
        var expectation = Self.expectation("e")
        expectation.due = ProfileDate("2027-06-30")
        expectation.milestones = [
            .init(date: try #require(ProfileDate("2027-03-31")), value: 70), .init(date: try #require(ProfileDate("2026-12-31")), value: 55),
            .init(date: try #require(ProfileDate("2027-05-31")), value: 85),
        ].sorted { $0.date < $1.date }
        let measurement = ClientProfile.Measurement(
            expectation: "e", date: try #require(ProfileDate(example.date)), value: try decimal(example.value))
        let standing = ExpectationFigures.standing(of: measurement, for: expectation)
        #expect(standing.status == example.status)
        #expect(standing.milestone?.date.description == example.milestone)
    }

    @Test("A glide path works the same way down when lower is better")
    func glidePathLowerIsBetter() throws {
        // Baseline 40 days, target 20, threshold 30, due 2027-06-30; milestones 35 by
        // 2026-12-31 (outside the threshold) and 28 by 2027-03-31 (inside it).
        var expectation = Self.expectation("e")
        expectation.direction = .lowerIsBetter
        expectation.target = 20
        expectation.threshold = 30
        expectation.due = ProfileDate("2027-06-30")
        expectation.milestones = [
            .init(date: try #require(ProfileDate("2026-12-31")), value: 35), .init(date: try #require(ProfileDate("2027-03-31")), value: 28),
        ]
        func status(_ date: String, _ value: Decimal) throws -> Status {
            ExpectationFigures.standing(
                of: .init(expectation: "e", date: try #require(ProfileDate(date)), value: value), for: expectation).status
        }
        #expect(try status("2027-01-10", 34) == .onTrack)
        #expect(try status("2027-01-10", 38) == .atRisk, "behind a milestone outside the threshold")
        #expect(try status("2027-04-10", 29) == .atRisk, "behind the milestone, within the threshold")
        #expect(try status("2027-04-10", 31) == .missed, "the path had reached the threshold; the value is back beyond it")
        #expect(try status("2027-04-10", 19) == .met)
    }

    static func expectation(_ id: String, baseline: Decimal? = 40) -> ClientProfile.Expectation {
        ClientProfile.Expectation(
            id: id, statement: "", metric: "", stakeholder: "s", goal: nil, unit: "%", baseline: baseline,
            target: 90, threshold: 80, direction: .higherIsBetter, due: nil)
    }

    struct HistoryCase: Sendable, CustomTestStringConvertible {
        var name: String
        var measurements: [(date: String, value: Decimal)]
        var latest: Decimal?
        var previous: Decimal?
        var status: Status
        var trend: String?
        var fromBaseline: String?
        var testDescription: String { name }
    }

    static let histories: [HistoryCase] = [
        // Two on 2026-02-01: the later in the file (60) is latest, the earlier (70) previous.
        // Trend 60 - 70 = -10; from baseline 60 - 40 = 20; 60 < 80: missed.
        HistoryCase(
            name: "tie on the latest date goes to the last in file order",
            measurements: [("2026-01-01", 50), ("2026-02-01", 70), ("2026-02-01", 60)], latest: 60, previous: 70,
            status: .missed, trend: "-10", fromBaseline: "20"),
        // Sorted by date: 2026-01-01 (60) then 2026-03-01 (85). Trend 85 - 60 = 25; 85 - 40 = 45; at risk.
        HistoryCase(
            name: "latest by date, not by file position",
            measurements: [("2026-03-01", 85), ("2026-01-01", 60)], latest: 85, previous: 60, status: .atRisk,
            trend: "25", fromBaseline: "45"),
        // One measurement: no trend; 92 - 40 = 52; met.
        HistoryCase(
            name: "a single measurement has no trend", measurements: [("2026-01-01", 92)], latest: 92, previous: nil,
            status: .met, trend: nil, fromBaseline: "52"),
        // Nothing measured.
        HistoryCase(
            name: "no measurement is no data", measurements: [], latest: nil, previous: nil, status: .noData,
            trend: nil, fromBaseline: nil),
    ]

    @Test("The latest measurement decides the status; trend compares it with the one before", arguments: histories)
    func latestMeasurement(_ example: HistoryCase) throws {
        var measurements = try example.measurements.map {
            ClientProfile.Measurement(expectation: "e", date: try date($0.date), value: $0.value)
        }
        // Another expectation's measurement must not leak in.
        measurements.insert(ClientProfile.Measurement(expectation: "other", date: try date("2027-01-01"), value: 1), at: 0)
        let figures = ExpectationFigures(expectations: [Self.expectation("e")], measurements: measurements)
        let entry = try #require(figures.entries.first)
        #expect(entry.latest?.value == example.latest)
        #expect(entry.previous?.value == example.previous)
        #expect(entry.status == example.status)
        #expect(entry.measurementCount == example.measurements.count)
        try expectDecimal(entry.trend, equals: example.trend)
        try expectDecimal(entry.changeFromBaseline, equals: example.fromBaseline)
    }

    @Test("Counts add up per status; no baseline gives no change from baseline")
    func counts() throws {
        let figures = ExpectationFigures(
            expectations: [
                Self.expectation("met", baseline: nil), Self.expectation("risk"), Self.expectation("missed"),
                Self.expectation("unmeasured"),
            ],
            measurements: [
                .init(expectation: "met", date: try date("2026-01-01"), value: 95),
                .init(expectation: "risk", date: try date("2026-01-01"), value: 80),
                .init(expectation: "missed", date: try date("2026-01-01"), value: 10),
            ])
        #expect(figures.metCount == 1)
        #expect(figures.atRiskCount == 1)
        #expect(figures.missedCount == 1)
        #expect(figures.noDataCount == 1)
        #expect(figures.entries.first?.changeFromBaseline == nil)
    }
}
