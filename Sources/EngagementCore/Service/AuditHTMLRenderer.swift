import Foundation
import Rendering

/// `engage audit --html`: one self-contained page for a partner's portfolio review. The
/// figures first; then the client-by-rule grid, clients with breaches first; then each
/// client's breaches with their evidence; then the account managers. Every cell says its
/// status in a symbol and a word for screen readers, so the grid reads in black and white.
public enum AuditHTMLRenderer {
    public static func render(_ audit: PortfolioAudit) -> String {
        let title = "Service standard audit: \(audit.firm.name), \(AuditTextRenderer.dateWords(audit))"
        var html = "<!DOCTYPE html>\n<html lang=\"\(escape(audit.firm.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(escape(title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        html += "<header>\n<h1>\(escape(title))</h1>\n"
        html += "<p class=\"summary\">\(audit.clients.count) client\(audit.clients.count == 1 ? "" : "s"). Firm: "
        html += "\(escape(AuditTextRenderer.score(audit.score, met: audit.met, breached: audit.breached))); "
        html += "median client \(escape(AuditTextRenderer.percent(audit.median))).</p>\n</header>\n<main>\n"
        let ordered = audit.clients.sorted { left, right in
            (-left.breached, left.score ?? 101, left.name) < (-right.breached, right.score ?? 101, right.name)
        }
        writeGrid(audit, clients: ordered, into: &html)
        writeBreaches(ordered, into: &html)
        writeManagers(audit, into: &html)
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private static func writeGrid(_ audit: PortfolioAudit, clients: [PortfolioAudit.ClientEntry], into html: inout String) {
        html += "<section id=\"grid\">\n<h2>Clients against the standard</h2>\n"
        html += "<p class=\"key\">\(keyOrder.map { "<span class=\"\($0.rawValue)\">\(symbols[$0] ?? "")</span> \(words[$0] ?? "")" }.joined(separator: " · "))</p>\n"
        html += "<div class=\"scroll\"><table>\n<thead>\n<tr><th scope=\"col\">Client</th><th scope=\"col\">Score</th><th scope=\"col\">From median</th>"
        for rule in audit.rules {
            html += "<th scope=\"col\" class=\"rule\" title=\"\(escape(rule.text))\"><span>\(escape(rule.id))</span></th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for client in clients {
            let anchor = "client-\(client.client)"
            html += "<tr><th scope=\"row\"><a href=\"#\(escape(anchor))\">\(escape(client.name))</a></th>"
            html += "<td class=\"number\">\(escape(client.score.map { AuditTextRenderer.percent($0) } ?? "–"))</td>"
            html += "<td class=\"number\">\(escape(client.distanceFromMedian.map { AuditTextRenderer.signed($0) } ?? "–"))</td>"
            for rule in audit.rules {
                guard let result = client.rules.first(where: { $0.rule == rule.id }) else {
                    html += "<td></td>"
                    continue
                }
                let evidence = result.status == .breached ? result.breaches.map(\.evidence) : result.occurrences.suffix(1).map(\.evidence)
                let label = "\(rule.id): \(words[result.status] ?? "")\(evidence.isEmpty ? "" : ". " + evidence.joined(separator: " "))"
                html += "<td class=\"\(result.status.rawValue)\" title=\"\(escape(label))\"><span aria-hidden=\"true\">\(symbols[result.status] ?? "")</span>"
                html += "<span class=\"hidden\">\(escape(words[result.status] ?? ""))</span></td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n</section>\n"
    }

    private static func writeBreaches(_ clients: [PortfolioAudit.ClientEntry], into html: inout String) {
        html += "<section id=\"clients\">\n<h2>Each client</h2>\n"
        for client in clients {
            html += "<article id=\"client-\(escape(client.client))\">\n<h3>\(escape(client.name))</h3>\n<p>"
            var facts: [String] = []
            if let manager = client.accountManager { facts.append("Account manager \(manager.name)") }
            if let stage = client.stage { facts.append("\(stage) stage") }
            facts.append(AuditTextRenderer.score(client.score, met: client.met, breached: client.breached))
            if let distance = client.distanceFromMedian { facts.append("\(AuditTextRenderer.points(distance)) from the median") }
            html += escape(facts.joined(separator: "; ") + ".") + "</p>\n"
            let breached = client.rules.filter { $0.status == .breached }
            if breached.isEmpty {
                html += "<p>No rule breached.</p>\n"
            } else {
                html += "<ul class=\"breaches\">\n"
                for rule in breached {
                    html += "<li><strong>\(escape(rule.rule))</strong>: \(escape(rule.text))<ul>"
                    for breach in rule.breaches { html += "<li>\(escape(breach.evidence))</li>" }
                    html += "</ul></li>\n"
                }
                html += "</ul>\n"
            }
            if let health = client.relationship {
                html += "<p class=\"health\">\(escape("Relationship: " + AuditTextRenderer.healthWords(health)))</p>\n"
            }
            html += "</article>\n"
        }
        html += "</section>\n"
    }

    private static func writeManagers(_ audit: PortfolioAudit, into html: inout String) {
        guard !audit.accountManagers.isEmpty else { return }
        html += "<section id=\"managers\">\n<h2>Account managers</h2>\n<table>\n<thead><tr><th scope=\"col\">Account manager</th>"
        html += "<th scope=\"col\">Clients</th><th scope=\"col\">Score</th><th scope=\"col\">From median</th></tr></thead>\n<tbody>\n"
        for manager in audit.accountManagers {
            html += "<tr><th scope=\"row\">\(escape(manager.name))</th><td>\(escape(manager.clients.joined(separator: ", ")))</td>"
            html += "<td class=\"number\">\(escape(AuditTextRenderer.percent(manager.score)))</td>"
            html += "<td class=\"number\">\(escape(manager.distanceFromMedian.map { AuditTextRenderer.signed($0) } ?? "–"))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
    }

    static let symbols: [RuleResult.Status: String] = [.breached: "✗", .met: "✓", .notDue: "…", .notApplicable: "–"]

    /// The key's order: breaches first, as the grid is read.
    static let keyOrder: [RuleResult.Status] = [.breached, .met, .notDue, .notApplicable]

    static let words: [RuleResult.Status: String] = [
        .breached: "breached", .met: "met", .notDue: "not yet due", .notApplicable: "not applicable",
    ]

    private static func escape(_ text: String) -> String { HTMLEscaper.escape(text, for: .anywhere) }

    static let stylesheet = """
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 75rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
        h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #d0d7de; padding: .2rem .45rem; text-align: left; vertical-align: bottom; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        th.rule { height: 9rem; white-space: nowrap; vertical-align: bottom; }
        th.rule span { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; }
        td.met, td.breached, td.not-due, td.not-applicable { text-align: center; }
        td.breached { background: #ffebe9; font-weight: bold; }
        td.met { background: #eef8ee; }
        td.not-applicable { color: #8c959f; }
        .key span { display: inline-block; min-width: 1.2em; text-align: center; }
        .scroll { overflow-x: auto; }
        .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        ul.breaches > li { margin-bottom: .4rem; }
        @media print { body { max-width: none; margin: 0; } .scroll { overflow: visible; } td.breached, td.met { background: none; } }

        """
}
