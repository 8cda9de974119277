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

    // The one rule of who speaks to whom, which the matrix, the buy-in actions, the
    // resistance plan and the alerts all follow.
    @Test(
        "Each person hears from the sponsor, the sponsor from the provider's lead, the provider's people from nobody",
        arguments: [
            ("sponsor", "partner"), ("cfo", "sponsor"), ("manager", "sponsor"), ("partner-org", "sponsor"),
            ("partner", nil), ("consultant", nil),
        ] as [(String, String?)])
    func messenger(person: String, expected: String?) throws {
        func someone(_ id: String, side: ClientProfile.Side, level: ClientProfile.Level, sponsor: Bool = false) -> ClientProfile.Stakeholder {
            var who = Self.stakeholder(id, level: level, current: .neutral, desired: .supportive, sponsor: sponsor)
            who.side = side
            return who
        }
        let everyone = [
            someone("cfo", side: .client, level: .executive), someone("sponsor", side: .client, level: .executive, sponsor: true),
            someone("manager", side: .client, level: .management), someone("partner-org", side: .thirdParty, level: .executive),
            someone("consultant", side: .provider, level: .frontline), someone("partner", side: .provider, level: .executive),
        ]
        let figures = StakeholderFigures(stakeholders: everyone)
        #expect(figures.positions.first { $0.id == person }?.hearsFrom == expected)
    }

    @Test("A client-side person hears from the client leader they report to; a sponsor, a third party or a leader outside the client does not")
    func messengerFollowsReportingLines() {
        func someone(_ id: String, side: ClientProfile.Side, level: ClientProfile.Level, sponsor: Bool = false, reportsTo: String? = nil) -> ClientProfile.Stakeholder {
            var who = Self.stakeholder(id, level: level, current: .neutral, desired: .supportive, sponsor: sponsor)
            who.side = side
            who.reportsTo = reportsTo
            return who
        }
        let everyone = [
            someone("sponsor", side: .client, level: .executive, sponsor: true, reportsTo: "director"),
            someone("director", side: .client, level: .executive),
            someone("manager", side: .client, level: .management, reportsTo: "director"),
            someone("nurse", side: .client, level: .frontline, reportsTo: "manager"),
            someone("stray", side: .client, level: .frontline, reportsTo: "partner"),
            someone("ghost", side: .client, level: .frontline, reportsTo: "nobody"),
            someone("commissioner", side: .thirdParty, level: .executive, reportsTo: "director"),
            someone("partner", side: .provider, level: .executive),
        ]
        let heard = Dictionary(uniqueKeysWithValues: StakeholderFigures(stakeholders: everyone).positions.map { ($0.id, $0.hearsFrom) })
        #expect(heard["manager"] == "director")
        #expect(heard["nurse"] == "manager")
        #expect(heard["sponsor"] == "partner", "a sponsor hears from the provider's lead whoever they report to")
        #expect(heard["stray"] == "sponsor", "a leader outside the client is not a messenger")
        #expect(heard["ghost"] == "sponsor")
        #expect(heard["commissioner"] == "sponsor", "reports-to is for the client's own people")
    }

    @Test("Without a sponsor, people hear from the first other client executive; the provider's lead falls back to its manager")
    func messengerFallbacks() {
        var executive = Self.stakeholder("ceo", current: .neutral, desired: .supportive)
        executive.side = .client
        var manager = Self.stakeholder("manager", level: .management, current: .neutral, desired: .supportive)
        manager.side = .client
        var sponsor = Self.stakeholder("sponsor", current: .neutral, desired: .supportive, sponsor: true)
        sponsor.side = .client
        var engagementManager = Self.stakeholder("em", level: .management, current: .neutral, desired: .supportive)
        engagementManager.side = .provider
        let withoutSponsor = StakeholderFigures(stakeholders: [executive, manager, engagementManager])
        #expect(withoutSponsor.positions.first { $0.id == "manager" }?.hearsFrom == "ceo")
        #expect(withoutSponsor.positions.first { $0.id == "ceo" }?.hearsFrom == "em", "no other client executive: the provider's lead")
        let withSponsor = StakeholderFigures(stakeholders: [sponsor, manager, engagementManager])
        #expect(withSponsor.positions.first { $0.id == "sponsor" }?.hearsFrom == "em")
    }
}
