import EngageBasics
import Foundation

extension ClientProfile {
    /// The firm's own journey with the client, as it happens (DESIGN section 13): what
    /// ``ServiceAudit`` checks against the firm's ``ServiceStandard``.
    public struct Relationship: Sendable, Hashable {
        public struct Interaction: Sendable, Hashable, Identifiable {
            public var id: String
            public var date: ProfileDate
            public var kind: String
            public var stage: StageName
            public var channel: String
            public var isSignificant: Bool
            /// The standard's rule this interaction meets, where its kind does not say.
            public var fulfils: String?
            /// What was agreed at it (communication-preferences, first-review).
            public var agreed: [String]
            /// Stakeholder ids from both sides.
            public var participants: [String]
            /// How the client felt, -2 to +2.
            public var emotional: Int?
            /// How well the client's issue was resolved, 0 to 100.
            public var objective: Int?
            public var note: String?
        }

        public enum FollowUpKind: String, Sendable, Hashable, CaseIterable {
            case summary, thankYou = "thank-you", progressUpdate = "progress-update"
        }

        public struct FollowUp: Sendable, Hashable {
            public var kind: FollowUpKind
            /// The interaction it follows; nil for a progress update.
            public var of: String?
            public var date: ProfileDate
        }

        public struct Visit: Sendable, Hashable {
            public var of: String
            public var done: [String]
        }

        public struct SurveyAnswer: Sendable, Hashable {
            public var date: ProfileDate
            public var stakeholder: String
            /// How likely to recommend the firm, 0 to 10.
            public var recommend: Int
        }

        public enum AdvocacyKind: String, Sendable, Hashable, CaseIterable {
            case referral, testimonial, caseStudy = "case-study", repeatWork = "repeat-work"
        }

        public enum AdvocacyOutcome: String, Sendable, Hashable, CaseIterable {
            case given, asked, declined
        }

        public struct Advocacy: Sendable, Hashable {
            public var kind: AdvocacyKind
            public var date: ProfileDate
            public var by: String?
            public var outcome: AdvocacyOutcome
            public var note: String?
        }

        public var start: ProfileDate
        /// The provider-side stakeholder who owns the relationship.
        public var accountManager: String
        public var clientFormCompleted: ProfileDate?
        public var interactions: [Interaction]
        public var followUps: [FollowUp]
        public var visits: [Visit]
        public var surveys: [SurveyAnswer]
        public var advocacy: [Advocacy]
    }
}
