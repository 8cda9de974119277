import EngageBasics
import Foundation
import XMLSupport

/// The firm's client journey that every account manager follows (DESIGN section 13): the
/// touchpoints it names, and the rules of each stage that ``ServiceAudit`` checks every
/// client's relationship against. Read from the firm file's `<service-standard>`.
public struct ServiceStandard: Sendable, Hashable {
    /// Who takes part in a touchpoint from one side, by the roles the standard names.
    public enum FirmRole: String, Sendable, Hashable, CaseIterable {
        case accountManager = "account-manager", executive, management, frontline
    }

    public enum ClientRole: String, Sendable, Hashable, CaseIterable {
        case sponsor, executive, management, frontline
    }

    /// A kind of touchpoint, what documents call it, who takes part and its document.
    public struct Touchpoint: Sendable, Hashable {
        public var kind: String
        public var label: String
        public var firm: [FirmRole]
        public var client: [ClientRole]
        public var documents: [DocumentKind]
    }

    /// When a rule is due, decided by the rule's attributes.
    public enum Timing: Sendable, Hashable {
        /// The first such touchpoint within `days` of the relationship's start.
        case withinOfStart(days: Int)
        /// The first such touchpoint on or before the first touchpoint of `kind`.
        case before(kind: String)
        /// Agreed at the first touchpoint of `kind`: listed in its `agreed`, or held that day.
        case at(kind: String)
        /// One at the end of every stage the relationship has left, within `graceDays` of it.
        case atStageEnd(graceDays: Int)
        /// One within `days` after every significant meeting (`trigger` nil) or every
        /// touchpoint of kind `trigger`.
        case after(trigger: String?, days: Int)
        /// No gap longer than `days` from the stage's start to today; only in stages that
        /// last longer than `inStagesOver` days when it is given.
        case every(days: Int, inStagesOver: Int?)
        /// Every visit does the checklist; the first visit also does `firstVisit`.
        case checklist(items: [String], firstVisit: [String])
    }

    public struct Rule: Sendable, Hashable, Identifiable {
        public var id: String
        public var stage: ClientProfile.StageName
        public var touchpoint: String
        public var timing: Timing
        /// The promise in the firm's own words.
        public var text: String
        /// The attribute values as written (within="P2D"), for evidence and documents.
        public var period: String?
    }

    /// The value of `after` that means every significant meeting.
    public static let significantMeeting = "significant-meeting"
    /// The value of `at` that means the end of each stage.
    public static let stageEnd = "stage-end"
    /// The grace after a stage's end when a stage-end rule gives no `within`.
    public static let defaultStageEndGraceDays = 14

    public var touchpoints: [Touchpoint]
    public var rules: [Rule]

    public func touchpoint(_ kind: String) -> Touchpoint? { touchpoints.first { $0.kind == kind } }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

extension ServiceStandard.Timing {
    /// The timing a rule's attributes describe, or why they describe none: the one place
    /// that reads them, for the firm validator and the decoder alike.
    static func read(_ attribute: @escaping (String) -> String?) -> Result<Self, ServiceStandard.RuleShapeError> {
        let timingNames = ["within", "of", "before", "at", "after", "every", "in-stages-over", "checklist", "first-visit"]
        let given = Set(timingNames.filter { attribute($0) != nil })
        func days(_ name: String) -> Int? { attribute(name).flatMap(ISODuration.days) }
        func list(_ name: String) -> [String] { (attribute(name) ?? "").xmlListItems() }
        let shapes: [(attributes: Set<String>, optional: Set<String>, make: () -> Self?)] = [
            (["within", "of"], [], { days("within").map { .withinOfStart(days: $0) } }),
            (["before"], [], { attribute("before").map { .before(kind: $0) } }),
            (["at"], ["within"], {
                guard let at = attribute("at") else { return nil }
                if at == ServiceStandard.stageEnd { return .atStageEnd(graceDays: days("within") ?? ServiceStandard.defaultStageEndGraceDays) }
                return given.contains("within") ? nil : .at(kind: at)
            }),
            (["within", "after"], [], {
                guard let after = attribute("after"), let days = days("within") else { return nil }
                return .after(trigger: after == ServiceStandard.significantMeeting ? nil : after, days: days)
            }),
            (["every"], ["in-stages-over"], { days("every").map { .every(days: $0, inStagesOver: days("in-stages-over")) } }),
            (["checklist"], ["first-visit"], { .checklist(items: list("checklist"), firstVisit: list("first-visit")) }),
        ]
        for shape in shapes where shape.attributes.isSubset(of: given) && given.isSubset(of: shape.attributes.union(shape.optional)) {
            if let timing = shape.make() { return .success(timing) }
        }
        return .failure(.init(given: given.sorted()))
    }
}

extension ServiceStandard {
    /// A rule whose attributes match none of the timings.
    struct RuleShapeError: Error, Hashable {
        var given: [String]

        var message: String {
            given.isEmpty
                ? "it says nothing of when it is due"
                : "its attributes (\(given.joined(separator: ", "))) describe none of the standard's timings"
        }

        static let fix =
            "Give one of: within and of=\"start\"; before; at (a touchpoint, or \"stage-end\" with an optional within); within and after; every (with an optional in-stages-over); checklist (with an optional first-visit). docs/firm-format.md lists them."
    }
}

extension ServiceStandard {
    /// The touchpoint kind the profile's `<client-form completed>` records.
    public static let clientFormKind = "client-form"
    /// The touchpoint kind the profile's `<survey>` answers record, one per date.
    public static let surveyKind = "relationship-survey"
}

extension ServiceStandard {
    /// What the standard calls a touchpoint kind, for the middle of a sentence ("kick-off
    /// meeting"); a kind it does not declare in words ("steering meeting").
    public func label(_ kind: String) -> String {
        guard let label = touchpoint(kind)?.label else { return kind.replacingOccurrences(of: "-", with: " ") }
        return ServiceAudit.lowercasedFirst(label)
    }

    /// When `rule` is due, in words for a reader: "within 14 days of the start", "monthly".
    public func when(_ rule: Rule) -> String {
        func period(_ days: Int) -> String {
            if let written = rule.period, written.hasSuffix("D") || days % 30 != 0 { return days == 1 ? "1 day" : "\(days) days" }
            return days % 365 == 0 ? (days == 365 ? "a year" : "\(days / 365) years") : (days == 30 ? "a month" : "\(days / 30) months")
        }
        switch rule.timing {
        case .withinOfStart(let days): return "within \(period(days)) of the start"
        case .before(let kind): return "before the \(label(kind))"
        case .at(let kind): return "at the \(label(kind))"
        case .atStageEnd: return "at the end of each stage"
        case .after(let trigger, let days): return "within \(period(days)) of every \(trigger.map(label) ?? "significant meeting")"
        case .every(_, let longer):
            let cadence = rule.period.map(ISODuration.words) ?? ""
            return longer.map { "\(cadence) in stages longer than \($0) days" } ?? cadence
        case .checklist: return "at every \(label(rule.touchpoint)), to the firm's format"
        }
    }
}
