import EngageBasics
import EngageTemplates
import Foundation

/// `engage audit`'s text: the firm's figures, then each client with every rule of the
/// standard (breaches first, with their evidence), then the account managers.
public enum AuditTextRenderer {
    public static func render(_ audit: PortfolioAudit) -> String {
        var lines: [String] = []
        let clients = audit.clients.count == 1 ? "1 client" : "\(audit.clients.count) clients"
        lines.append("\(audit.firm.name): \(clients) audited against the service standard on \(dateWords(audit)).")
        lines.append("Firm: \(score(audit.score, met: audit.met, breached: audit.breached)); median client \(percent(audit.median)).")
        for client in audit.clients {
            lines.append("")
            var heading = "\(client.name) (\(client.client))"
            if let manager = client.accountManager { heading += ", account manager \(manager.name)" }
            if let stage = client.stage { heading += ", \(stage) stage" }
            lines.append(heading)
            guard client.relationship != nil else {
                lines.append("  No relationship recorded: every rule is not applicable. Add <relationship> to \(client.source).")
                continue
            }
            var summary = "  \(score(client.score, met: client.met, breached: client.breached))"
            if let distance = client.distanceFromMedian { summary += ", \(points(distance)) from the median" }
            summary += "; \(client.notDue) not yet due, \(client.notApplicable) not applicable."
            lines.append(summary)
            let order: [RuleResult.Status] = [.breached, .notDue, .met, .notApplicable]
            for status in order {
                for rule in client.rules where rule.status == status {
                    let label = status.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                    switch status {
                    case .breached:
                        lines.append("  \(label) \(rule.rule)")
                        for breach in rule.breaches { lines.append("      \(breach.evidence)") }
                    case .notApplicable:
                        lines.append("  \(label) \(rule.rule): \(rule.note ?? "")")
                    case .met, .notDue:
                        let count = rule.occurrences.count > 1 ? "\(rule.occurrences.count) times, latest: " : ""
                        lines.append("  \(label) \(rule.rule): \(count)\(rule.occurrences.last?.evidence ?? "")")
                    }
                }
            }
            if let health = client.relationship { lines.append("  Relationship: \(healthWords(health))") }
        }
        if !audit.accountManagers.isEmpty {
            lines.append("")
            lines.append("Account managers")
            for manager in audit.accountManagers {
                var line = "  \(manager.name): \(score(manager.score, met: manager.met, breached: manager.breached))"
                if let distance = manager.distanceFromMedian { line += ", \(points(distance)) from the median" }
                line += " (\(manager.clients.joined(separator: ", ")))."
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The audit's date as the firm writes dates: "22 November 2026".
    static func dateWords(_ audit: PortfolioAudit) -> String {
        guard let date = ProfileDate(audit.today) else { return audit.today }
        let locale = TemplateLocale(rawValue: audit.firm.language) ?? .british
        return locale.format(day: date.day, month: date.month, year: date.year)
    }

    static func score(_ value: Double?, met: Int, breached: Int) -> String {
        guard let value else { return "no rule due yet" }
        return "\(percent(value)) of due rules met (\(met) of \(met + breached))"
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "none" }
        return String(format: "%.1f%%", value)
    }

    static func points(_ value: Double) -> String { signed(value) + " points" }

    /// "+12.5", "-33.3", "0.0": a distance from the median, signed unless it is none.
    static func signed(_ value: Double) -> String {
        value == 0 ? "0.0" : String(format: "%+.1f", value)
    }

    /// "emotional +1 (steady), objective 78 (rising); relationship NPS +50 from 4 answers; ..."
    static func healthWords(_ health: RelationshipHealth) -> String {
        func series(_ name: String, _ series: RelationshipHealth.Series, signed: Bool) -> String {
            guard let latest = series.latest else { return "\(name) not recorded" }
            let value = signed && latest > 0 ? "+\(latest)" : "\(latest)"
            return "\(name) \(value)\(series.trend.map { " (\($0.rawValue))" } ?? "")"
        }
        var parts = [series("emotional", health.emotional, signed: true) + ", " + series("objective", health.objective, signed: false)]
        if let nps = health.nps {
            parts.append("relationship NPS \(nps.score > 0 ? "+" : "")\(nps.score) from \(nps.answers) answer\(nps.answers == 1 ? "" : "s")")
        } else {
            parts.append("no relationship survey answers")
        }
        parts.append(
            health.advocacyAskedRecently
                ? "advocacy asked for or given in the last year (\(health.advocacyGiven) given in all)"
                : "no advocacy asked for or given in the last year")
        var text = parts.joined(separator: "; ") + "."
        if let disagreement = health.disagreement { text += " " + disagreement }
        return text
    }
}
