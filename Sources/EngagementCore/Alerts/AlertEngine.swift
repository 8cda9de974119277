import Foundation
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
        journeyGaps()
        cadence()
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
            append(Alert(
                kind: .expectationMissed, severity: .critical, subject: .init(element: "expectation", id: entry.id, path: path),
                message: "\(expectation.metric): \(FiguresXML.format(latest.value)) \(expectation.unit) on \(latest.date) is \(side) the threshold of \(FiguresXML.format(expectation.threshold)) \(expectation.unit) (target \(FiguresXML.format(expectation.target))).",
                oldValue: FiguresXML.format(expectation.threshold), newValue: FiguresXML.format(latest.value),
                documents: [DocumentKind.strategy, .businessCase, .communication, .changeManagement].map(\.rawValue),
                sections: sections(reading: path, documents: DocumentKind.allCases)
                    + sections(reading: "/client/figures/expectations/expectation[@id='\(entry.id)']", documents: DocumentKind.allCases),
                action: "Tell \(name(of: expectation.stakeholder)) before they find out, agree a recovery plan with a date, and review it at the next review."))
        }
    }

    private mutating func journeyGaps() {
        for stage in inspection.current.figures.journey.stages {
            for touchpoint in stage.touchpoints where touchpoint.isGap {
                let path = "/client/journey/stage[@name='\(stage.name.rawValue)']/touchpoint[@id='\(touchpoint.id)']"
                let reasons = touchpoint.gapReasons.map(\.rawValue).joined(separator: ", ")
                append(Alert(
                    kind: .journeyGap, severity: .warning, subject: .init(element: "touchpoint", id: touchpoint.id, path: path),
                    message: "\(touchpoint.name) (\(stage.name.rawValue)) scores \(touchpoint.emotionalScore) emotional, \(touchpoint.objectiveScore)/100 objective: \(reasons).",
                    oldValue: nil, newValue: "emotional \(touchpoint.emotionalScore), objective \(touchpoint.objectiveScore)",
                    documents: [DocumentKind.strategy, .businessCase, .communication].map(\.rawValue),
                    sections: sections(reading: path, documents: [.strategy, .businessCase, .communication]),
                    action: "Have the touchpoint's owner walk it with a client this month and agree one fix for the top pain point."))
            }
        }
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
                action: "Send \(name(of: preference.stakeholder)) a progress update by \(preference.channel) now."))
        }
    }

    private mutating func cadenceAlert(_ message: String, path: String, old: String?, new: String?, action: String) -> Alert {
        Alert(
            kind: .cadenceBreach, severity: .warning,
            subject: .init(element: path.contains("preference") ? "preference" : "reviews", id: PackStatus.id(in: path), path: path),
            message: message, oldValue: old, newValue: new, documents: [DocumentKind.communication.rawValue],
            sections: sections(reading: "/client/reviews", documents: [.communication]), action: action)
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

    private static func verb(_ change: ProfileChange) -> String {
        switch change.kind {
        case .added: "added"
        case .removed: "removed"
        case .modified: "reworded"
        }
    }
}
