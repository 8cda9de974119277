import EngageBasics
import Foundation
import XMLSupport

/// Reads the profiles and packs `engage audit` is given, and the one firm file whose
/// standard they are checked against, then audits every client.
public enum PortfolioAuditor {
    /// Why no audit could be made; every case reads as a sentence about the user's input.
    public enum Failure: Error, CustomStringConvertible {
        /// Profiles or the firm file are invalid; every problem, with file, line and column.
        case invalidInput([Diagnostic])
        /// An input cannot be read at all: a missing file, an unreadable pack.
        case unreadable(String)
        /// A profile cannot be read at all, with where and why.
        case unreadableProfile([Diagnostic])
        /// No firm file, or one without a service standard, or several.
        case firm(String)

        public var description: String {
            switch self {
            case .invalidInput(let diagnostics):
                (diagnostics.map(\.formatted) + ["error: nothing was audited; fix the problems above first."]).joined(separator: "\n")
            case .unreadable(let message), .firm(let message): "error: \(message)"
            case .unreadableProfile(let diagnostics): diagnostics.map(\.formatted).joined(separator: "\n")
            }
        }

        /// Whether the input is invalid (exit 1) rather than missing or unreadable (exit 2).
        public var isInvalidInput: Bool {
            if case .invalidInput = self { return true }
            if case .firm = self { return true }
            return false
        }
    }

    /// A profile to audit, and the firm file it would be generated with.
    struct Source {
        var given: String
        var profilePath: String
        var firmPath: String?
    }

    /// The audit of every input on `today`, with the warnings met on the way.
    ///
    /// - Parameter firmOption: `--firm` (`none` is refused: an audit needs a standard).
    public static func run(
        inputs: [String], firmOption: String?, today: ProfileDate, lockWait: LockWait = .standard
    ) throws(Failure) -> (audit: PortfolioAudit, warnings: [Diagnostic]) {
        let sources = try inputs.map { input throws(Failure) in try source(for: input, firmOption: firmOption, lockWait: lockWait) }
        let firmPath = try firmPath(of: sources, option: firmOption)
        let firmResult = FirmLoader.load(fileAt: firmPath, embeddingFiles: false)
        guard let firm = firmResult.firm, firmResult.isValid else {
            if firmResult.isUnreadable { throw .unreadable(firmResult.diagnostics.map(\.summary).joined(separator: " ")) }
            throw .invalidInput(firmResult.diagnostics)
        }
        guard let standard = firm.serviceStandard else {
            throw .firm(
                "the firm file \(firmPath) has no <service-standard>, so there is nothing to audit against. Add the firm's client journey to it (docs/firm-format.md, \"Service standard\").")
        }
        // Each profile is audited as soon as it is loaded, on all cores, and only its audit
        // is kept: a portfolio of thousands never holds every profile's tree at once.
        let outcomes = ParallelSlots<(diagnostics: [Diagnostic], audit: ClientAudit?, isUnreadable: Bool)>(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { index in
            let source = sources[index]
            let result = ProfileLoader.load(fileAt: source.profilePath)
            guard let profile = result.profile, result.isValid, let root = result.root else {
                outcomes[index] = (result.diagnostics, nil, result.isUnreadable)
                return
            }
            let checks = check(root, fileName: source.profilePath, against: standard)
            let audit = ServiceAudit.audit(profile, source: source.given, standard: standard, today: today, language: firm.language)
            outcomes[index] = (result.diagnostics + checks, audit, false)
        }
        var diagnostics: [Diagnostic] = firmResult.diagnostics
        var audits: [ClientAudit] = []
        var seen: [String: String] = [:]
        for (source, outcome) in zip(sources, outcomes.values) {
            guard let outcome else { continue }
            if outcome.isUnreadable { throw .unreadableProfile(outcome.diagnostics) }
            diagnostics += outcome.diagnostics
            guard let audit = outcome.audit else { continue }
            if let first = seen[audit.client] {
                diagnostics.append(
                    Diagnostic(
                        severity: .warning, file: source.given, position: .start,
                        summary: "The client '\(audit.client)' was already given as \(first); it is audited once.",
                        fix: "Give each client once: a pack or its profile, not both."))
                continue
            }
            seen[audit.client] = source.given
            audits.append(audit)
        }
        if diagnostics.containsErrors { throw .invalidInput(diagnostics.sortedForDisplay()) }
        let summary = PortfolioAudit.FirmSummary(id: firm.id, name: firm.name, path: URL(fileURLWithPath: firmPath).standardizedFileURL.path, language: firm.language.rawValue)
        return (PortfolioAudit(audits, standard: standard, firm: summary, today: today), diagnostics)
    }

    /// The profile an input names: itself, or the profile of the pack it is.
    private static func source(for input: String, firmOption: String?, lockWait: LockWait) throws(Failure) -> Source {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
            throw .unreadable("\(input) does not exist. Name a client profile (.xml) or a pack folder.")
        }
        guard isFolder.boolValue else {
            let firm = firmOption == nil ? FirmLocator.locate(option: nil, profilePath: input) : nil
            return Source(given: input, profilePath: input, firmPath: firm)
        }
        do {
            let store = try PackAccess.open(URL(fileURLWithPath: input), wait: lockWait)
            guard let pack = try store.pack() else { throw PackError.notAPack(input) }
            guard FileManager.default.fileExists(atPath: pack.profilePath) else { throw PackError.profileMissing(pack.profilePath) }
            return Source(given: input, profilePath: pack.profilePath, firmPath: pack.firmPath)
        } catch let error as PackError {
            throw .unreadable("\(error)")
        } catch {
            throw .unreadable("the pack \(input) cannot be read (\(error)). Check that it is a pack folder written by engage generate, and that you may read it.")
        }
    }

    /// `--firm`, else the one firm file every input shares.
    private static func firmPath(of sources: [Source], option: String?) throws(Failure) -> String {
        if let option {
            guard option != FirmLocator.none else {
                throw .firm(
                    "an audit checks clients against a firm's service standard, and no firm file was given (--firm none or ENGAGE_FIRM=none). Name the firm file with --firm FILE.")
            }
            return option
        }
        let found = Set(sources.compactMap(\.firmPath))
        if found.count > 1 {
            let listing = sources.map { "\($0.given): \($0.firmPath ?? "none")" }.joined(separator: "; ")
            throw .firm("the inputs belong to different firm files (\(listing)). Audit one firm's clients at a time, or give --firm FILE.")
        }
        guard let path = found.first, !sources.contains(where: { $0.firmPath == nil }) else {
            let without = sources.filter { $0.firmPath == nil }.map(\.given)
            throw .firm(
                "no firm file was found for \(without.prefix(3).joined(separator: ", "))\(without.count > 3 ? " and \(without.count - 3) more" : ""). Give --firm FILE, set ENGAGE_FIRM, or put a firm.xml beside the profiles.")
        }
        return path
    }

    /// What the profile's relationship says of the standard that the profile alone cannot
    /// check: every `fulfils` names a rule, every checklist item is one the standard asks for.
    static func check(_ root: SourceElement, fileName: String, against standard: ServiceStandard) -> [Diagnostic] {
        guard let relationship = root.element(named: "relationship") else { return [] }
        var diagnostics: [Diagnostic] = []
        let ruleIDs = standard.rules.map(\.id)
        var items: Set<String> = []
        for rule in standard.rules {
            if case .checklist(let required, let first) = rule.timing { items.formUnion(required + first) }
        }
        for interaction in relationship.elements(named: "interaction") {
            guard let fulfils = interaction[attribute: "fulfils"], !ruleIDs.contains(fulfils) else { continue }
            let near = ruleIDs.min { ProfileValidator.editDistance($0, fulfils) < ProfileValidator.editDistance($1, fulfils) }
            diagnostics.append(
                Diagnostic(
                    file: fileName, position: interaction.position,
                    summary: "Interaction '\(interaction[attribute: "id"] ?? "?")' fulfils '\(fulfils)', which is not a rule of the firm's service standard.",
                    fix: "Name one of the standard's rules\(near.map { ": did you mean '\($0)'?" } ?? ".")"))
        }
        for visit in relationship.elements(named: "visit") {
            let unknown = (visit[attribute: "done"] ?? "").xmlListItems().filter { !items.contains($0) }
            guard !unknown.isEmpty, !items.isEmpty else { continue }
            diagnostics.append(
                Diagnostic(
                    severity: .warning, file: fileName, position: visit.position,
                    summary: "The visit checklist names \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which the standard's checklist does not.",
                    fix: "Use the standard's names: \(items.sorted().joined(separator: ", "))."))
        }
        return diagnostics
    }
}
