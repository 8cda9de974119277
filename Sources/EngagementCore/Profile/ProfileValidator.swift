import Foundation
import XMLSupport

/// The semantic checks that the XSD cannot express (docs/profile-rules.md).
///
/// They run on the element tree, not on the decoded model, so that they also run
/// when the schema found problems: a user sees every problem of a file in one go. Each
/// check skips what is missing or malformed, since the schema reports that already.
struct ProfileValidator {
    // Read by the checks in the extensions (ProfileValidator+Relationship.swift).
    let root: SourceElement
    let fileName: String
    private(set) var diagnostics: [Diagnostic] = []

    private init(root: SourceElement, fileName: String) {
        self.root = root
        self.fileName = fileName
    }

    /// Every semantic problem of the profile rooted at `root`.
    static func check(_ root: SourceElement, fileName: String) -> [Diagnostic] {
        var validator = ProfileValidator(root: root, fileName: fileName)
        validator.checkUniqueIDs()
        validator.checkReferences()
        validator.checkJourney()
        validator.checkExpectations()
        validator.checkDates()
        validator.checkSegments()
        validator.checkOptions()
        validator.checkLoyalty()
        validator.checkSponsor()
        validator.checkReportingLines()
        validator.checkDocuments()
        validator.checkDiscountRate()
        validator.checkRelationship()
        return validator.diagnostics
    }

    mutating func report(
        _ element: SourceElement, _ summary: String, fix: String, severity: Diagnostic.Severity = .error
    ) {
        diagnostics.append(
            Diagnostic(severity: severity, file: fileName, position: element.position, summary: summary, fix: fix))
    }

    func children(_ path: String...) -> [SourceElement] {
        var current = [root]
        for name in path {
            current = current.flatMap { $0.elements(named: name) }
        }
        return current
    }

    // MARK: - Ids

    private mutating func checkUniqueIDs() {
        var firstByID: [String: SourceElement] = [:]
        func visit(_ element: SourceElement) {
            for child in element.elements {
                if let id = child[attribute: "id"] {
                    if let first = firstByID[id] {
                        report(
                            child, "The id '\(id)' is already used by the <\(first.name)> at line \(first.position.line).",
                            fix: "Give every element its own id; ids are unique across the whole profile.")
                    } else {
                        firstByID[id] = child
                    }
                }
                visit(child)
            }
        }
        visit(root)
    }

    // MARK: - References

    private enum TargetKind: String {
        case stakeholder, value, goal, expectation

        var container: String {
            switch self {
            case .stakeholder: "stakeholders"
            case .value: "values"
            case .goal: "goals"
            case .expectation: "expectations"
            }
        }
    }

    private func ids(of kind: TargetKind) -> [String] {
        children(kind.container, kind.rawValue).compactMap { $0[attribute: "id"] }
    }

    private mutating func checkReferences() {
        let known: [TargetKind: [String]] = [
            .stakeholder: ids(of: .stakeholder), .value: ids(of: .value),
            .goal: ids(of: .goal), .expectation: ids(of: .expectation),
        ]
        let rules: [(elements: [SourceElement], attribute: String, target: TargetKind)] = [
            (children("stakeholders", "stakeholder"), "reports-to", .stakeholder),
            (children("goals", "goal"), "owner", .stakeholder),
            (children("goals", "goal"), "serves", .value),
            (children("expectations", "expectation"), "stakeholder", .stakeholder),
            (children("expectations", "expectation"), "goal", .goal),
            (children("journey", "stage", "touchpoint"), "owner", .stakeholder),
            (children("journey", "stage", "touchpoint"), "serves", .expectation),
            (children("measurements", "measurement"), "expectation", .expectation),
            (children("risks", "risk"), "owner", .stakeholder),
            (children("communication", "preference"), "stakeholder", .stakeholder),
            (children("communication", "escalation", "step"), "stakeholder", .stakeholder),
            (children("raci", "activity"), "responsible", .stakeholder),
            (children("raci", "activity"), "accountable", .stakeholder),
            (children("raci", "activity"), "consulted", .stakeholder),
            (children("raci", "activity"), "informed", .stakeholder),
            (children("documents", "document", "recipient"), "ref", .stakeholder),
            (children("relationship"), "account-manager", .stakeholder),
            (children("relationship", "client-form"), "by", .stakeholder),
            (children("relationship", "interaction", "with"), "ref", .stakeholder),
            (children("relationship", "survey"), "stakeholder", .stakeholder),
            (children("relationship", "advocacy"), "by", .stakeholder),
        ]
        for rule in rules {
            let candidates = known[rule.target] ?? []
            let candidateSet = Set(candidates)
            for element in rule.elements {
                guard let value = element[attribute: rule.attribute] else { continue }
                for reference in value.xmlListItems()
                where !candidateSet.contains(reference) {
                    report(
                        element,
                        "<\(element.name)>\(Self.label(element)) refers in '\(rule.attribute)' to \(rule.target.rawValue) '\(reference)', which is not defined.",
                        fix: Self.suggestion(for: reference, among: candidates, kind: rule.target))
                }
            }
        }
    }

    private static func label(_ element: SourceElement) -> String {
        element[attribute: "id"].map { " '\($0)'" } ?? ""
    }

    private static func suggestion(for reference: String, among candidates: [String], kind: TargetKind) -> String {
        let definition = "Use the id of a <\(kind.rawValue)> in <\(kind.container)>"
        if let closest = candidates.min(by: { editDistance(reference, $0) < editDistance(reference, $1) }),
            editDistance(reference, closest) <= max(2, reference.count / 3)
        {
            return "\(definition): did you mean '\(closest)'?"
        }
        if candidates.isEmpty { return "Define the \(kind.rawValue) in <\(kind.container)> first." }
        let shown = candidates.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return "\(definition) (\(shown)\(candidates.count > 8 ? ", ..." : ""))."
    }

    /// Levenshtein distance, for "did you mean" suggestions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: - Journey

    private mutating func checkJourney() {
        guard let journey = root.element(named: "journey") else { return }
        let expected = ClientProfile.StageName.allCases.map(\.rawValue)
        let stages = journey.elements(named: "stage")
        var seen: [String: SourceElement] = [:]
        var lastIndex = -1
        for stage in stages {
            guard let name = stage[attribute: "name"], let index = expected.firstIndex(of: name) else { continue }
            if let first = seen[name] {
                report(
                    stage, "The journey stage '\(name)' appears twice (first at line \(first.position.line)).",
                    fix: "Merge the touchpoints into one <stage name=\"\(name)\">.")
                continue
            }
            if index < lastIndex {
                report(
                    stage, "The journey stage '\(name)' comes after '\(expected[lastIndex])'.",
                    fix: "Order the stages as the client lives them: \(expected.joined(separator: ", ")).")
            }
            seen[name] = stage
            lastIndex = max(lastIndex, index)
        }
        let missing = expected.filter { seen[$0] == nil }
        if !missing.isEmpty {
            report(
                journey, "The journey lacks the stage\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")).",
                fix: "Describe all five stages (\(expected.joined(separator: ", "))), each with a goal and at least one touchpoint.")
        }
    }

    // MARK: - Expectations and measurements

    private mutating func checkExpectations() {
        var percentIDs: Set<String> = []
        for expectation in children("expectations", "expectation") {
            let id = expectation[attribute: "id"] ?? "?"
            let target = expectation[attribute: "target"].flatMap(Self.decimal)
            let threshold = expectation[attribute: "threshold"].flatMap(Self.decimal)
            if let target, let threshold {
                switch expectation[attribute: "direction"] {
                case "higher-is-better" where threshold > target:
                    report(
                        expectation, "Expectation '\(id)' has threshold \(threshold) above its target \(target), but higher is better.",
                        fix: "Set the threshold (the least acceptable value) at or below the target, or change the direction.")
                case "lower-is-better" where threshold < target:
                    report(
                        expectation, "Expectation '\(id)' has threshold \(threshold) below its target \(target), but lower is better.",
                        fix: "Set the threshold (the worst acceptable value) at or above the target, or change the direction.")
                default:
                    break
                }
            }
            // The glide path leads to the due date: each milestone before it, one per date.
            let due = expectation[attribute: "due"].flatMap { ProfileDate($0.trimmingCharacters(in: .whitespaces)) }
            var milestoneDates: Set<ProfileDate> = []
            if due == nil, let first = expectation.elements(named: "milestone").first {
                report(
                    first, "Expectation '\(id)' has a glide path but no due date, so its milestones lead nowhere.",
                    fix: "Add due=\"YYYY-MM-DD\" to the expectation: the date by which the target is to be reached.")
            }
            for milestone in expectation.elements(named: "milestone") {
                guard let date = milestone[attribute: "date"].flatMap({ ProfileDate($0.trimmingCharacters(in: .whitespaces)) }) else { continue }
                if let due, !(date < due) {
                    report(
                        milestone, "The milestone of expectation '\(id)' on \(date) is not before its due date, \(due).",
                        fix: "Date each milestone before the due date; the target is the value for the due date itself.")
                }
                if !milestoneDates.insert(date).inserted {
                    report(milestone, "Expectation '\(id)' has two milestones on \(date).", fix: "Keep one milestone per date.")
                }
            }
            guard expectation[attribute: "unit"]?.trimmingCharacters(in: .whitespaces) == "%" else { continue }
            percentIDs.insert(id)
            for attribute in ["baseline", "target", "threshold"] {
                if let value = expectation[attribute: attribute].flatMap(Self.decimal), !(0...100).contains(value) {
                    report(
                        expectation, "Expectation '\(id)' is in percent, but its \(attribute) is \(value).",
                        fix: "Write a percentage from 0 to 100.")
                }
            }
        }
        // A measurement is known by its expectation and date (staleness, alerts and the
        // "latest measurement" all rely on it): two on one date are ambiguous.
        var measured: [String: SourceElement] = [:]
        for measurement in children("measurements", "measurement") {
            let key = "\(measurement[attribute: "expectation"] ?? "")|\(measurement[attribute: "date"] ?? "")"
            if let first = measured[key] {
                report(
                    measurement,
                    "Expectation '\(measurement[attribute: "expectation"] ?? "")' already has a measurement on \(measurement[attribute: "date"] ?? "") at line \(first.position.line).",
                    fix: "Keep one measurement per expectation and date: remove this one or correct its date or expectation.")
            } else {
                measured[key] = measurement
            }
        }
        for measurement in children("measurements", "measurement") {
            guard let id = measurement[attribute: "expectation"], percentIDs.contains(id),
                let value = measurement[attribute: "value"].flatMap(Self.decimal), !(0...100).contains(value)
            else { continue }
            report(
                measurement, "The measurement of '\(id)' is \(value), but that expectation is in percent.",
                fix: "Write a percentage from 0 to 100.")
        }
    }

    static func decimal(_ text: String) -> Decimal? {
        ProfileText.decimal(text)
    }

    // MARK: - Dates

    private mutating func checkDates() {
        // The schema's Date type already refuses time zones and malformed dates.
        if let loyalty = root.element(named: "loyalty"),
            let from = loyalty[attribute: "from"].flatMap(ProfileDate.init),
            let to = loyalty[attribute: "to"].flatMap(ProfileDate.init), to < from
        {
            report(loyalty, "The loyalty period ends (\(to)) before it starts (\(from)).", fix: "Swap or correct the dates.")
        }

        guard let reviews = root.element(named: "reviews") else { return }
        let kickOff = reviews.element(named: "kick-off").flatMap { $0[attribute: "date"] }.flatMap(ProfileDate.init)
        var previous: ProfileDate?
        for review in reviews.elements(named: "review") {
            guard let date = review[attribute: "date"].flatMap(ProfileDate.init) else { continue }
            if let kickOff, date <= kickOff {
                report(
                    review, "Review '\(review[attribute: "id"] ?? "?")' on \(date) is not after the kick-off on \(kickOff).",
                    fix: "Date reviews after the kick-off.")
            }
            if let previous, date < previous {
                report(
                    review, "Review '\(review[attribute: "id"] ?? "?")' on \(date) comes before the review listed above it (\(previous)).",
                    fix: "List reviews in date order.")
            }
            previous = max(previous ?? date, date)
        }
    }

    // MARK: - Segments, options, loyalty, sponsor

    private mutating func checkSegments() {
        guard let segments = root.element(named: "segments") else { return }
        let total = segments.elements(named: "segment")
            .compactMap { $0[attribute: "revenue-share"].flatMap(Self.decimal) }
            .reduce(Decimal(0), +)
        if total > 100 {
            report(
                segments, "The segments' revenue shares add up to \(total)%, more than 100%.",
                fix: "Correct the shares; they may add up to less than 100% when some revenue is outside any segment.")
        }
    }

    private mutating func checkOptions() {
        guard let options = root.element(named: "options") else { return }
        let appraisal = root.element(named: "appraisal")
        if appraisal == nil {
            report(
                options, "The profile has options but no <appraisal>, so they cannot be compared.",
                fix: "Add <appraisal discount-rate=\"3.5\" horizon=\"10\"/> before <options>.")
        }
        let recommended = options.elements(named: "option").filter { $0[attribute: "recommended"].map(Self.isTrue) ?? false }
        if recommended.isEmpty {
            report(options, "No option is recommended.", fix: "Mark exactly one option with recommended=\"true\".")
        }
        for extra in recommended.dropFirst() {
            report(
                extra, "More than one option is recommended.",
                fix: "Keep recommended=\"true\" on one option only (the first is at line \(recommended[0].position.line)).")
        }
        let horizon = appraisal?[attribute: "horizon"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        // On an incremental basis every flow is a difference from doing nothing, so doing
        // nothing differs from itself by nothing: a flow there means the basis is wrong.
        if appraisal?[attribute: "basis"]?.trimmingCharacters(in: .whitespaces) == "incremental" {
            for option in options.elements(named: "option") where option[attribute: "kind"]?.trimmingCharacters(in: .whitespaces) == "do-nothing" {
                let flows = option.elements(named: "year").flatMap { year in
                    ["capex", "opex", "cash-benefits", "non-cash-benefits", "dis-benefits"].compactMap { year[attribute: $0].flatMap(Self.decimal) }
                }
                if flows.contains(where: { $0 != 0 }) {
                    report(
                        option, "The appraisal's basis is incremental, but the do-nothing option '\(option[attribute: "id"] ?? "?")' has flows of its own.",
                        fix: "On an incremental basis every option's flows are its differences from doing nothing, so the do-nothing option's are all zero: set basis=\"absolute\" if the flows are totals, or remove its years.")
                }
            }
        }
        for option in options.elements(named: "option") {
            var seen: Set<Int> = []
            for year in option.elements(named: "year") {
                guard let n = year[attribute: "n"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { continue }
                if !seen.insert(n).inserted {
                    report(year, "Year \(n) of option '\(option[attribute: "id"] ?? "?")' is given twice.", fix: "Give each year once.")
                }
                if let horizon, n > horizon {
                    report(
                        year, "Year \(n) of option '\(option[attribute: "id"] ?? "?")' lies beyond the appraisal horizon of \(horizon) year\(horizon == 1 ? "" : "s").",
                        fix: "Remove the year or extend the horizon in <appraisal>.")
                }
            }
        }
    }

    private static func isTrue(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed == "true" || trimmed == "1"
    }

    private mutating func checkLoyalty() {
        guard let nps = root.element(named: "loyalty")?.element(named: "nps") else { return }
        let counts = ["promoters", "passives", "detractors"].compactMap {
            nps[attribute: $0].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        if counts.count == 3, counts.reduce(0, +) == 0 {
            report(nps, "The NPS survey has no answers.", fix: "Give the counts of promoters, passives and detractors, or remove <loyalty>.")
        }
    }

    /// What a valid profile still lacks for the documents to say more than "not yet", as
    /// warnings for `engage validate`: said to the consultant there, so that no document
    /// tells its client readers to edit a file and regenerate. Not part of ``check(_:fileName:)``:
    /// a profile without them is complete enough to generate from.
    static func completeness(of root: SourceElement, fileName: String) -> [Diagnostic] {
        var validator = ProfileValidator(root: root, fileName: fileName)
        validator.checkCompleteness()
        return validator.diagnostics
    }

    private mutating func checkCompleteness() {
        let missing: [(parts: [String], summary: String, fix: String)] = [
            (["appraisal", "options"], "There is no appraisal of options: the business case cannot recommend one.",
             "Add <appraisal discount-rate=\"..\" horizon=\"..\"/> and <options> with the do-nothing, do-minimum and do-something options and their yearly flows."),
            (["reviews"], "There are no kick-off or review dates: the plans cannot be dated.",
             "Add <reviews cadence=\"P1M\"> with <kick-off date=\"YYYY-MM-DD\"/> and a <review date=\"..\"/> for each steering review."),
            (["change-impacts"], "There are no change impacts: the change management plan cannot say who is affected or how ready they are.",
             "Add <change-impacts> with a <change-impact> for each affected group, with its headcount and ADKAR scores."),
            (["raci"], "There are no responsibilities (RACI): the business case cannot say who does what.",
             "Add <raci> with an <activity> for each piece of work, naming who is responsible, accountable, consulted and informed."),
            (["goals"], "There are no goals: the strategy groups every key result under one objective.",
             "Add <goals> with the goals the expectations serve."),
        ]
        for part in missing where part.parts.contains(where: { root.element(named: $0) == nil }) {
            report(root, part.summary, fix: part.fix, severity: .warning)
        }
    }

    /// A client-side person's `reports-to` decides who speaks to them about the engagement
    /// (StakeholderFigures.messenger), so it must name someone else at the client.
    private mutating func checkReportingLines() {
        let people = children("stakeholders", "stakeholder")
        let sides = Dictionary(people.compactMap { person in person[attribute: "id"].map { ($0, person[attribute: "side"] ?? "") } },
            uniquingKeysWith: { first, _ in first })
        for person in people {
            guard let leader = person[attribute: "reports-to"], let side = sides[leader] else { continue }
            if leader == person[attribute: "id"] {
                report(person, "<stakeholder>\(Self.label(person)) reports to itself.",
                    fix: "Set reports-to to the id of the person they answer to, or leave it out.")
            } else if person[attribute: "side"] == "client", side != "client" {
                report(person, "<stakeholder>\(Self.label(person)) is on the client side but reports to '\(leader)', who is not.",
                    fix: "Name a leader at the client in reports-to: the client's leaders speak to their own people.")
            }
        }
    }

    /// An appraisal without a discount rate takes a default, which the user should know of.
    private mutating func checkDiscountRate() {
        guard let appraisal = root.element(named: "appraisal"), appraisal[attribute: "discount-rate"] == nil else { return }
        report(
            appraisal, "The appraisal gives no discount-rate: a public-sector client's is the Green Book's 3.5%, a private-sector client's the firm file's cost-of-capital (3.5%, said to be assumed, without one).",
            fix: "Give discount-rate=\"..\" to set the rate yourself.", severity: .warning)
    }

    /// Each document's metadata is given once, and each recipient once in it.
    private mutating func checkDocuments() {
        var seen: Set<String> = []
        for document in children("documents", "document") {
            guard let kind = document[attribute: "kind"] else { continue }
            if !seen.insert(kind).inserted {
                report(document, "The <document> of kind '\(kind)' is given twice.", fix: "Merge the two entries into one <document kind=\"\(kind)\">.")
            }
            var recipients: Set<String> = []
            for recipient in document.elements(named: "recipient") {
                guard let reference = recipient[attribute: "ref"], !recipients.insert(reference).inserted else { continue }
                report(recipient, "'\(reference)' is on the distribution list of the \(kind) twice.", fix: "Remove the second <recipient ref=\"\(reference)\"/>.")
            }
        }
    }

    private mutating func checkSponsor() {
        guard let stakeholders = root.element(named: "stakeholders") else { return }
        let hasSponsor = stakeholders.elements(named: "stakeholder").contains {
            $0[attribute: "sponsor"].map(Self.isTrue) ?? false
        }
        if !hasSponsor {
            report(
                stakeholders, "No stakeholder is marked as sponsor.",
                fix: "Mark the executive who owns the engagement with sponsor=\"true\"; buy-in plans are built around the sponsor.",
                severity: .warning)
        }
    }
}
