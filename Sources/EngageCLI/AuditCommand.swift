import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage audit PROFILE_OR_PACK...`: every client against the firm's service standard.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check each client's relationship against the firm's service standard, across the portfolio.",
        discussion: """
            Every rule of the firm file's <service-standard> is met, breached (with the \
            evidence), not yet due or not applicable for each client. A client's score is the \
            share of its due rules met; the firm's is the share across all clients. Each client \
            and account manager is shown against the median client, so that one getting less \
            service than the others stands out. The relationship's emotional and objective \
            trends and its relationship NPS come with each client.

            The firm file is --firm, else ENGAGE_FIRM, else the one every profile or pack \
            shares; clients of different firm files are audited one firm at a time.

            \(ExitStatus.helpText) With --exit-code, 1 when any rule is breached.
            """
    )

    @Argument(help: ArgumentHelp("Client profiles (.xml) or pack folders.", valueName: "profile-or-pack"))
    var inputs: [String]

    @Option(help: ArgumentHelp("The firm file whose service standard the clients are checked against.", valueName: "file"))
    var firm: String?

    @Option(help: ArgumentHelp("The date the audit is made on: what is due by then (default: today).", valueName: "yyyy-mm-dd"))
    var today: ProfileDate?

    @Flag(help: "Print the audit as one JSON document on standard output.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML portfolio report to this file.", valueName: "file"))
    var html: String?

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when any rule is breached for any client, 0 otherwise.")
    var exitCode = false

    @OptionGroup var lockWait: LockWaitOption
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Name at least one client profile or pack folder to audit.") }
        if let html {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: html, isDirectory: &isFolder), isFolder.boolValue {
                throw ValidationError("--html \(html) is a folder; name the report's file, for example \(html)/audit.html.")
            }
        }
    }

    func run() throws {
        output.apply()
        let result: (audit: PortfolioAudit, warnings: [Diagnostic])
        do throws(PortfolioAuditor.Failure) {
            result = try PortfolioAuditor.run(
                inputs: inputs, firmOption: firm,
                today: today ?? AlertsCommand.currentDate(), lockWait: lockWait.lockWait)
        } catch {
            Console.standardError(error.description)
            throw error.isInvalidInput ? ExitStatus.invalidInput : ExitStatus.failed
        }
        for warning in result.warnings { Console.diagnostic(warning) }
        if let html {
            do {
                try Data(AuditHTMLRenderer.render(result.audit).utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            } catch {
                Console.standardError("error: the report could not be written to \(html): \(error.localizedDescription)")
                throw ExitStatus.failed
            }
            Console.status("Wrote the portfolio report to \(html).")
        }
        if json {
            try Console.writeJSON(result.audit)
        } else {
            Console.output(AuditTextRenderer.render(result.audit))
        }
        if exitCode && result.audit.hasBreaches { throw ExitStatus.no }
    }
}
