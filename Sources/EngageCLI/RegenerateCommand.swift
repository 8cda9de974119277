import ArgumentParser
import EngagementCore
import Foundation

/// `engage regenerate PACK`: regenerate the stale documents only.
struct RegenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate",
        abstract: "Regenerate exactly the stale documents of a pack and record their new revisions.",
        discussion: """
            Documents that are current keep their files and revision numbers. What was done \
            is summarized on standard error, as generate does.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var lockWait: LockWaitOption

    @Option(
        help: ArgumentHelp(
            "Write this edition (client or internal) instead of the one the pack was last written in; the sections that differ between the two are regenerated.",
            valueName: "edition"))
    var edition: DocumentEdition?

    @OptionGroup var reason: ReasonOption

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let report: PackBuilder.RegenerationReport
        do {
            report = try PackBuilder.regenerate(
                pack: packOptions.pack.url, profile: packOptions.profile?.path, edition: edition, firm: packOptions.firm,
                lockWait: lockWait.lockWait, reason: reason.text)
        } catch {
            Console.standardError(error.description)
            switch error {
            case .inspection(let failure): throw ExitStatus.of(failure)
            case .templates: throw ExitStatus.invalidInput
            case .pack(let error): throw ExitStatus.of(error)
            }
        }
        guard !report.documents.isEmpty else {
            Console.status("All documents are current; nothing to regenerate.")
            return
        }
        var lines: [String] = []
        for document in report.documents {
            let before = document.previousRevision.map(String.init) ?? "none"
            var line = "\(document.kind.rawValue): "
            line += document.isNewRevision ? "revision \(before) -> \(document.revision)" : "revision \(document.revision) kept"
            if !document.staleSections.isEmpty { line += "; sections \(document.staleSections.joined(separator: ", "))" }
            if !document.restoredFiles.isEmpty { line += "; restored \(document.restoredFiles.joined(separator: ", "))" }
            lines.append(line)
        }
        if !report.unchanged.isEmpty { lines.append("unchanged: \(report.unchanged.map(\.rawValue).joined(separator: ", "))") }
        lines.append("\(report.written.count) files written.")
        Console.status(lines.joined(separator: "\n"))
    }
}
