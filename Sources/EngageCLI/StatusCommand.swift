import ArgumentParser
import EngagementCore
import Foundation

/// `engage status PACK`: each document current or stale, and why.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say which documents of a pack are stale after the profile changed, and why.",
        discussion: """
            Compares what each section read when it was generated with the current profile. \
            A stale section is listed with each cause: the profile element that changed \
            (id, path, old -> new) and what the section read, or a template or engine change.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var lockWait: LockWaitOption

    @Option(help: ArgumentHelp("Accepted for symmetry with alerts; staleness does not depend on the date.", valueName: "yyyy-mm-dd"))
    var today: ProfileDate?

    @Flag(help: "Print the status as one JSON document on standard output.")
    var json = false

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when any document is stale, 0 when all are current.")
    var exitCode = false

    @Flag(name: .shortAndLong, help: "List each stale section with its causes.")
    var verbose = false

    @Option(
        help: ArgumentHelp(
            "Compare with this edition (client or internal) instead of the one the pack was last written in.",
            valueName: "edition"))
    var edition: DocumentEdition?

    @OptionGroup var reason: ReasonOption

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let inspection: PackInspection
        do {
            inspection = try PackInspection(packFolder: packOptions.pack.url, profileOverride: packOptions.profile?.path,
                editionOverride: edition, firmOverride: packOptions.firm, lockWait: lockWait.lockWait)
        } catch {
            Console.standardError(error.description)
            throw ExitStatus.of(error)
        }
        var status = PackStatus(inspection)
        if !status.current { status.pendingReason = reason.text }
        if json {
            try Console.writeJSON(status)
        } else {
            var lines: [String] = []
            // One line per profile change, with what it makes stale; the sections and
            // their causes under --verbose.
            let effective = status.changeEffects.filter { !$0.sections.isEmpty }
            if !effective.isEmpty {
                lines.append("Profile changes since the pack was last generated:")
                for effect in effective {
                    let count = effect.sections.count
                    lines.append(
                        "  - \(effect.summary): \(effect.documents.joined(separator: ", ")), \(count) section\(count == 1 ? "" : "s")")
                }
            }
            for document in status.documents {
                let revision = document.revision.map { " (revision \($0))" } ?? ""
                let stale = document.staleSections.count
                let sections = stale > 0 ? ", \(stale) section\(stale == 1 ? "" : "s") stale" : ""
                lines.append("\(document.kind): \(document.state)\(revision)\(sections)")
                if verbose {
                    for section in document.staleSections {
                        lines.append("  section \(section.sectionId)")
                        for cause in section.causes { lines.append("    - \(cause.summary)") }
                    }
                } else {
                    // Causes without a line above (templates, engine, edition, or a read that no
                    // single profile change explains): name them here.
                    let others = Set(document.staleSections.flatMap(\.causes).filter { $0.type != "profile-change" || $0.changes.isEmpty }.map(\.summary))
                    for summary in others.sorted() { lines.append("  - \(summary)") }
                }
                for file in document.files {
                    let what = file.problem == "missing" ? "was deleted" : "was edited outside engage"
                    lines.append("  file \(file.file) \(what); regenerate restores revision \(document.revision ?? 0)")
                }
            }
            if status.current {
                lines.append("All documents are current.")
            } else if let pending = status.pendingReason {
                lines.append("Pending change: \(pending)")
                lines.append("Run engage regenerate \(packOptions.pack.path) --reason \(Console.shellQuoted(pending)) to update the stale documents and record why.")
            } else {
                lines.append("Run engage regenerate \(packOptions.pack.path) to update the stale documents.")
            }
            Console.output(lines.joined(separator: "\n"))
        }
        if exitCode && !status.current { throw ExitStatus.no }
    }
}
