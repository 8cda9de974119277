import Foundation

/// One client, as described by a profile file (DESIGN section 4).
///
/// Values of this type have passed both the schema and the semantic checks, so every
/// reference resolves and every number is in range.
public struct ClientProfile: Sendable, Hashable {
    public var id: String
    public var identity: Identity
    public var mission: String
    public var vision: String?
    public var values: [Value]
    public var stakeholders: [Stakeholder]
    public var goals: [Goal]
    public var expectations: [Expectation]
    public var segments: [Segment]
    public var journey: [JourneyStage]
    public var loyalty: Loyalty?
    public var measurements: [Measurement]
    public var method: Method?
    public var appraisal: Appraisal?
    public var options: [Option]
    public var commercial: Commercial?
    public var budget: Budget?
    public var risks: [Risk]
    public var changeImpacts: [ChangeImpact]
    public var communication: Communication?
    public var reviews: Reviews?
    public var raci: [RaciActivity]
    /// The firm's own relationship with the client; nil when the profile does not keep one.
    public var relationship: Relationship? = nil
    /// Each document's author, date, status, classification and recipients, as given.
    public var documents: [DocumentMetadata] = []
}

extension ClientProfile {
    public struct Identity: Sendable, Hashable {
        public var name: String
        public var legalName: String?
        public var sectorCode: String?
        public var sectorLabel: String?
        public var country: String?
        public var currency: String
        public var employees: Int?
        public var revenue: Decimal?
    }

    public struct Value: Sendable, Hashable, Identifiable {
        public var id: String
        /// What every document calls the value ("Timely care"); without it, documents take
        /// the words before a colon in the statement, or the id.
        public var name: String?
        public var statement: String
        public var behaviours: [String]
        public var priority: Int?
    }

    /// Client: the client's own people; provider: the consulting team; third-party:
    /// outside both (commissioners, partners, regulators), an audience of the plan.
    public enum Side: String, Sendable, Hashable, CaseIterable {
        case client, provider
        case thirdParty = "third-party"
    }
    public enum Level: String, Sendable, Hashable, CaseIterable { case executive, management, frontline }

    /// Engagement levels in increasing order of commitment.
    public enum Engagement: String, Sendable, Hashable, CaseIterable, Comparable {
        case unaware, resistant, neutral, supportive, leading

        /// 0 (unaware) to 4 (leading), the scale engagement gaps are measured on.
        public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        public static func < (lhs: Engagement, rhs: Engagement) -> Bool { lhs.rank < rhs.rank }
    }

    public struct Stakeholder: Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String
        public var role: String
        public var side: Side
        public var level: Level
        public var influence: Int
        public var interest: Int
        public var currentEngagement: Engagement
        public var desiredEngagement: Engagement
        public var isSponsor: Bool
        public var channel: String?
        public var frequency: String?
        /// The id of the client leader this person answers to, who speaks to them about the
        /// engagement; nil when the profile does not say.
        public var reportsTo: String? = nil
    }

    public struct Goal: Sendable, Hashable, Identifiable {
        public var id: String
        public var statement: String
        public var owner: String
        public var serves: [String]
        public var due: ProfileDate?
    }

    public enum Direction: String, Sendable, Hashable {
        case higherIsBetter = "higher-is-better"
        case lowerIsBetter = "lower-is-better"
    }

    public struct Expectation: Sendable, Hashable, Identifiable {
        public var id: String
        public var statement: String
        public var metric: String
        public var stakeholder: String
        public var goal: String?
        public var unit: String
        public var baseline: Decimal?
        public var target: Decimal
        public var threshold: Decimal
        public var direction: Direction
        public var due: ProfileDate?
        /// The glide path: values agreed for dates before the due date, in date order.
        public var milestones: [Milestone] = []
        /// How often the metric is measured (ISO 8601), when the profile says.
        public var cadence: String? = nil
    }

    public struct Milestone: Sendable, Hashable {
        public var date: ProfileDate
        public var value: Decimal
    }

    public struct Segment: Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String
        public var description: String?
        public var revenueShare: Decimal
        public var isCore: Bool
    }

    /// The five journey stages, in the order a client lives them.
    public enum StageName: String, Sendable, Hashable, CaseIterable {
        case discovery, consideration, conversion, retention, advocacy
    }

    public struct JourneyStage: Sendable, Hashable {
        public var name: StageName
        public var goal: String
        public var touchpoints: [Touchpoint]
        /// What the client's people call the stage ("Booking"); nil for the standard name.
        public var label: String? = nil

        /// The stage as readers know it, in a sentence: its label, else its standard name.
        public var readerName: String { label ?? name.rawValue }
    }

    public struct Touchpoint: Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String
        public var channel: String
        public var owner: String
        public var frequency: String?
        public var serves: [String]
        public var emotionalScore: Int
        public var objectiveScore: Int
        public var responses: Int?
        public var painPoints: [String]
        public var opportunities: [String]
    }

    public struct Loyalty: Sendable, Hashable {
        public var from: ProfileDate
        public var to: ProfileDate
        public var promoters: Int
        public var passives: Int
        public var detractors: Int
        /// Answers per point of a 5-point satisfaction scale, index 0 for a score of 1.
        public var csatCounts: [Int]?
        public var cesAverage: Decimal?
        public var cesResponses: Int?
    }

    public struct Measurement: Sendable, Hashable {
        public var expectation: String
        public var date: ProfileDate
        public var value: Decimal
    }

    /// Which conventions apply (DESIGN section 14); either may be left to its default.
    public struct Method: Sendable, Hashable {
        public var sector: Sector?
        public var governance: Governance?

        public init(sector: Sector?, governance: Governance?) {
            self.sector = sector
            self.governance = governance
        }
    }

    public enum Sector: String, Sendable, Hashable {
        /// HM Treasury Green Book appraisal, optimism bias, a PRINCE2 project board.
        case `public`
        /// The firm's cost of capital, a steering committee.
        case `private`
    }

    public enum Governance: String, Sendable, Hashable {
        case prince2Board = "prince2-board"
        case steeringCommittee = "steering-committee"
    }

    public struct Appraisal: Sendable, Hashable {
        /// Percent per year, e.g. 3.5.
        public var discountRate: Decimal
        public var horizon: Int
        /// Percent added to costs, e.g. 24; 0 when the profile gives none.
        public var optimismBias: Decimal
        public var baseYear: Int?
        /// Whether option flows are totals or differences from doing nothing.
        public var basis: Basis = .absolute
        /// Whether the profile gives the optimism bias, rather than leaving it to the firm.
        public var isOptimismBiasStated = true
        /// Where the discount rate comes from; a rate the profile leaves out is filled in
        /// by ``EngagementFigures`` (the Green Book's, or the firm's cost of capital).
        public var discountRateSource: DiscountRateSource = .profile
    }

    /// Where an appraisal's discount rate comes from.
    public enum DiscountRateSource: String, Sendable, Hashable {
        /// The profile's `discount-rate`.
        case profile
        /// The firm file's `cost-of-capital`, for a private-sector client.
        case firm
        /// HM Treasury's Green Book rate of 3.5%, for a public-sector client.
        case greenBook = "green-book"
        /// 3.5%, for a private-sector client when neither the profile nor the firm file
        /// gives a rate: the business case says it is assumed.
        case assumed
    }

    public enum Basis: String, Sendable, Hashable {
        /// Each option's flows are its totals; do-nothing is the counterfactual.
        case absolute
        /// Each option's flows are already the differences from doing nothing.
        case incremental
    }

    public enum OptionKind: String, Sendable, Hashable {
        case doNothing = "do-nothing"
        case doMinimum = "do-minimum"
        case doSomething = "do-something"
    }

    public struct Benefit: Sendable, Hashable {
        public var isCash: Bool
        public var description: String
    }

    public struct YearFlows: Sendable, Hashable {
        public var year: Int
        public var capex: Decimal
        public var opex: Decimal
        public var cashBenefits: Decimal
        public var nonCashBenefits: Decimal
        public var disBenefits: Decimal
    }

    public struct Option: Sendable, Hashable, Identifiable {
        public var id: String
        public var kind: OptionKind
        public var isRecommended: Bool
        public var name: String
        public var description: String
        public var benefits: [Benefit]
        public var disBenefits: [String]
        public var years: [YearFlows]
    }

    public struct Commercial: Sendable, Hashable {
        public var model: String
        public var termMonths: Int
        public var feeBasis: String
    }

    public struct Budget: Sendable, Hashable {
        public var available: Decimal
        public var source: String
    }

    public struct Risk: Sendable, Hashable, Identifiable {
        public var id: String
        public var category: String
        public var likelihood: Int
        public var impact: Int
        public var owner: String
        public var description: String
        public var mitigation: String
    }

    public struct ChangeImpact: Sendable, Hashable, Identifiable {
        /// The six aspects of work a change can touch, in the profile's attribute order.
        public static let aspects = ["process", "systems", "roles", "behaviours", "reporting", "location"]
        /// The ADKAR elements, in order.
        public static let adkarElements = ["awareness", "desire", "knowledge", "ability", "reinforcement"]

        public var id: String
        public var group: String
        public var headcount: Int
        /// Degree 0-5 per aspect, in the order of ``aspects``.
        public var degrees: [Int]
        /// Score 1-5 per element, in the order of ``adkarElements``.
        public var adkar: [Int]
        public var resistance: String
        public var trainingNeed: String
    }

    public struct Preference: Sendable, Hashable, Identifiable {
        public var id: String
        public var stakeholder: String
        public var channel: String
        public var frequency: String
        public var format: String
        public var summaryWithinDays: Int?
        public var updateEvery: String?
    }

    public struct EscalationStep: Sendable, Hashable {
        public var stakeholder: String
        public var within: String
        public var description: String
    }

    public struct Communication: Sendable, Hashable {
        public var preferences: [Preference]
        public var escalation: [EscalationStep]
    }

    public struct Review: Sendable, Hashable, Identifiable {
        public var id: String
        public var date: ProfileDate
        public var purpose: String
    }

    public struct Reviews: Sendable, Hashable {
        public var cadence: String
        public var kickOff: ProfileDate
        public var reviews: [Review]
    }

    public struct RaciActivity: Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String
        public var responsible: [String]
        public var accountable: String
        public var consulted: [String]
        public var informed: [String]
    }
}

extension ClientProfile {
    /// Where a document stands with the client.
    public enum DocumentStatus: String, Sendable, Hashable, CaseIterable {
        case draft
        case forReview = "for-review"
        case final
    }

    /// One `<document kind="..">` of `<documents>`: what the profile says of it; the firm's
    /// defaults fill the rest (``DocumentFigures``).
    public struct DocumentMetadata: Sendable, Hashable {
        public var kind: String
        public var author: String?
        public var status: DocumentStatus?
        public var classification: String?
        public var date: ProfileDate?
        /// Stakeholder ids, in the order given.
        public var recipients: [String]
    }
}

/// Stages compare in the order a client lives them.
extension ClientProfile.StageName: Comparable {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
