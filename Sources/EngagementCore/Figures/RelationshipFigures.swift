import EngageBasics
import Foundation

/// The firm's relationship with the client as the documents show it (DESIGN section 13):
/// the audit against the service standard on the documents' date, each rule as a dated
/// touchpoint of the client's calendar with who takes part from each side, and the
/// client's responses over time.
public struct RelationshipFigures: Sendable, Hashable {
    public struct Person: Sendable, Hashable {
        public var id: String
        public var name: String
        public var role: String
    }

    /// One rule of the standard as this client's calendar shows it.
    public struct Entry: Sendable, Hashable {
        public var result: RuleResult
        public var label: String
        public var when: String
        public var firm: [Person]
        public var client: [Person]
        /// Who takes part for the client, for a reader: the sponsor by name, the others by
        /// level ("Daniel Okafor (sponsor), and executives and managers").
        public var clientWords: String?
        /// The latest time it was held (met or breached), when it was.
        public var held: ProfileDate?
        /// How many times it was held.
        public var heldCount: Int
        /// How many of those fell short of the standard (late, or the checklist not done).
        public var lateCount: Int
        /// When it is next due: a once-only touchpoint not yet held, or the next of a cadence.
        public var next: ProfileDate?
        /// Whether the relationship has reached the rule's stage.
        public var reached: Bool
    }

    public var asOf: ProfileDate
    public var start: ProfileDate
    public var audit: ClientAudit
    public var entries: [Entry]
    /// Everyone the standard's touchpoints bring in, from each side, in profile order.
    public var firmTeam: [Person]
    public var clientTeam: [Person]
    /// Interactions that recorded a response, oldest first.
    public var readings: [ClientProfile.Relationship.Interaction]
    /// What the standard calls each kind of interaction ("engagement review").
    public var labels: [String: String]

    /// The figures of `profile`'s relationship against `standard` on `asOf`; nil without a
    /// relationship.
    public init?(profile: ClientProfile, standard: ServiceStandard, language: Firm.Language, asOf: ProfileDate) {
        guard let relationship = profile.relationship else { return nil }
        self.asOf = asOf
        start = relationship.start
        let audit = ServiceAudit.audit(profile, source: profile.id, standard: standard, today: asOf, language: language)
        self.audit = audit
        let reachedStage = audit.stage.flatMap(ClientProfile.StageName.init(rawValue:))
        labels = Dictionary(relationship.interactions.map { ($0.kind, standard.label($0.kind)) }, uniquingKeysWith: { first, _ in first })
        readings = relationship.interactions.filter { $0.date <= asOf && ($0.emotional != nil || $0.objective != nil) }.sorted { $0.date < $1.date }
        func person(_ stakeholder: ClientProfile.Stakeholder) -> Person { Person(id: stakeholder.id, name: stakeholder.name, role: stakeholder.role) }
        let provider = profile.stakeholders.filter { $0.side == .provider }
        let client = profile.stakeholders.filter { $0.side == .client }
        func firmPeople(_ roles: [ServiceStandard.FirmRole]) -> [Person] {
            provider.filter { someone in
                roles.contains { $0 == .accountManager ? someone.id == relationship.accountManager : someone.level.rawValue == $0.rawValue }
            }.map(person)
        }
        func clientPeople(_ roles: [ServiceStandard.ClientRole]) -> [Person] {
            client.filter { someone in roles.contains { $0 == .sponsor ? someone.isSponsor : someone.level.rawValue == $0.rawValue } }.map(person)
        }
        entries = zip(standard.rules, audit.rules).map { rule, result in
            let touchpoint = standard.touchpoint(rule.touchpoint)
            let heldDates = result.heldDates
            var next: ProfileDate?
            switch rule.timing {
            case .every(let period, _) where result.status != .notApplicable:
                // Overdue already: the next is due now, not a period after the last.
                let overdue = result.occurrences.last.map { $0.held == nil && $0.status == .breached } ?? false
                next = overdue ? asOf : heldDates.max().map(period.after)
                    ?? result.occurrences.first { $0.status == .notDue }.flatMap { ProfileDate($0.date) }
            case .withinOfStart where heldDates.isEmpty:
                next = result.occurrences.first.flatMap { ProfileDate($0.date) }
            default:
                break
            }
            let roles = touchpoint?.client ?? []
            let sponsors = roles.contains(.sponsor) ? client.filter(\.isSponsor).map { "\($0.name) (sponsor)" } : []
            let levels = roles.filter { $0 != .sponsor }.map { Self.levelWords[$0] ?? $0.rawValue }
            let clientParts = sponsors + (levels.isEmpty ? [] : ["\(sponsors.isEmpty ? "" : "and ")its \(AlertEngine.list(levels))"])
            return Entry(
                result: result, label: standard.label(rule.touchpoint), when: standard.when(rule),
                firm: firmPeople(touchpoint?.firm ?? []), client: clientPeople(roles),
                clientWords: clientParts.isEmpty ? nil : clientParts.joined(separator: ", "),
                held: heldDates.max(), heldCount: heldDates.count,
                lateCount: result.occurrences.filter { $0.kind == .timing && $0.status == .breached && $0.held != nil }.count, next: next,
                reached: reachedStage.map { $0 >= rule.stage } ?? false)
        }
        let firmIDs = Set(entries.flatMap(\.firm).map(\.id))
        firmTeam = provider.filter { firmIDs.contains($0.id) }.map(person)
        // The client's side in person: its sponsors; the others take part by level.
        clientTeam = entries.contains { $0.client.contains { person in client.contains { $0.id == person.id && $0.isSponsor } } }
            ? client.filter(\.isSponsor).map(person) : []
    }

    static let levelWords: [ServiceStandard.ClientRole: String] = [
        .executive: "executives", .management: "managers", .frontline: "frontline staff",
    ]

    /// The date the documents' relationship figures describe: the documents' own date
    /// (`generate --date`, else the latest the profile gives), else the latest interaction.
    static func asOf(profile: ClientProfile, documentDate: ProfileDate?) -> ProfileDate? {
        guard let relationship = profile.relationship else { return nil }
        return documentDate ?? profile.documents.compactMap(\.date).max()
            ?? relationship.interactions.map(\.date).max() ?? relationship.start
    }
}
