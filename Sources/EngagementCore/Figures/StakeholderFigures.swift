/// Where each stakeholder sits on the influence/interest grid and how far their
/// engagement must move, for the buy-in plan and the sponsor coalition.
public struct StakeholderFigures: Sendable, Hashable {
    /// A quadrant of the influence/interest (power/interest) grid, with the engagement
    /// approach it calls for.
    public enum Quadrant: String, Sendable, Hashable, CaseIterable {
        /// High influence, high interest: involve in decisions, engage most.
        case manageClosely = "manage-closely"
        /// High influence, low interest: meet their needs without overloading them.
        case keepSatisfied = "keep-satisfied"
        /// Low influence, high interest: keep them informed, listen to concerns.
        case keepInformed = "keep-informed"
        /// Low influence, low interest: watch for change, minimum effort.
        case monitor

        /// The quadrant of a stakeholder with `influence` and `interest` on the 1-5 scale;
        /// a score at or above ``FigureThresholds/highGridScore`` is high.
        public static func of(influence: Int, interest: Int) -> Quadrant {
            let highInfluence = influence >= FigureThresholds.highGridScore
            let highInterest = interest >= FigureThresholds.highGridScore
            switch (highInfluence, highInterest) {
            case (true, true): return .manageClosely
            case (true, false): return .keepSatisfied
            case (false, true): return .keepInformed
            case (false, false): return .monitor
            }
        }
    }

    /// One stakeholder's place on the grid and engagement gap.
    public struct Position: Sendable, Hashable, Identifiable {
        /// The stakeholder's id in the profile.
        public var id: String
        /// The stakeholder's name.
        public var name: String
        /// Client or provider side.
        public var side: ClientProfile.Side
        /// Executive, management or frontline.
        public var level: ClientProfile.Level
        /// The grid quadrant from influence and interest.
        public var quadrant: Quadrant
        /// Engagement today.
        public var currentEngagement: ClientProfile.Engagement
        /// Engagement the plan aims for.
        public var desiredEngagement: ClientProfile.Engagement
        /// desired.rank - current.rank, from -4 to 4: positive means engagement must rise,
        /// 0 means none is needed, negative means the stakeholder is ahead of the plan.
        public var engagementGap: Int
        /// Whether the stakeholder sponsors the engagement.
        public var isSponsor: Bool
        /// Who this person hears from and meets about the engagement (``messenger(for:among:)``);
        /// nil for the provider's own people, who are not an audience, and when nobody fits.
        public var hearsFrom: String?
    }

    /// The one rule of who meets whom, which every document follows: the client's leaders
    /// speak to their own people, and the provider speaks to its sponsor contacts. A
    /// sponsor hears from the provider's lead (its first executive, else its first
    /// manager); anyone else at the client from the client leader they report to
    /// (`reports-to`) when the profile says; anyone else at the client or outside it from
    /// the first sponsor who is not themselves, else the first client executive who is
    /// not, else the provider's lead.
    static func messenger(for person: ClientProfile.Stakeholder, among everyone: [ClientProfile.Stakeholder]) -> String? {
        guard person.side != .provider else { return nil }
        let providerLead = everyone.first { $0.side == .provider && $0.level == .executive }
            ?? everyone.first { $0.side == .provider && $0.level == .management }
        if person.isSponsor { return providerLead?.id }
        if person.side == .client, let leader = person.reportsTo,
            everyone.contains(where: { $0.id == leader && $0.side == .client && $0.id != person.id })
        {
            return leader
        }
        let sponsor = everyone.first { $0.isSponsor && $0.side == .client && $0.id != person.id }
        let executive = everyone.first { $0.side == .client && $0.level == .executive && $0.id != person.id }
        return (sponsor ?? executive ?? providerLead)?.id
    }

    /// Every stakeholder, in profile order.
    public var positions: [Position]
    /// How many stakeholders sit in each quadrant; every quadrant is present, 0 if empty.
    /// Iterate ``Quadrant/allCases`` for a stable display order.
    public var countsByQuadrant: [Quadrant: Int]
    /// How many stakeholders sit at each level; every level is present, 0 if empty.
    /// Iterate `ClientProfile.Level.allCases` for a stable display order.
    public var countsByLevel: [ClientProfile.Level: Int]
    /// How many stakeholders are at each current engagement; every engagement is present.
    public var countsByCurrentEngagement: [ClientProfile.Engagement: Int]
    /// The ids of the sponsors, in profile order.
    public var sponsorIDs: [String]

    /// Places every stakeholder on the grid.
    public init(stakeholders: [ClientProfile.Stakeholder]) {
        positions = stakeholders.map { person in
            Position(
                id: person.id, name: person.name, side: person.side, level: person.level,
                quadrant: .of(influence: person.influence, interest: person.interest),
                currentEngagement: person.currentEngagement, desiredEngagement: person.desiredEngagement,
                engagementGap: person.desiredEngagement.rank - person.currentEngagement.rank,
                isSponsor: person.isSponsor, hearsFrom: Self.messenger(for: person, among: stakeholders))
        }
        // Zero-filled so a template can show "0" for an empty quadrant instead of a gap.
        var byQuadrant = Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0, 0) })
        var byLevel = Dictionary(uniqueKeysWithValues: ClientProfile.Level.allCases.map { ($0, 0) })
        var byEngagement = Dictionary(uniqueKeysWithValues: ClientProfile.Engagement.allCases.map { ($0, 0) })
        for position in positions {
            byQuadrant[position.quadrant, default: 0] += 1
            byLevel[position.level, default: 0] += 1
            byEngagement[position.currentEngagement, default: 0] += 1
        }
        countsByQuadrant = byQuadrant
        countsByLevel = byLevel
        countsByCurrentEngagement = byEngagement
        sponsorIDs = positions.filter(\.isSponsor).map(\.id)
    }

    /// The stakeholders in `quadrant`, in profile order.
    public func positions(in quadrant: Quadrant) -> [Position] {
        positions.filter { $0.quadrant == quadrant }
    }
}
