import Testing

@testable import EngagementCore

@Suite("Stakeholder grid")
struct StakeholderFiguresTests: FigureFixtures {
    typealias Quadrant = StakeholderFigures.Quadrant

    typealias QuadrantCase = (influence: Int, interest: Int, quadrant: Quadrant)

    static let quadrants: [QuadrantCase] = [
        (5, 5, .manageClosely),
        // 3 is high on both axes: the boundary falls into manage-closely.
        (3, 3, .manageClosely),
        (3, 2, .keepSatisfied),
        (5, 1, .keepSatisfied),
        (2, 3, .keepInformed),
        (1, 5, .keepInformed),
        (2, 2, .monitor),
        (1, 1, .monitor),
    ]

    @Test("Influence and interest of 3 or more are high", arguments: quadrants)
    func quadrantFromInfluenceAndInterest(_ example: QuadrantCase) {
        #expect(Quadrant.of(influence: example.influence, interest: example.interest) == example.quadrant)
    }

    static func stakeholder(
        _ id: String, influence: Int = 4, interest: Int = 4, level: ClientProfile.Level = .executive,
        current: ClientProfile.Engagement, desired: ClientProfile.Engagement, sponsor: Bool = false
    ) -> ClientProfile.Stakeholder {
        ClientProfile.Stakeholder(
            id: id, name: id, role: "role", side: .client, level: level, influence: influence, interest: interest,
            currentEngagement: current, desiredEngagement: desired, isSponsor: sponsor, channel: nil, frequency: nil)
    }

    typealias GapCase = (current: ClientProfile.Engagement, desired: ClientProfile.Engagement, gap: Int)

    static let gaps: [GapCase] = [
        // leading (4) - unaware (0) = 4.
        (.unaware, .leading, 4),
        // supportive (3) - resistant (1) = 2.
        (.resistant, .supportive, 2),
        (.supportive, .supportive, 0),
        // neutral (2) - leading (4) = -2: ahead of the plan.
        (.leading, .neutral, -2),
    ]

    @Test("Engagement gap is desired rank minus current rank", arguments: gaps)
    func engagementGap(_ example: GapCase) throws {
        let figures = StakeholderFigures(stakeholders: [
            Self.stakeholder("s", current: example.current, desired: example.desired)
        ])
        let position = try #require(figures.positions.first)
        #expect(position.engagementGap == example.gap)
    }

    @Test("Counts cover every quadrant, level and engagement; sponsors keep profile order")
    func countsAndSponsors() {
        let figures = StakeholderFigures(stakeholders: [
            Self.stakeholder("ceo", influence: 5, interest: 3, current: .supportive, desired: .leading, sponsor: true),
            Self.stakeholder("cfo", influence: 5, interest: 2, current: .neutral, desired: .supportive),
            Self.stakeholder("lead", influence: 2, interest: 4, level: .management, current: .neutral, desired: .supportive),
            Self.stakeholder("coo", influence: 4, interest: 5, current: .leading, desired: .leading, sponsor: true),
        ])
        // ceo and coo manage closely; cfo keep satisfied; lead keep informed; nobody monitored.
        #expect(figures.countsByQuadrant == [.manageClosely: 2, .keepSatisfied: 1, .keepInformed: 1, .monitor: 0])
        #expect(figures.countsByLevel == [.executive: 3, .management: 1, .frontline: 0])
        #expect(
            figures.countsByCurrentEngagement
                == [.unaware: 0, .resistant: 0, .neutral: 2, .supportive: 1, .leading: 1])
        #expect(figures.sponsorIDs == ["ceo", "coo"])
        #expect(figures.positions(in: .manageClosely).map(\.id) == ["ceo", "coo"])
    }
}
