import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage generate`: render the engagement pack of one or many profiles.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render the four engagement documents of client profiles.",
        discussion: """
            Validates each profile first and writes nothing for an invalid one. Renders the \
            business case, strategy, change management plan and communication plan to \
            canonical XHTML, self-contained HTML and Markdown. Files whose content did not \
            change are not rewritten. With several profiles, use --out-dir: each gets a pack \
            named after its client id, rendered in parallel on all cores.
            """
    )

    @Argument(help: ArgumentHelp("The client profile files.", valueName: "profile"))
    var profiles: [String]

    @Option(name: .long, help: ArgumentHelp("The pack folder to write (one profile).", valueName: "pack"))
    var out: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("The folder to write one pack per profile into.", valueName: "packs"))
    var outDir: String?

    @Option(help: ArgumentHelp("A template folder to use instead of the shipped one.", valueName: "dir"))
    var templates: String?

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp("The formats to write, comma-separated: xhtml, html, md.", valueName: "formats"))
    var formatList = "xhtml,html,md"

    @Flag(
        name: .customLong("force-new-history"),
        help: ArgumentHelp(
            "Start a new history (revision 1) when a pack's revision store is missing, empty or damaged, instead of refusing. "
                + "A damaged store is kept as .engage/revisions.sqlite.damaged-TIMESTAMP; a healthy one is kept and used."))
    var forceNewHistory = false

    @OptionGroup var lockWait: LockWaitOption

    func validate() throws {
        if out == nil && outDir == nil { throw ValidationError("Give --out PACK for one profile, or --out-dir PACKS.") }
        if out != nil && outDir != nil { throw ValidationError("Give either --out or --out-dir, not both.") }
        if out != nil && profiles.count > 1 {
            throw ValidationError("--out takes one profile; for \(profiles.count) profiles use --out-dir PACKS.")
        }
        _ = try formats()
    }

    func formats() throws -> Set<OutputFormat> {
        var result: Set<OutputFormat> = []
        for name in formatList.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let format = OutputFormat(rawValue: name) else {
                throw ValidationError("The value '\(name)' is invalid for '--format': use xhtml, html or md.")
            }
            result.insert(format)
        }
        guard !result.isEmpty else { throw ValidationError("--format needs at least one of xhtml, html, md.") }
        return result
    }

    func run() throws {
        let sources = try loadTemplates()
        let formats = try formats()
        let jobs: [PackJob] = profiles.map { profile in
            PackJob(
                profilePath: profile, destination: out.map { URL(fileURLWithPath: $0) }, lockWait: lockWait.lockWait,
                startNewHistory: forceNewHistory)
        }
        let outputRoot = outDir.map { URL(fileURLWithPath: $0) }
        let progress = jobs.count > 1 && Console.isTerminal ? ProgressBar(total: jobs.count) : nil
        var advance: (@Sendable () -> Void)?
        if let progress { advance = { progress.advance() } }
        let outcomes: [PackOutcome]
        let result = PackBuilder.generate(
            jobs, sources: sources, templatesPath: templates, formats: formats, outputRoot: outputRoot, progress: advance,
            processExitsAfterwards: true)
        switch result {
        case .success(let done):
            outcomes = done
        case .failure(let failure):
            Console.standardError(failure.formatted)
            throw ExitCode(1)
        }
        progress?.finish()
        var failed = 0
        for outcome in outcomes {
            for warning in outcome.warnings { Console.diagnostic(warning) }
            switch outcome.result {
            case .success(let report):
                if let movedAside = report.movedAsideStore {
                    Console.standardError(
                        "warning: \(outcome.destination?.path ?? "?"): started a new history at revision 1; the previous store was kept as \(movedAside).")
                }
                if jobs.count == 1 || !Console.isTerminal {
                    let revisions = report.documents.map { "\($0.kind.rawValue) r\($0.revision)\($0.isNewRevision ? " (new)" : "")" }
                    Console.status(
                        "\(outcome.destination?.path ?? "?"): \(revisions.joined(separator: ", ")); \(report.written.count) files written, \(report.unchanged.count) unchanged.")
                }
            case .failure(let problem):
                failed += 1
                Console.standardError(problem.message)
            }
        }
        if jobs.count > 1 {
            Console.status("\(jobs.count - failed) of \(jobs.count) packs generated.")
        }
        if failed > 0 { throw ExitCode(1) }
    }

    private func loadTemplates() throws -> TemplateSources {
        let set: TemplateSet
        do {
            set = try TemplateLocator.templates(option: templates)
        } catch {
            Console.standardError("error: \(error)")
            throw ExitCode(1)
        }
        do {
            return try TemplateSources(set)
        } catch {
            Console.standardError(error.formatted)
            throw ExitCode(1)
        }
    }
}
