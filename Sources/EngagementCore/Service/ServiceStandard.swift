import EngageBasics
import EngageTemplates
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

    /// A whole number of days, weeks, months or years (P2D, P2W, P1M, P1Y), counted on the
    /// calendar: a month from 31 January is the last day of February.
    public struct Period: Sendable, Hashable, CustomStringConvertible {
        public enum Unit: String, Sendable, Hashable { case day = "D", week = "W", month = "M", year = "Y" }

        public var count: Int
        public var unit: Unit

        /// `P<n><unit>`; nil for anything else (the schema allows nothing else).
        public init?(_ text: String) {
            guard text.count >= 3, text.first == "P", let unit = text.last.flatMap({ Unit(rawValue: String($0)) }),
                let count = Int(text.dropFirst().dropLast()), count > 0
            else { return nil }
            self.count = count
            self.unit = unit
        }

        /// The date this period after `date`.
        public func after(_ date: ProfileDate) -> ProfileDate {
            switch unit {
            case .day: date.adding(days: count)
            case .week: date.adding(days: 7 * count)
            case .month: date.adding(months: count)
            case .year: date.adding(months: 12 * count)
            }
        }

        /// The date this period before `date`.
        public func before(_ date: ProfileDate) -> ProfileDate {
            var back = self
            back.count = -count
            return back.after(date)
        }

        /// "2 days", "1 month".
        public var words: String {
            let noun = ["D": "day", "W": "week", "M": "month", "Y": "year"][unit.rawValue] ?? ""
            return "\(count) \(noun)\(count == 1 ? "" : "s")"
        }

        public var description: String { "P\(count)\(unit.rawValue)" }
    }

    /// When a rule is due, decided by the rule's attributes.
    public enum Timing: Sendable, Hashable {
        /// The first such touchpoint within the period of the relationship's start.
        case withinOfStart(Period)
        /// The first such touchpoint on or before the first touchpoint of `kind`.
        case before(kind: String)
        /// Agreed at the first touchpoint of `kind`: listed in its `agreed`, or held that day.
        case at(kind: String)
        /// One at the end of every stage the relationship has left, within `grace` either side.
        case atStageEnd(grace: Period)
        /// One within the period after every significant meeting (`trigger` nil) or every
        /// touchpoint of kind `trigger`.
        case after(trigger: String?, within: Period)
        /// No gap longer than the period from the stage's start to today; only in stages
        /// longer than `inStagesOver` when it is given.
        case every(Period, inStagesOver: Period?)
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
    }

    /// The value of `after` that means every significant meeting.
    public static let significantMeeting = "significant-meeting"
    /// The value of `at` that means the end of each stage.
    public static let stageEnd = "stage-end"
    /// The grace either side of a stage's end when a stage-end rule gives no `within`.
    public static let defaultStageEndGrace = Period("P14D")!

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
        func period(_ name: String) -> ServiceStandard.Period? { attribute(name).flatMap(ServiceStandard.Period.init) }
        func list(_ name: String) -> [String] { (attribute(name) ?? "").xmlListItems() }
        let shapes: [(attributes: Set<String>, optional: Set<String>, make: () -> Self?)] = [
            (["within", "of"], [], { period("within").map { .withinOfStart($0) } }),
            (["before"], [], { attribute("before").map { .before(kind: $0) } }),
            (["at"], ["within"], {
                guard let at = attribute("at") else { return nil }
                if at == ServiceStandard.stageEnd { return .atStageEnd(grace: period("within") ?? ServiceStandard.defaultStageEndGrace) }
                return given.contains("within") ? nil : .at(kind: at)
            }),
            (["within", "after"], [], {
                guard let after = attribute("after"), let within = period("within") else { return nil }
                return .after(trigger: after == ServiceStandard.significantMeeting ? nil : after, within: within)
            }),
            (["every"], ["in-stages-over"], { period("every").map { .every($0, inStagesOver: period("in-stages-over")) } }),
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
        return TemplateFunctions.uncapitalized(label)
    }

    /// When `rule` is due, in words for a reader: "within 14 days of the start", "monthly".
    public func when(_ rule: Rule) -> String {
        switch rule.timing {
        case .withinOfStart(let period): return "within \(period.words) of the start"
        case .before(let kind): return "before the \(label(kind))"
        case .at(let kind): return "at the \(label(kind))"
        case .atStageEnd: return "at the end of each stage"
        case .after(let trigger, let within): return "within \(within.words) of every \(trigger.map(label) ?? "significant meeting")"
        case .every(let period, let longer):
            let cadence = ISODuration.words(period.description)
            return longer.map { "\(cadence) in stages longer than \($0.words)" } ?? cadence
        case .checklist: return "at every \(label(rule.touchpoint)), to the firm's format"
        }
    }
}
