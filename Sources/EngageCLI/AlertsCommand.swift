import ArgumentParser
import EngagementCore
import Foundation

/// `engage alerts PACK`: what needs a person's attention.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List what needs attention: changed values and expectations, missed targets, overdue reviews.",
        discussion: """
            Alerts come from changes since the pack was last generated (values-drift, \
            expectation-shift, scope-change, buy-in-risk, preference-update, appraisal-change, \
            loyalty-risk) and from the client's present state (expectation-missed, journey-gap, \
            cadence-breach). Each names its subject, old and new values, the affected documents \
            and sections, and a recommended action.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var lockWait: LockWaitOption

    @Option(help: ArgumentHelp("The date overdue checks use (default: today).", valueName: "yyyy-mm-dd"))
    var today: ProfileDate?

    @Flag(help: "Print the alerts as one JSON document on standard output.")
    var json = false

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when there is any critical or warning alert, 0 otherwise.")
    var exitCode = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let inspection: PackInspection
        do {
            inspection = try PackInspection(packFolder: packOptions.pack.url, profileOverride: packOptions.profile?.path, firmOverride: packOptions.firm,
                lockWait: lockWait.lockWait)
        } catch {
            Console.standardError(error.description)
            throw ExitStatus.of(error)
        }
        let date = today ?? Self.currentDate()
        let report = AlertReport(inspection, today: date)
        if json {
            try Console.writeJSON(report)
        } else {
            var lines: [String] = []
            for severity in Alert.Severity.allCases {
                let group = report.alerts.filter { $0.severity == severity }
                guard !group.isEmpty else { continue }
                lines.append(Console.paint("\(severity.rawValue.uppercased()) (\(group.count))", severity: severity))
                for alert in group {
                    lines.append("  [\(alert.kind.rawValue)] \(alert.message)")
                    lines.append("      subject: \(alert.subject.element)\(alert.subject.id.map { " \($0)" } ?? "") at \(alert.subject.path)")
                    if alert.oldValue != nil || alert.newValue != nil {
                        lines.append("      old: \(alert.oldValue ?? "(none)")  new: \(alert.newValue ?? "(none)")")
                    }
                    let sections = alert.sections.map { "\($0.document)#\($0.sectionId)" }
                    lines.append("      affects: \(alert.documents.joined(separator: ", "))\(sections.isEmpty ? "" : " (\(sections.prefix(6).joined(separator: ", "))\(sections.count > 6 ? ", ..." : ""))")")
                    lines.append("      action: \(alert.action)")
                }
            }
            if report.alerts.isEmpty { lines.append("No alerts on \(report.today).") }
            Console.output(lines.joined(separator: "\n"))
        }
        if exitCode && report.needsAttention { throw ExitStatus.no }
    }

    static func currentDate() -> ProfileDate {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        return ProfileDate(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
    }
}
