import Foundation
import EngageTemplates
import XMLSupport

/// Raises the alerts of DESIGN section 9 for a pack.
///
/// Two sources: changes from the profile the pack was last generated from (its baseline),
/// which a regenerate clears; and the client's present state (a missed expectation, a weak
/// touchpoint, an overdue review), which stays as long as the profile says so.
public struct AlertReport: Sendable, Encodable {
    public var pack: String
    public var profile: String
    public var today: String
    public var alerts: [Alert]
    public var counts: [String: Int]

    /// Whether any alert is critical or a warning (what `--exit-code` reports).
    public var needsAttention: Bool { alerts.contains { $0.severity != .info } }

    public init(_ inspection: PackInspection, today: ProfileDate) {
        var engine = AlertEngine(inspection: inspection, today: today)
        engine.run()
        pack = inspection.store.packFolder.path
        profile = inspection.profilePath
        self.today = today.description
        alerts = engine.alerts.sorted {
            ($0.severity, $0.kind.rawValue, $0.subject.path, $0.message) < ($1.severity, $1.kind.rawValue, $1.subject.path, $1.message)
        }
        var counts: [String: Int] = [:]
        for severity in Alert.Severity.allCases { counts[severity.rawValue] = alerts.filter { $0.severity == severity }.count }
        self.counts = counts
    }
}

struct AlertEngine {
    let inspection: PackInspection
    let today: ProfileDate
    var alerts: [Alert] = []
    /// Every section's reads, per document, from the latest revisions; read when an alert
    /// first needs them.
    private var traces: [DocumentKind: [String: [String: String]]] = [:]

    init(inspection: PackInspection, today: ProfileDate) {
        self.inspection = inspection
        self.today = today
    }

    private mutating func sectionReads(_ kind: DocumentKind) -> [String: [String: String]]? {
        if let cached = traces[kind] { return cached }
        guard let id = inspection.latest[kind]?.id else { return nil }
        let loaded = (try? inspection.store.traces(ofRevision: id)) ?? [:]
        traces[kind] = loaded
        return loaded
    }

    static let allDocuments: [DocumentKind] = DocumentKind.allCases

    mutating func run() {
        let baseline = inspection.pack.baselineSnapshotID
        let changes = baseline.map { inspection.changes(sinceSnapshot: $0) } ?? []
        // The baseline model is needed only to compare figures with a different profile.
        let baselineFigures = baseline.flatMap { id in inspection.profileUnchanged(since: id) ? nil : inspection.snapshotFigures(id) }
        changeAlerts(changes)
        loyaltyAlert(baselineFigures)
        appraisalAlert(changes, baselineFigures)
        missedExpectations()
        overdueMeasurements()
        journeyGaps()
        cadence()
        serviceStandard()
    }

    // MARK: - Changes since the baseline

    private mutating func changeAlerts(_ changes: [ProfileChange]) {
        for change in changes {
            switch (change.element, change.kind) {
            case ("mission", _), ("value", _):
                if change.element == "value", change.kind == .modified, change.field != "statement", change.field != nil { continue }
                add(.valuesDrift, .critical, change, documents: Self.allDocuments,
                    message: change.element == "mission" ? "The client's mission changed." : "Value \(change.id ?? "") was \(Self.verb(change)).",
                    action: "Schedule a review with the sponsor to confirm the new wording, then re-run sign-off of the strategy at executive level and regenerate all four documents.")
            case ("expectation", .modified) where ["@target", "@threshold", "@unit"].contains(change.field ?? ""):
                add(.expectationShift, .warning, change, documents: [.businessCase, .strategy, .communication],
                    message: "Expectation \(change.id ?? "") \(change.field?.dropFirst() ?? "") changed from \(change.old ?? "?") to \(change.new ?? "?").",
                    action: "Agree the new \(change.field?.dropFirst() ?? "target") with the expectation's owner, update the objectives and KPI dashboard, and tell the stakeholders who were promised the old one.")
            case ("expectation", .added), ("expectation", .removed):
                add(.scopeChange, .warning, change, documents: [.businessCase, .strategy, .communication],
                    message: "Expectation \(change.id ?? "") was \(Self.verb(change)).",
                    action: "Confirm the change of scope with the sponsor and check that the business case's objectives and benefits still hold.")
            case ("stakeholder", .removed):
                let wasSponsor = change.old != nil && (inspection.snapshotRoot(inspection.pack.baselineSnapshotID ?? 0)?
                    .element(named: "stakeholders")?.elements.first { $0[attribute: "id"] == change.id }?[attribute: "sponsor"] == "true")
                add(.buyInRisk, wasSponsor ? .critical : .warning, change, documents: [.strategy, .changeManagement, .communication],
                    message: wasSponsor ? "Sponsor \(change.id ?? "") left the engagement." : "Stakeholder \(change.id ?? "") left the engagement.",
                    action: wasSponsor
                        ? "Find a new executive sponsor now and re-run sign-off of the strategy at executive level."
                        : "Hand their responsibilities over and update the RACI and the communication matrix.")
            case ("stakeholder", .modified) where change.field == "@sponsor" && change.old == "true":
                add(.buyInRisk, .critical, change, documents: [.strategy, .changeManagement, .communication],
                    message: "Stakeholder \(change.id ?? "") is no longer the sponsor.",
                    action: "Confirm who now sponsors the engagement and re-run sign-off of the strategy at executive level.")
            case ("stakeholder", .modified) where change.field == "@current-engagement":
                let old = ClientProfile.Engagement(rawValue: change.old ?? "")?.rank ?? 0
                let new = ClientProfile.Engagement(rawValue: change.new ?? "")?.rank ?? 0
                guard new < old else { continue }
                add(.buyInRisk, .warning, change, documents: [.strategy, .changeManagement, .communication],
                    message: "Stakeholder \(change.id ?? "")'s engagement fell from \(change.old ?? "?") to \(change.new ?? "?").",
                    action: "Meet them within the week to understand why, and adjust the buy-in plan and the resistance management actions.")
            case ("preference", _):
                add(.preferenceUpdate, .info, change, documents: [.communication],
                    message: "Communication preference \(change.id ?? "") was \(Self.verb(change)).",
                    action: "Update the communication matrix and calendar; regenerate the communication plan.")
            default:
                continue
            }
        }
    }

    private mutating func loyaltyAlert(_ baseline: EngagementFigures?) {
        guard let before = baseline?.loyalty?.netPromoterScore,
            let now = inspection.current.figures.loyalty?.netPromoterScore, now < before
        else { return }
        let subject = Alert.Subject(element: "loyalty", id: nil, path: "/client/loyalty")
        append(Alert(
            kind: .loyaltyRisk, severity: .warning, subject: subject,
            message: "NPS fell from \(FiguresXML.format(before, scale: 1)) to \(FiguresXML.format(now, scale: 1)).",
            oldValue: FiguresXML.format(before, scale: 1), newValue: FiguresXML.format(now, scale: 1),
            documents: [DocumentKind.strategy, .businessCase].map(\.rawValue),
            sections: sections(reading: "/client/loyalty", documents: [.strategy, .businessCase]),
            action: "Call the detractors' account owners this week, find the cause, and review the retention and advocacy actions."))
    }

    private mutating func appraisalAlert(_ changes: [ProfileChange], _ baseline: EngagementFigures?) {
        let relevant = changes.filter { ["option", "appraisal"].contains($0.element) }
        guard !relevant.isEmpty else { return }
        let before = baseline?.appraisal?.recommended?.netPresentValue
        let now = inspection.current.figures.appraisal?.recommended?.netPresentValue
        let flipped = before.map { $0 > 0 } != now.map { $0 > 0 } && before != nil && now != nil
        let first = relevant[0]
        append(Alert(
            kind: .appraisalChange, severity: flipped ? .critical : .warning,
            subject: .init(element: first.element, id: first.id, path: first.path),
            message: "The appraisal changed (\(relevant.map(ProfileChangeText.describe).prefix(3).joined(separator: "; "))\(relevant.count > 3 ? "; ..." : ""))."
                + (flipped ? " The recommended option's NPV changed sign." : ""),
            oldValue: before.map { FiguresXML.format($0, scale: 0) }, newValue: now.map { FiguresXML.format($0, scale: 0) },
            documents: [DocumentKind.businessCase.rawValue],
            sections: sections(reading: "/client/figures/appraisal", documents: [.businessCase])
                + sections(reading: "/client/options", documents: [.businessCase]),
            action: flipped
                ? "Stop and re-appraise: the recommendation no longer pays; take the business case back to the sponsor before committing spend."
                : "Regenerate the business case and have the finance lead check the economic appraisal."))
    }

    // MARK: - The client's present state

    private mutating func missedExpectations() {
        for entry in inspection.current.figures.expectations.entries where entry.status == .missed {
            guard let latest = entry.latest,
                let expectation = inspection.current.profile.expectations.first(where: { $0.id == entry.id })
            else { continue }
            let path = "/client/expectations/expectation[@id='\(entry.id)']"
            let side = expectation.direction == .higherIsBetter ? "below" : "above"
            let glidePath = entry.milestone.map { " and the milestone of \(Self.quantity($0.value, expectation.unit)) for \($0.date)" } ?? ""
            append(Alert(
                kind: .expectationMissed, severity: .critical, subject: .init(element: "expectation", id: entry.id, path: path),
                message: "\(expectation.metric): \(Self.quantity(latest.value, expectation.unit)) on \(latest.date) is \(side) the threshold of \(Self.quantity(expectation.threshold, expectation.unit))\(glidePath) (target \(Self.quantity(expectation.target, expectation.unit))).",
                // Old and new are the same thing, the reading before and the latest.
                oldValue: entry.previous.map { FiguresXML.format($0.value) }, newValue: FiguresXML.format(latest.value),
                documents: [DocumentKind.strategy, .businessCase, .communication, .changeManagement].map(\.rawValue),
                sections: sections(reading: path, documents: DocumentKind.allCases)
                    + sections(reading: "/client/figures/expectations/expectation[@id='\(entry.id)']", documents: DocumentKind.allCases),
                action: escalation(for: expectation.stakeholder)))
        }
    }

    /// An expectation without a measurement for longer than its cadence (its own, else
    /// the reviews'), counted from its latest measurement or, before the first, from the
    /// kick-off: its status in the documents is older than it looks.
    private mutating func overdueMeasurements() {
        let profile = inspection.current.profile
        var overdue: [(expectation: ClientProfile.Expectation, since: ProfileDate, due: ProfileDate, cadence: String)] = []
        for entry in inspection.current.figures.expectations.entries {
            guard let expectation = profile.expectations.first(where: { $0.id == entry.id }),
                let cadence = expectation.cadence ?? profile.reviews?.cadence, let days = ISODuration.days(cadence), days > 0,
                let since = entry.latest?.date ?? profile.reviews?.kickOff
            else { continue }
            let due = ProfileDate(daysSinceEpoch: since.daysSinceEpoch + days)
            guard due < today else { continue }
            overdue.append((expectation, since, due, cadence))
        }
        let documents: [DocumentKind] = [.strategy, .businessCase]
        if overdue.count == 1, let (expectation, since, due, cadence) = overdue.first {
            let path = "/client/expectations/expectation[@id='\(expectation.id)']"
            let measured = inspection.current.figures.expectations.entries.contains { $0.id == expectation.id && $0.latest != nil }
            append(Alert(
                kind: .dataOverdue, severity: .warning, subject: .init(element: "expectation", id: expectation.id, path: path),
                message: "\(expectation.metric): measured \(ISODuration.words(cadence)), but no measurement is recorded after \(since)\(measured ? "" : ", the kick-off"); one was due by \(due).",
                oldValue: since.description, newValue: nil, documents: documents.map(\.rawValue),
                sections: sections(reading: "/client/figures/expectations/expectation[@id='\(expectation.id)']", documents: documents),
                action: "Ask \(name(of: expectation.stakeholder)) for the reading due on \(due), add it to the profile's measurements, and regenerate before the next review."))
        } else if overdue.count > 1 {
            // One summary: a standing condition of many expectations is one thing to fix.
            let earliest = overdue.map(\.due).min() ?? today
            var holders: [String] = []
            for item in overdue where !holders.contains(item.expectation.stakeholder) { holders.append(item.expectation.stakeholder) }
            let metrics = overdue.map { TemplateFunctions.metricName($0.expectation.metric) }
            append(Alert(
                kind: .dataOverdue, severity: .warning, subject: .init(element: "measurements", id: nil, path: "/client/measurements"),
                message: "\(overdue.count) of \(profile.expectations.count) expectations have no measurement within their cadence, the first due by \(earliest): \(metrics.joined(separator: "; ")).",
                oldValue: nil, newValue: String(overdue.count), documents: documents.map(\.rawValue),
                sections: overdue.flatMap { sections(reading: "/client/figures/expectations/expectation[@id='\($0.expectation.id)']", documents: documents) }.distinctInOrder(),
                action: "Ask \(Self.list(holders.map(name(of:)))) for the readings now due, add them to the profile's measurements, and regenerate before the next review."))
        }
    }

    /// One alert per stage with touchpoints below standard: a standing condition, so that
    /// a dozen of them do not bury the one change that needs a decision today.
    private mutating func journeyGaps() {
        let profile = inspection.current.profile
        for stage in inspection.current.figures.journey.stages {
            let gaps = stage.touchpoints.filter(\.isGap)
            guard !gaps.isEmpty else { continue }
            let path = "/client/journey/stage[@name='\(stage.name.rawValue)']"
            let listed = gaps.map { touchpoint in
                "\(touchpoint.name) (emotional \(touchpoint.emotionalScore), objective \(touchpoint.objectiveScore)/100: \(touchpoint.gapReasons.map(\.rawValue).joined(separator: ", ")))"
            }
            let ownerIDs = gaps.compactMap { gap in
                profile.journey.flatMap(\.touchpoints).first { $0.id == gap.id }?.owner
            }
            var owners: [String] = []
            for id in ownerIDs where !owners.contains(id) { owners.append(id) }
            let ownerNames = Self.list(owners.map { id in profile.stakeholders.first { $0.id == id }?.name ?? id })
            append(Alert(
                kind: .journeyGap, severity: .warning, subject: .init(element: "stage", id: stage.name.rawValue, path: path),
                message: "\(gaps.count) of \(stage.touchpoints.count) \(profile.journey.first { $0.name == stage.name }?.readerName ?? stage.name.rawValue) touchpoints \(gaps.count == 1 ? "falls" : "fall") below standard: \(listed.joined(separator: "; ")).",
                oldValue: nil, newValue: "\(gaps.count) of \(stage.touchpoints.count)",
                documents: [DocumentKind.strategy, .businessCase, .communication].map(\.rawValue),
                sections: gaps.flatMap { sections(reading: "\(path)/touchpoint[@id='\($0.id)']", documents: [.strategy, .businessCase, .communication]) }.distinctInOrder(),
                action: "Ask \(ownerNames) to walk \(owners.count == 1 && gaps.count == 1 ? "the touchpoint" : "each touchpoint they own") with a client this month and agree one fix for its top pain point."))
        }
    }

    /// Who to tell when an expectation is missed: the sponsor (or the first escalation
    /// step) with its holder, never the holder alone "before they find out".
    /// Follows the one rule of who speaks to whom (``StakeholderFigures/messenger(for:among:)``):
    /// the holder's own leader; for a sponsor who holds it, the first escalation step that
    /// is at the client and not themselves.
    private func escalation(for holder: String) -> String {
        let profile = inspection.current.profile
        let holderIsSponsor = profile.stakeholders.first { $0.id == holder }?.isSponsor == true
        let leader = holderIsSponsor ? nil : inspection.current.figures.stakeholders.positions.first { $0.id == holder }?.hearsFrom
        let step = profile.communication?.escalation.map(\.stakeholder).first { id in
            id != holder && profile.stakeholders.first { $0.id == id }?.side == .client
        }
        let whom = (leader ?? step).map(name(of:)) ?? "the executive team"
        return "Raise it with \(whom) now, and ask \(name(of: holder)), who holds the expectation, for a recovery plan with a date, to be reviewed at the next review."
    }

    /// "66%", "4.6 days", "£1,200": a value with its unit, as the documents write it.
    static func quantity(_ value: Decimal, _ unit: String) -> String {
        TemplateFunctions.withUnit(FiguresXML.format(value), unit)
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    private mutating func cadence() {
        guard let reviews = inspection.current.profile.reviews else { return }
        let path = "/client/reviews"
        let past = reviews.reviews.filter { $0.date < today }
        let future = reviews.reviews.filter { $0.date >= today }
        let lastMeeting = past.map(\.date).max() ?? reviews.kickOff
        let cadenceDays = ISODuration.days(reviews.cadence)
        if future.isEmpty, let last = past.last {
            append(cadenceAlert(
                "Review \(last.id) on \(last.date) has passed and no later review is scheduled.", path: path,
                old: last.date.description, new: nil,
                action: "Book the next review with the sponsor now, within the \(ISODuration.words(reviews.cadence)) cadence."))
        } else if let cadenceDays, let next = future.map(\.date).min(),
            today.daysSinceEpoch - lastMeeting.daysSinceEpoch > cadenceDays
        {
            append(cadenceAlert(
                "No review since \(lastMeeting) and the next is only on \(next): the \(ISODuration.words(reviews.cadence)) cadence is broken.",
                path: path, old: lastMeeting.description, new: next.description,
                action: "Bring the next review forward or hold an interim check-in this week."))
        }
        for preference in inspection.current.profile.communication?.preferences ?? [] {
            guard let every = preference.updateEvery, let days = ISODuration.days(every),
                today.daysSinceEpoch - lastMeeting.daysSinceEpoch > days
            else { continue }
            append(cadenceAlert(
                "\(name(of: preference.stakeholder)) expects a progress update \(ISODuration.words(every)); the last meeting was on \(lastMeeting).",
                path: "/client/communication/preference[@id='\(preference.id)']", old: lastMeeting.description, new: nil,
                action: "Send \(name(of: preference.stakeholder)) a progress update \(Self.channelPhrase(preference.channel)) this week."))
        }
    }

    private mutating func cadenceAlert(_ message: String, path: String, old: String?, new: String?, action: String) -> Alert {
        Alert(
            kind: .cadenceBreach, severity: .warning,
            subject: .init(element: path.contains("preference") ? "preference" : "reviews", id: PackStatus.id(in: path), path: path),
            message: message, oldValue: old, newValue: new, documents: [DocumentKind.communication.rawValue],
            sections: sections(reading: "/client/reviews", documents: [.communication]), action: action)
    }

    // MARK: - The firm's service standard

    /// The paths documents read the relationship and the standard from.
    static let relationshipPath = "/client/relationship"
    static let standardPath = "/client/firm/service-standard"

    /// standard-breach, relationship-risk and advocacy-opportunity, from the audit of the
    /// current profile against the standard of the pack's firm file (DESIGN section 13).
    private mutating func serviceStandard() {
        let model = inspection.current
        guard let firm = model.firm?.firm, let standard = firm.serviceStandard, model.profile.relationship != nil else { return }
        let audit = ServiceAudit.audit(model.profile, source: inspection.profilePath, standard: standard, today: today, language: firm.language)
        let manager = audit.accountManager?.name ?? "the account manager"
        let sponsor = model.profile.stakeholders.first(where: \.isSponsor)?.name ?? "the sponsor"
        for result in audit.rules where result.status == .breached {
            let breaches = result.breaches
            let documents = result.documents.compactMap(DocumentKind.init(rawValue:))
            let path = "\(Self.standardPath)/stage/rule[@id='\(result.rule)']"
            let people = Array(Set(breaches.flatMap(\.people))).sorted()
            let twice = result.breachedTwiceRunning
            append(Alert(
                kind: .standardBreach, severity: twice ? .critical : .warning,
                subject: .init(element: "rule", id: result.rule, path: path),
                message: "\(result.rule) breached\(twice ? " twice running" : "")\(breaches.count > 1 ? " (\(breaches.count) times)" : ""): "
                    + breaches.suffix(3).map(\.evidence).joined(separator: " ")
                    + " Account manager: \(manager)\(people.isEmpty ? "" : "; concerns \(Self.list(people))").",
                oldValue: nil, newValue: breaches.last?.date, documents: documents.map(\.rawValue),
                sections: (sections(reading: path, documents: documents) + sections(reading: Self.relationshipPath, documents: documents)).distinctInOrder(),
                action: twice
                    ? "\(manager) and the partner agree with \(sponsor) this week how the firm will keep this promise, and record the next occurrence on time: the standard says \"\(result.text)\""
                    : "\(manager) puts it right now (send what is missing, with an apology if it is late) and records it in the relationship log: the standard says \"\(result.text)\""))
        }
        guard let health = audit.relationship else { return }
        let riskDocuments: [DocumentKind] = [.strategy, .communication]
        var risks: [String] = []
        var fell: RelationshipHealth.Series?
        for (name, series) in [("emotional response", health.emotional), ("objective response", health.objective)] where series.trend == .falling {
            fell = fell ?? series
            let window = Array(zip(series.dates, series.values).suffix(ServiceAudit.trendWindow))
            let readings = window.map { "\($0.1) on \($0.0)" }.joined(separator: ", ")
            risks.append("the client's \(name) fell over the last \(window.count) interactions (\(readings))")
        }
        if let disagreement = health.disagreement { risks.append(TemplateFunctions.uncapitalized(disagreement).trimmingCharacters(in: CharacterSet(charactersIn: "."))) }
        if !risks.isEmpty {
            append(Alert(
                kind: .relationshipRisk, severity: .warning, subject: .init(element: "relationship", id: nil, path: Self.relationshipPath),
                message: "The relationship is at risk: \(risks.joined(separator: "; ")).",
                // The readings of the score that fell (the emotional one when both did).
                oldValue: (fell ?? health.emotional).values.suffix(ServiceAudit.trendWindow).first.map(String.init),
                newValue: (fell ?? health.emotional).latest.map(String.init),
                documents: riskDocuments.map(\.rawValue), sections: sections(reading: Self.relationshipPath, documents: riskDocuments),
                action: "\(manager) meets \(sponsor) within the week to ask how the work feels to them and what would resolve their issue, then records the response and agrees one change."))
        }
        if let nps = health.nps, nps.score > 0, !health.advocacyAskedRecently,
            (health.emotional.latest ?? 0) >= 1, (health.objective.latest ?? 100) >= FigureThresholds.objectiveGapBelow,
            health.emotional.trend != .falling, health.objective.trend != .falling
        {
            let names = nps.promoterIds.map { id in model.profile.stakeholders.first { $0.id == id }?.name ?? id }.sorted()
            append(Alert(
                kind: .advocacyOpportunity, severity: .info, subject: .init(element: "relationship", id: nil, path: Self.relationshipPath),
                message: "\(Self.list(names)) would recommend \(firm.name) (relationship NPS +\(nps.score) from \(nps.answers) answer\(nps.answers == 1 ? "" : "s")), the latest responses are positive, and the client has not been asked for a referral, testimonial or case study in the last year.",
                oldValue: nil, newValue: "+\(nps.score)", documents: [DocumentKind.strategy.rawValue],
                sections: sections(reading: Self.relationshipPath, documents: [.strategy]),
                action: "The partner asks \(sponsor) at the next review whether they would give a testimonial or introduce a peer, and records the answer as <advocacy> in the relationship."))
        }
    }

    // MARK: - Helpers

    private mutating func add(
        _ kind: Alert.Kind, _ severity: Alert.Severity, _ change: ProfileChange, documents: [DocumentKind],
        message: String, action: String
    ) {
        append(Alert(
            kind: kind, severity: severity, subject: .init(element: change.element, id: change.id, path: change.path),
            message: message, oldValue: change.old, newValue: change.new, documents: documents.map(\.rawValue),
            sections: sections(reading: change.path, documents: documents), action: action))
    }

    private mutating func append(_ alert: Alert) {
        if !alerts.contains(alert) { alerts.append(alert) }
    }

    /// Sections of `documents` whose trace read `path` or anything under it.
    private mutating func sections(reading path: String, documents: [DocumentKind]) -> [Alert.AffectedSection] {
        var result: [Alert.AffectedSection] = []
        for kind in documents {
            guard let sectionReads = sectionReads(kind) else { continue }
            for (section, reads) in sectionReads.sorted(by: { $0.key < $1.key })
            where reads.keys.contains(where: { $0 == path || $0.hasPrefix(path + "/") || $0.hasPrefix(path + "[") }) {
                result.append(.init(document: kind.rawValue, sectionId: section))
            }
        }
        return result
    }

    private func name(of stakeholder: String) -> String {
        inspection.current.profile.stakeholders.first { $0.id == stakeholder }.map { "\($0.name) (\($0.role))" } ?? stakeholder
    }

    /// How a message goes by `channel`: "in person", "by video call", "through the portal".
    static func channelPhrase(_ channel: String) -> String {
        switch channel {
        case "in-person": "in person"
        case "portal": "through the portal"
        case "workshop": "at a workshop"
        case "event": "at an event"
        case "newsletter": "in the newsletter"
        case "intranet": "on the intranet"
        case "report": "in a written report"
        case "chat": "by chat message"
        default: "by " + channel.replacingOccurrences(of: "-", with: " ")
        }
    }

    private static func verb(_ change: ProfileChange) -> String {
        switch change.kind {
        case .added: "added"
        case .removed: "removed"
        case .modified: "reworded"
        }
    }
}

extension Array where Element: Equatable {
    /// The elements without repeats, in first-seen order (sections reached from several
    /// paths of one alert).
    func distinctInOrder() -> [Element] {
        reduce(into: []) { kept, element in if !kept.contains(element) { kept.append(element) } }
    }
}
