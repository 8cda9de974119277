import ArgumentParser
import EngagementCore
import Foundation

/// `engage log PACK [DOC]`: the revision history.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the revision history of a pack.",
        discussion: """
            Lists each revision with its number, time, hashes and the sections that changed \
            from the revision before.

            \(ExitStatus.helpText)
            """
    )

    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: PackPath

    @Argument(help: ArgumentHelp("Only this document: business-case, strategy, change-management or communication.", valueName: "doc"))
    var document: DocumentKind?

    @Flag(help: "Print the history as one JSON document on standard output.")
    var json = false

    @OptionGroup var lockWait: LockWaitOption

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        do {
            let history = try PackHistory(packFolder: pack.url, kind: document, wait: lockWait.lockWait)
            if json { return try Console.writeJSON(history) }
            var lines: [String] = []
            if let client = history.clientId { lines.append("Pack \(history.pack) for \(client), profile \(history.profilePath ?? "?")") }
            for entry in history.revisions {
                lines.append("")
                lines.append("\(entry.kind)@\(entry.number)  \(entry.createdAt)\(entry.edition.map { "  \($0) edition" } ?? "")")
                if let reason = entry.reason { lines.append("  reason: \(reason)") }
                lines.append("  content \(entry.contentHash)  profile \(entry.profileHash)  template \(entry.templateHash)  engine \(entry.engineVersion)")
                if entry.number == 1 {
                    lines.append("  first revision")
                } else if entry.sectionsAdded.isEmpty && entry.sectionsRemoved.isEmpty && entry.sectionsChanged.isEmpty {
                    lines.append("  no section changed")
                } else {
                    if !entry.sectionsChanged.isEmpty { lines.append("  changed: \(entry.sectionsChanged.joined(separator: ", "))") }
                    if !entry.sectionsAdded.isEmpty { lines.append("  added: \(entry.sectionsAdded.joined(separator: ", "))") }
                    if !entry.sectionsRemoved.isEmpty { lines.append("  removed: \(entry.sectionsRemoved.joined(separator: ", "))") }
                }
            }
            if history.revisions.isEmpty { lines.append("No revisions yet.") }
            Console.output(lines.joined(separator: "\n"))
        } catch let error as PackError {
            Console.standardError("error: \(error)")
            throw ExitStatus.of(error)
        }
    }
}
