import EngageBasics
import Foundation

// What ``ServiceAudit`` finds for one client: each rule's result, the relationship's
// health, and the client's audit as a whole.

/// One rule of the standard for one client: met, breached, not yet due or not applicable,
/// with the evidence of each occurrence (DESIGN section 13).
public struct RuleResult: Sendable, Hashable, Encodable {
    public enum Status: String, Sendable, Hashable, Encodable, CaseIterable {
        case met, breached, notDue = "not-due", notApplicable = "not-applicable"
    }

    /// One time the rule was due: a meeting and its summary, a gap between two reviews;
    /// or, for a touchpoint the standard says who attends, whether they did.
    public struct Occurrence: Sendable, Hashable, Encodable {
        public enum Kind: String, Sendable, Hashable, Encodable { case timing, attendance }

        public var kind: Kind = .timing
        public var status: Status
        /// The day the occurrence is about (the meeting, the visit, the end of the gap).
        public var date: String
        /// The day the touchpoint actually took place; null when it did not.
        @NullWhenAbsent public var held: String?
        public var evidence: String
        /// The people it concerns, by name: who was missing.
        public var people: [String] = []
    }

    public var rule: String
    public var stage: String
    public var touchpoint: String
    public var status: Status
    /// The promise in the firm's words.
    public var text: String
    public var occurrences: [Occurrence]
    /// The documents the standard says go with the touchpoint.
    public var documents: [String]
    /// Why the rule does not apply yet, when it does not.
    @NullWhenAbsent public var note: String?

    /// Whether the rule's last two times due were both breached (who attended aside: one
    /// meeting is one time, however many things went wrong at it).
    public var breachedTwiceRunning: Bool {
        let timings = occurrences.filter { $0.kind == .timing }
        return timings.count >= 2 && timings.suffix(2).allSatisfy { $0.status == .breached }
    }

    /// The dates the touchpoint took place, oldest first.
    public var heldDates: [ProfileDate] {
        occurrences.filter { $0.kind == .timing }.compactMap { $0.held.flatMap(ProfileDate.init) }
    }

    /// The evidence of every breach, oldest first.
    public var breaches: [Occurrence] { occurrences.filter { $0.status == .breached } }

    enum CodingKeys: String, CodingKey {
        case rule, stage, touchpoint, status, text, occurrences, documents, note
    }
}

/// The client's responses over the relationship, its relationship NPS and its advocacy.
public struct RelationshipHealth: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable { case rising, steady, falling }

    /// One score over the interactions that recorded it, oldest first.
    public struct Series: Sendable, Hashable, Codable {
        public var values: [Int]
        public var dates: [String]
        @NullWhenAbsent public var latest: Int?
        /// Over the last ``ServiceAudit/trendWindow`` values: falling when none rose and the
        /// last is below the first, rising the other way, else steady; nil under two values.
        @NullWhenAbsent public var trend: Direction?
    }

    public struct NetPromoter: Sendable, Hashable, Codable {
        public var score: Int
        public var promoters: Int
        /// The stakeholders whose latest answer is a promoter's.
        public var promoterIds: [String]
        public var passives: Int
        public var detractors: Int
        public var answers: Int
    }

    public var emotional: Series
    public var objective: Series
    /// Why the latest interaction's two scores disagree, when they do.
    @NullWhenAbsent public var disagreement: String?
    /// From each person's latest survey answer.
    @NullWhenAbsent public var nps: NetPromoter?
    public var advocacyGiven: Int
    /// Whether the client was asked for, or gave, advocacy within the last year.
    public var advocacyAskedRecently: Bool
}

/// One client's relationship audited against the standard.
public struct ClientAudit: Sendable, Hashable, Encodable {
    public struct Person: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
    }

    public var client: String
    public var name: String
    /// The profile or pack the client was read from.
    public var source: String
    @NullWhenAbsent public var accountManager: Person?
    /// The furthest stage the relationship has reached; nil without a relationship.
    @NullWhenAbsent public var stage: String?
    public var rules: [RuleResult]
    @NullWhenAbsent public var relationship: RelationshipHealth?

    public var met: Int { rules.filter { $0.status == .met }.count }
    public var breached: Int { rules.filter { $0.status == .breached }.count }

    /// The share of due rules met, in percent; nil when no rule is due yet.
    public var score: Double? {
        met + breached == 0 ? nil : Double(met) / Double(met + breached) * 100
    }
}
