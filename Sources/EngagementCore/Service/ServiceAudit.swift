import EngageBasics
import EngageTemplates
import Foundation

/// Checks one client's relationship against the firm's service standard.
public struct ServiceAudit {
    /// How many of the latest recorded responses a trend is read over.
    public static let trendWindow = 3
    /// A survey answer at or above this is a promoter's, at or below the next a detractor's.
    public static let promoterFrom = 9
    public static let detractorAtOrBelow = 6
    /// How long an ask for advocacy counts as recent.
    public static let advocacyAskDays = 365

    let profile: ClientProfile
    let relationship: ClientProfile.Relationship
    let standard: ServiceStandard
    let today: ProfileDate
    let language: TemplateLocale
    private let interactions: [ClientProfile.Relationship.Interaction]
    private let stageStarts: [ClientProfile.StageName: ProfileDate]
    private let stakeholders: [String: ClientProfile.Stakeholder]

    /// The audit of `profile` on `today`; every rule is not applicable without a relationship.
    public static func audit(
        _ profile: ClientProfile, source: String, standard: ServiceStandard, today: ProfileDate, language: Firm.Language = .enGB
    ) -> ClientAudit {
        let locale = TemplateLocale(rawValue: language.rawValue) ?? .british
        guard let relationship = profile.relationship else {
            return ClientAudit(
                client: profile.id, name: profile.identity.name, source: source, accountManager: nil, stage: nil,
                rules: standard.rules.map { rule in
                    RuleResult(
                        rule: rule.id, stage: rule.stage.rawValue, touchpoint: rule.touchpoint, status: .notApplicable, text: rule.text,
                        occurrences: [], documents: standard.touchpoint(rule.touchpoint)?.documents.map(\.rawValue) ?? [],
                        note: "No relationship is recorded for this client.")
                },
                relationship: nil)
        }
        let audit = ServiceAudit(profile: profile, relationship: relationship, standard: standard, today: today, language: locale)
        let manager = audit.stakeholders[relationship.accountManager]
        return ClientAudit(
            client: profile.id, name: profile.identity.name, source: source,
            accountManager: ClientAudit.Person(id: relationship.accountManager, name: manager?.name ?? relationship.accountManager),
            stage: audit.currentStage.rawValue, rules: standard.rules.map(audit.evaluate), relationship: audit.health())
    }

    private init(
        profile: ClientProfile, relationship: ClientProfile.Relationship, standard: ServiceStandard, today: ProfileDate, language: TemplateLocale
    ) {
        self.profile = profile
        self.relationship = relationship
        self.standard = standard
        self.today = today
        self.language = language
        // What is dated after today has not happened yet.
        interactions = relationship.interactions.filter { $0.date <= today }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var starts: [ClientProfile.StageName: ProfileDate] = [.discovery: relationship.start]
        for (index, stage) in ClientProfile.StageName.allCases.enumerated().dropFirst() {
            let later = Set(ClientProfile.StageName.allCases[index...])
            if let first = interactions.first(where: { later.contains($0.stage) }) { starts[stage] = first.date }
        }
        stageStarts = starts
        stakeholders = Dictionary(profile.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Stages

    /// The furthest stage any interaction so far belongs to.
    var currentStage: ClientProfile.StageName {
        ClientProfile.StageName.allCases.last { stageStarts[$0] != nil } ?? .discovery
    }

    /// When the relationship reached `stage`: its first interaction in that stage or later.
    private func start(of stage: ClientProfile.StageName) -> ProfileDate? { stageStarts[stage] }

    /// When the relationship left `stage`: the start of the next stage reached.
    private func end(of stage: ClientProfile.StageName) -> ProfileDate? {
        guard let index = ClientProfile.StageName.allCases.firstIndex(of: stage), index + 1 < ClientProfile.StageName.allCases.count else { return nil }
        return stageStarts[ClientProfile.StageName.allCases[index + 1]]
    }

    /// The stages at or after `stage` the relationship has lived in and left.
    private func endedStages(from stage: ClientProfile.StageName) -> [(stage: ClientProfile.StageName, end: ProfileDate)] {
        let all = ClientProfile.StageName.allCases
        let lived = Set(interactions.map(\.stage)).union(stage == .discovery ? [.discovery] : [])
        return all[(all.firstIndex(of: stage) ?? 0)...].compactMap { candidate in
            guard lived.contains(candidate), let end = end(of: candidate), start(of: candidate).map({ $0 < end }) ?? false else { return nil }
            return (candidate, end)
        }
    }

    // MARK: - Events

    /// Something that happened of a touchpoint's kind.
    private struct Event {
        var date: ProfileDate
        var interaction: ClientProfile.Relationship.Interaction?
        /// The interaction a follow-up follows.
        var of: String?
    }

    /// Every event of `kind` up to today, oldest first; `rule` adds the interactions that
    /// say they fulfil it. A client form or survey answer recorded beside an interaction of
    /// its kind on the same day is the same event.
    private func events(of kind: String, rule: String? = nil) -> [Event] {
        var found = interactions.filter { $0.kind == kind || ($0.fulfils != nil && $0.fulfils == rule) }.map {
            Event(date: $0.date, interaction: $0)
        }
        found += relationship.followUps.filter { $0.kind.rawValue == kind && $0.date <= today }.map { Event(date: $0.date, of: $0.of) }
        var records: Set<ProfileDate> = []
        if kind == ServiceStandard.clientFormKind, let completed = relationship.clientFormCompleted { records.insert(completed) }
        if kind == ServiceStandard.surveyKind { records.formUnion(relationship.surveys.map(\.date)) }
        let held = Set(found.map(\.date))
        found += records.filter { $0 <= today && !held.contains($0) }.map { Event(date: $0) }
        return found.sorted { $0.date < $1.date }
    }

    // MARK: - Rules

    func evaluate(_ rule: ServiceStandard.Rule) -> RuleResult {
        var result = RuleResult(
            rule: rule.id, stage: rule.stage.rawValue, touchpoint: rule.touchpoint, status: .notApplicable, text: rule.text,
            occurrences: [], documents: standard.touchpoint(rule.touchpoint)?.documents.map(\.rawValue) ?? [])
        guard let stageStart = start(of: rule.stage) else {
            result.note = "It applies from the \(rule.stage.rawValue) stage, which the relationship has not reached."
            return result
        }
        let label = self.label(rule.touchpoint)
        let events = self.events(of: rule.touchpoint, rule: rule.id)
        var occurrences: [RuleResult.Occurrence] = []
        func add(_ status: RuleResult.Status, _ date: ProfileDate, held: ProfileDate? = nil, _ evidence: String) {
            occurrences.append(.init(status: status, date: date.description, held: held?.description, evidence: evidence))
        }
        func against(_ period: ServiceStandard.Period) -> String { "against a standard of \(period.words)" }
        switch rule.timing {
        case .withinOfStart(let period):
            let due = period.after(relationship.start)
            if let first = events.first {
                let taken = first.date.days(since: relationship.start)
                let timing = "\(cap(label)) on \(say(first.date)), \(count(taken, "day")) after the start on \(say(relationship.start))"
                add(first.date <= due ? .met : .breached, first.date, held: first.date, first.date <= due ? "\(timing)." : "\(timing), \(against(period)).")
                occurrences += participantChecks(first, rule: rule)
            } else if today > due {
                add(.breached, due, "No \(label) recorded; it was due by \(say(due)), \(period.words) after the start on \(say(relationship.start)).")
            } else {
                add(.notDue, due, "\(cap(label)) due by \(say(due)).")
            }
        case .before(let kind):
            let anchorLabel = self.label(kind)
            let first = events.first
            if let anchor = self.events(of: kind).first {
                if let first, first.date <= anchor.date {
                    add(.met, first.date, held: first.date, "\(cap(label)) on \(say(first.date)), before the \(anchorLabel) on \(say(anchor.date)).")
                } else if let first {
                    add(.breached, first.date, held: first.date, "\(cap(label)) on \(say(first.date)), \(count(first.date.days(since: anchor.date), "day")) after the \(anchorLabel) on \(say(anchor.date)); the standard is before it.")
                } else {
                    add(.breached, anchor.date, "No \(label) recorded before the \(anchorLabel) on \(say(anchor.date)).")
                }
            } else if let first {
                add(.met, first.date, held: first.date, "\(cap(label)) on \(say(first.date)); the \(anchorLabel) is still to come.")
            } else {
                add(.notDue, today, "\(cap(label)) due before the \(anchorLabel), which has not been held.")
            }
        case .at(let kind):
            let anchorLabel = self.label(kind)
            if let held = self.events(of: kind).first(where: { $0.interaction != nil })?.interaction {
                if held.agreed.contains(rule.touchpoint) || events.contains(where: { $0.date == held.date }) {
                    add(.met, held.date, held: held.date, "\(cap(label)): agreed at the \(anchorLabel) on \(say(held.date)).")
                } else {
                    add(.breached, held.date, "\(cap(label)): not recorded as agreed at the \(anchorLabel) on \(say(held.date)).")
                }
            } else {
                add(.notDue, today, "\(cap(label)) to be agreed at the \(anchorLabel), which has not been held.")
            }
        case .atStageEnd(let grace):
            // Each event answers one stage end: the nearest one not answered already.
            var used: Set<Int> = []
            for (stage, end) in endedStages(from: rule.stage) {
                let from = grace.before(end), to = grace.after(end)
                let candidates = events.indices.filter { !used.contains($0) && events[$0].date >= from && events[$0].date <= to }
                if let nearest = candidates.min(by: { abs(events[$0].date.days(since: end)) < abs(events[$1].date.days(since: end)) }) {
                    used.insert(nearest)
                    let match = events[nearest]
                    add(.met, match.date, held: match.date, "\(cap(label)) on \(say(match.date)), at the end of the \(stage.rawValue) stage (\(say(end))).")
                } else if today > to {
                    add(.breached, end, "The \(stage.rawValue) stage ended on \(say(end)) with no \(label) between \(say(from)) and \(say(to)).")
                } else {
                    add(.notDue, end, "The \(stage.rawValue) stage ended on \(say(end)); \(label) due by \(say(to)).")
                }
            }
        case .after(let trigger, let within):
            // Meetings since the rule's stage began.
            let triggers = interactions.filter { $0.date >= stageStart && (trigger == nil ? $0.isSignificant : $0.kind == trigger) }
            for held in triggers {
                let meeting = "\(cap(self.label(held.kind))) on \(say(held.date))"
                // A summary is due by the firm's standard, or sooner where someone at the
                // meeting agreed a shorter time in their communication preference.
                let agreed = rule.touchpoint == ClientProfile.Relationship.FollowUpKind.summary.rawValue ? agreedSummary(for: held) : nil
                let due = min(within.after(held.date), agreed.map { held.date.adding(days: $0.days) } ?? within.after(held.date))
                let standard = agreed.map { $0.days < within.after(held.date).days(since: held.date) } == true
                    ? "against \(count(agreed!.days, "day")) agreed with \(agreed!.names)" : against(within)
                if let sent = events.first(where: { $0.of == held.id }) {
                    let taken = count(sent.date.days(since: held.date), "day")
                    if sent.date <= due {
                        add(.met, held.date, held: sent.date, "\(meeting), \(label) sent \(say(sent.date)): \(taken).")
                    } else {
                        add(.breached, held.date, held: sent.date, "\(meeting), \(label) sent \(say(sent.date)): \(taken) \(standard).")
                    }
                } else if today > due {
                    add(.breached, held.date, "\(meeting), no \(label) sent; it was due by \(say(due)).")
                } else {
                    add(.notDue, held.date, "\(meeting), \(label) due by \(say(due)).")
                }
            }
        case .every(let period, let inStagesOver):
            // A window is a stage's span; an ended stage's last day belongs to the next stage.
            var windows: [(from: ProfileDate, to: ProfileDate, isOpen: Bool, opening: String)] = []
            if let longer = inStagesOver {
                for stage in ClientProfile.StageName.allCases where stage >= rule.stage && interactions.contains(where: { $0.stage == stage }) {
                    guard let from = start(of: stage) else { continue }
                    let end = end(of: stage).flatMap { $0 <= today ? $0 : nil }
                    let to = end ?? today
                    if to > longer.after(from) {
                        windows.append((from, to, end == nil, "the \(stage.rawValue) stage started on \(say(from))"))
                    }
                }
                if windows.isEmpty { result.note = "It applies in stages longer than \(longer.words); none has lasted that long." }
            } else {
                let opening = rule.stage == .discovery ? "the relationship started on \(say(stageStart))" : "the \(rule.stage.rawValue) stage started on \(say(stageStart))"
                windows.append((stageStart, today, true, opening))
            }
            for window in windows {
                var previous: ProfileDate?
                for event in events where event.date >= window.from && (window.isOpen ? event.date <= window.to : event.date < window.to) {
                    let due = period.after(previous ?? window.from)
                    let gap = count(event.date.days(since: previous ?? window.from), "day")
                    let late = event.date > due ? ", \(against(period))" : ""
                    let sentence = previous.map { "\(cap(plural(label))) on \(say($0)) and \(say(event.date)): \(gap) apart\(late)." }
                        ?? "First \(label) on \(say(event.date)), \(gap) after \(window.opening)\(late)."
                    add(event.date > due ? .breached : .met, event.date, held: event.date, sentence)
                    occurrences += participantChecks(event, rule: rule)
                    previous = event.date
                }
                let due = period.after(previous ?? window.from)
                if window.to > due {
                    let since = previous.map { "Last \(label) on \(say($0)), none since" } ?? "No \(label) since \(window.opening)"
                    add(.breached, window.to, "\(since): \(count(window.to.days(since: previous ?? window.from), "day")) by \(say(window.to)), \(against(period)).")
                } else if previous == nil {
                    add(.notDue, due, "First \(label) due by \(say(due)).")
                }
            }
        case .checklist(let items, let firstVisit):
            let records = Dictionary(relationship.visits.map { ($0.of, $0.done) }, uniquingKeysWith: { first, second in first + second })
            let visits = events.filter { $0.interaction != nil }
            for (index, visit) in visits.enumerated() where visit.date >= stageStart {
                guard let held = visit.interaction else { continue }
                let required = items + (index == 0 ? firstVisit : [])
                let title = "\(cap(label)) on \(say(held.date))"
                if let done = records[held.id] {
                    let missing = required.filter { !done.contains($0) }
                    if missing.isEmpty {
                        add(.met, held.date, held: held.date, "\(title): the whole checklist done (\(required.map(words).joined(separator: ", "))).")
                    } else {
                        add(.breached, held.date, held: held.date, "\(title): \(AlertEngine.list(missing.map(words))) not done.")
                    }
                } else {
                    add(.breached, held.date, held: held.date, "\(title): no checklist recorded.")
                }
                occurrences += participantChecks(visit, rule: rule)
            }
        }
        if occurrences.isEmpty, result.note == nil {
            switch rule.timing {
            case .after(let trigger, _): result.note = trigger.map { "No \(self.label($0)) has been held yet." } ?? "No significant meeting has been held yet."
            case .atStageEnd: result.note = "No stage has ended yet."
            case .checklist: result.note = "No \(label) has been made yet."
            default: break
            }
        }
        // By date, a day's own timing before who attended it (a stable sort keeps the rest).
        result.occurrences = occurrences.enumerated().sorted { left, right in
            (left.element.date, left.element.kind == .attendance ? 1 : 0, left.offset) < (right.element.date, right.element.kind == .attendance ? 1 : 0, right.offset)
        }.map(\.element)
        result.status =
            occurrences.contains { $0.status == .breached } ? .breached
            : occurrences.contains { $0.status == .met } ? .met
            : occurrences.contains { $0.status == .notDue } ? .notDue : .notApplicable
        return result
    }

    /// The shortest summary time agreed by someone at `meeting` (their communication
    /// preference's `summary-within-days`), and who agreed it.
    private func agreedSummary(for meeting: ClientProfile.Relationship.Interaction) -> (days: Int, names: String)? {
        let agreed = (profile.communication?.preferences ?? []).filter { meeting.participants.contains($0.stakeholder) }
            .compactMap { preference in preference.summaryWithinDays.map { (preference.stakeholder, $0) } }
        guard let shortest = agreed.map(\.1).min() else { return nil }
        let names = agreed.filter { $0.1 == shortest }.map { stakeholders[$0.0]?.name ?? $0.0 }
        return (shortest, AlertEngine.list(names))
    }

    /// A breach for each side's role the standard names for the touchpoint and nobody at
    /// `event` fills.
    private func participantChecks(_ event: Event, rule: ServiceStandard.Rule) -> [RuleResult.Occurrence] {
        guard let held = event.interaction, let touchpoint = standard.touchpoint(rule.touchpoint) else { return [] }
        let present = held.participants.compactMap { stakeholders[$0] }
        var missing: [String] = []
        var people: [String] = []
        for role in touchpoint.client {
            let filled = present.contains { person in
                person.side == .client && (role == .sponsor ? person.isSponsor : person.level.rawValue == role.rawValue)
            }
            guard !filled else { continue }
            if role == .sponsor, let sponsor = profile.stakeholders.first(where: { $0.isSponsor }) {
                missing.append("the sponsor (\(sponsor.name))")
                people.append(sponsor.name)
            } else {
                missing.append(role == .sponsor ? "the sponsor" : "anyone from the client's \(role.rawValue) level")
            }
        }
        for role in touchpoint.firm {
            let filled = present.contains { person in
                person.side == .provider && (role == .accountManager ? person.id == relationship.accountManager : person.level.rawValue == role.rawValue)
            }
            guard !filled else { continue }
            if role == .accountManager {
                let name = stakeholders[relationship.accountManager]?.name ?? relationship.accountManager
                missing.append("the account manager (\(name))")
                people.append(name)
            } else {
                missing.append("anyone from the firm's \(role.rawValue) level")
            }
        }
        guard !missing.isEmpty else { return [] }
        return [.init(
            kind: .attendance, status: .breached, date: held.date.description, held: held.date.description,
            evidence: "\(cap(label(held.kind))) on \(say(held.date)) without \(AlertEngine.list(missing)).", people: people)]
    }

    // MARK: - Health

    func health() -> RelationshipHealth {
        func series(_ value: (ClientProfile.Relationship.Interaction) -> Int?) -> RelationshipHealth.Series {
            let recorded = interactions.compactMap { interaction in value(interaction).map { (interaction.date, $0) } }
            let window = recorded.suffix(Self.trendWindow).map(\.1)
            var trend: RelationshipHealth.Direction?
            if window.count >= 2 {
                let pairs = zip(window, window.dropFirst())
                if pairs.allSatisfy({ $1 <= $0 }), window.last! < window.first! { trend = .falling }
                else if pairs.allSatisfy({ $1 >= $0 }), window.last! > window.first! { trend = .rising }
                else { trend = .steady }
            }
            return .init(values: recorded.map(\.1), dates: recorded.map(\.0.description), latest: recorded.last?.1, trend: trend)
        }
        var disagreement: String?
        if let latest = interactions.last(where: { $0.emotional != nil && $0.objective != nil }),
            let emotional = latest.emotional, let objective = latest.objective
        {
            let felt = JourneyFigures.scaledEmotionalScore(emotional)
            if abs(felt - objective) >= FigureThresholds.scoreDisagreement {
                disagreement = felt > objective
                    ? "At the \(label(latest.kind)) on \(say(latest.date)) the client felt better (\(signed(emotional))) than their issue was resolved (\(objective) of 100)."
                    : "At the \(label(latest.kind)) on \(say(latest.date)) the client's issue was resolved (\(objective) of 100) but they felt worse about it (\(signed(emotional)))."
            }
        }
        var latestAnswer: [String: ClientProfile.Relationship.SurveyAnswer] = [:]
        for answer in relationship.surveys where answer.date <= today {
            if let known = latestAnswer[answer.stakeholder], known.date > answer.date { continue }
            latestAnswer[answer.stakeholder] = answer
        }
        var nps: RelationshipHealth.NetPromoter?
        if !latestAnswer.isEmpty {
            let scores = latestAnswer.values.map(\.recommend)
            let promoterIds = latestAnswer.values.filter { $0.recommend >= Self.promoterFrom }.map(\.stakeholder).sorted()
            let detractors = scores.filter { $0 <= Self.detractorAtOrBelow }.count
            let score = Int((Double(promoterIds.count - detractors) * 100 / Double(scores.count)).rounded())
            nps = .init(
                score: score, promoters: promoterIds.count, promoterIds: promoterIds, passives: scores.count - promoterIds.count - detractors,
                detractors: detractors, answers: scores.count)
        }
        let recent = today.adding(days: -Self.advocacyAskDays)
        return RelationshipHealth(
            emotional: series(\.emotional), objective: series(\.objective), disagreement: disagreement, nps: nps,
            advocacyGiven: relationship.advocacy.filter { $0.outcome == .given && $0.date <= today }.count,
            advocacyAskedRecently: relationship.advocacy.contains { $0.date > recent && $0.date <= today })
    }

    // MARK: - Words

    private func label(_ kind: String) -> String { standard.label(kind) }

    private func cap(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// "14 October", with the year when it is not today's.
    private func say(_ date: ProfileDate) -> String {
        date.year == today.year
            ? language.format(day: date.day, month: date.month)
            : language.format(day: date.day, month: date.month, year: date.year)
    }

    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }


    /// "engagement reviews", "progress updates": a label's plural, for two occurrences.
    private func plural(_ label: String) -> String {
        if label.hasSuffix("s") { return label }
        if label.hasSuffix("y"), !label.hasSuffix("ey") { return label.dropLast() + "ies" }
        return label + "s"
    }

    private func words(_ identifier: String) -> String { identifier.replacingOccurrences(of: "-", with: " ") }

    private func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

}
