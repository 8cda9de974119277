import EngageBasics
import Foundation
import XMLSupport

/// Every client of a portfolio audited against one firm's service standard, with the
/// consistency scores that make a client or an account manager getting less service than
/// the others stand out (DESIGN section 13).
public struct PortfolioAudit: Sendable, Encodable {
    public struct FirmSummary: Sendable, Encodable {
        public var id: String
        public var name: String
        public var path: String
        /// The firm's locale (en-GB, en-US): how the report writes dates.
        public var language: String

        public init(id: String, name: String, path: String, language: String = Firm.Language.enGB.rawValue) {
            self.id = id
            self.name = name
            self.path = path
            self.language = language
        }
    }

    /// A rule of the standard and how it fared across the clients.
    public struct RuleSummary: Sendable, Encodable {
        public var id: String
        public var stage: String
        public var touchpoint: String
        public var text: String
        public var met: Int
        public var breached: Int
        public var notDue: Int
        public var notApplicable: Int
    }

    public struct ClientEntry: Sendable, Encodable {
        public var client: String
        public var name: String
        public var source: String
        @NullWhenAbsent public var accountManager: ClientAudit.Person?
        @NullWhenAbsent public var stage: String?
        /// Share of due rules met, percent to one decimal; null when none is due.
        @NullWhenAbsent public var score: Double?
        /// Score minus the firm's median, in percentage points.
        @NullWhenAbsent public var distanceFromMedian: Double?
        public var met: Int
        public var breached: Int
        public var notDue: Int
        public var notApplicable: Int
        public var rules: [RuleResult]
        @NullWhenAbsent public var relationship: RelationshipHealth?
    }

    public struct ManagerEntry: Sendable, Encodable {
        public var name: String
        public var clients: [String]
        @NullWhenAbsent public var score: Double?
        @NullWhenAbsent public var distanceFromMedian: Double?
        public var met: Int
        public var breached: Int
    }

    public var today: String
    public var firm: FirmSummary
    /// Met over due across every client, percent.
    @NullWhenAbsent public var score: Double?
    /// The median of the clients' scores.
    @NullWhenAbsent public var median: Double?
    public var met: Int
    public var breached: Int
    public var rules: [RuleSummary]
    public var clients: [ClientEntry]
    public var accountManagers: [ManagerEntry]

    /// Whether any rule is breached for any client (what `--exit-code` reports).
    public var hasBreaches: Bool { breached > 0 }

    public init(_ audits: [ClientAudit], standard: ServiceStandard, firm: FirmSummary, today: ProfileDate) {
        self.today = today.description
        self.firm = firm
        let scores = audits.compactMap(\.score)
        let median = Self.median(scores)
        self.median = median.map(Self.rounded)
        met = audits.map(\.met).reduce(0, +)
        breached = audits.map(\.breached).reduce(0, +)
        score = met + breached == 0 ? nil : Self.rounded(Double(met) / Double(met + breached) * 100)
        rules = standard.rules.map { rule in
            let results = audits.compactMap { $0.rules.first { $0.rule == rule.id } }
            func count(_ status: RuleResult.Status) -> Int { results.filter { $0.status == status }.count }
            return RuleSummary(
                id: rule.id, stage: rule.stage.rawValue, touchpoint: rule.touchpoint, text: rule.text,
                met: count(.met), breached: count(.breached), notDue: count(.notDue), notApplicable: count(.notApplicable))
        }
        clients = audits.map { audit in
            func count(_ status: RuleResult.Status) -> Int { audit.rules.filter { $0.status == status }.count }
            return ClientEntry(
                client: audit.client, name: audit.name, source: audit.source, accountManager: audit.accountManager, stage: audit.stage,
                score: audit.score.map(Self.rounded), distanceFromMedian: Self.distance(audit.score, median),
                met: count(.met), breached: count(.breached), notDue: count(.notDue), notApplicable: count(.notApplicable),
                rules: audit.rules, relationship: audit.relationship)
        }
        // Account managers are people of the firm, known across profiles by name.
        var byManager: [String: [ClientAudit]] = [:]
        for audit in audits {
            guard let manager = audit.accountManager?.name else { continue }
            byManager[manager, default: []].append(audit)
        }
        accountManagers = byManager.keys.sorted().map { name in
            let own = byManager[name] ?? []
            let met = own.map(\.met).reduce(0, +), breached = own.map(\.breached).reduce(0, +)
            let score = met + breached == 0 ? nil : Double(met) / Double(met + breached) * 100
            return ManagerEntry(
                name: name, clients: own.map(\.client), score: score.map(Self.rounded), distanceFromMedian: Self.distance(score, median),
                met: met, breached: breached)
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Percentages to one decimal, so that JSON and text agree and stay stable.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// The rounded score minus the rounded median, so that the figures shown add up.
    private static func distance(_ score: Double?, _ median: Double?) -> Double? {
        guard let score, let median else { return nil }
        return rounded(rounded(score) - rounded(median))
    }
}
