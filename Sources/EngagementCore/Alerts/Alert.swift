import Foundation
/// A finding that needs a person (DESIGN section 9).
public struct Alert: Sendable, Encodable, Hashable {
    /// The alert kinds; raw values are fixed names scripts rely on.
    public enum Kind: String, Sendable, Encodable, Hashable, CaseIterable {
        case valuesDrift = "values-drift"
        case expectationShift = "expectation-shift"
        case expectationMissed = "expectation-missed"
        case scopeChange = "scope-change"
        case journeyGap = "journey-gap"
        case loyaltyRisk = "loyalty-risk"
        case buyInRisk = "buy-in-risk"
        case preferenceUpdate = "preference-update"
        case cadenceBreach = "cadence-breach"
        case appraisalChange = "appraisal-change"
        case dataOverdue = "data-overdue"
        case standardBreach = "standard-breach"
        case relationshipRisk = "relationship-risk"
        case advocacyOpportunity = "advocacy-opportunity"
    }

    public enum Severity: String, Sendable, Encodable, Hashable, Comparable, CaseIterable {
        case critical, warning, info

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// The profile element an alert is about.
    public struct Subject: Sendable, Encodable, Hashable {
        public var element: String
        @NullWhenAbsent public var id: String?
        public var path: String
    }

    /// A section of a document the alert affects.
    public struct AffectedSection: Sendable, Encodable, Hashable {
        public var document: String
        public var sectionId: String
    }

    public var kind: Kind
    public var severity: Severity
    public var subject: Subject
    public var message: String
    @NullWhenAbsent public var oldValue: String?
    @NullWhenAbsent public var newValue: String?
    public var documents: [String]
    public var sections: [AffectedSection]
    /// What a person should do, in plain words.
    public var action: String
}
