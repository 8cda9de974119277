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
            named after its client id, rendered in parallel on all cores. What was written \
            is summarized on standard error.

            \(ExitStatus.helpText) With several profiles, the status is the worst of them.
            """
    )

    @Argument(
        help: ArgumentHelp("The client profile files; - reads one from standard input.", valueName: "profile"))
    var profiles: [ProfilePath]

    @Option(name: .long, help: ArgumentHelp("The pack folder to write (one profile).", valueName: "pack"), completion: .directory)
    var out: String?

    @Option(
        name: .customLong("out-dir"), help: ArgumentHelp("The folder to write one pack per profile into.", valueName: "packs"),
        completion: .directory)
    var outDir: String?

    @Option(
        help: ArgumentHelp("A template folder to use instead of the shipped one ('engage templates export' writes a copy).", valueName: "dir"),
        completion: .directory)
    var templates: String?

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp("The formats to write, comma-separated: xhtml, html, md, docx (Word), pdf (through LibreOffice). Default: xhtml,html,md.", valueName: "formats"))
    var formatList = FormatList(Set(OutputFormat.defaults))

    @Option(
        help: ArgumentHelp(
            "Who the documents are for: client (what the client's people read and sign) or internal (adds the engagement team's assessments of named people).",
            valueName: "edition"))
    var edition: DocumentEdition = .client

    @Option(
        help: ArgumentHelp(
            "The firm file the documents are sent under (docs/firm-format.md); none for no firm. Default: ENGAGE_FIRM, else a firm.xml in the profile's folder or a folder above it.",
            valueName: "firm"),
        completion: .file(extensions: ["xml"]))
    var firm: String?

    @Option(
        help: ArgumentHelp(
            "The date on every document (YYYY-MM-DD), instead of the dates of the profile's <documents>. Never today's date unless given: the same inputs give the same documents. The pack remembers it for status and regenerate.",
            valueName: "yyyy-mm-dd"))
    var date: ProfileDate?

    @Flag(
        name: .customLong("force-new-history"),
        help: ArgumentHelp(
            "Start a new history (revision 1) when a pack's revision store is missing, empty or damaged, instead of refusing. "
                + "A damaged store is kept as .engage/revisions.sqlite.damaged-TIMESTAMP; a healthy one is kept and used."))
    var forceNewHistory = false

    @OptionGroup var lockWait: LockWaitOption

    @OptionGroup var reason: ReasonOption

    func validate() throws {
        if out == nil && outDir == nil { throw ValidationError("Give --out PACK for one profile, or --out-dir PACKS.") }
        if out != nil && outDir != nil { throw ValidationError("Give either --out or --out-dir, not both.") }
        if out != nil && profiles.count > 1 {
            throw ValidationError("--out takes one profile; for \(profiles.count) profiles use --out-dir PACKS.")
        }
        if profiles.count > 1 && profiles.contains(where: \.isStandardInput) {
            throw ValidationError("A profile on standard input ('-') is generated on its own, with --out PACK.")
        }
    }

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let sources = try loadTemplates()
        let formats = formatList.formats
        let firms = try loadFirms()
        let jobs: [PackJob] = profiles.map { profile in
            var job = PackJob(
                profilePath: profile.path, destination: out.map { URL(fileURLWithPath: $0) }, lockWait: lockWait.lockWait,
                startNewHistory: forceNewHistory, edition: edition)
            job.firm = firms[profile.path] ?? nil
            job.documentDate = date
            job.reason = reason.text
            return job
        }
        let outputRoot = outDir.map { URL(fileURLWithPath: $0) }
        let progress = jobs.count > 1 && Console.showsProgress ? ProgressBar(total: jobs.count) : nil
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
            throw ExitStatus.invalidInput
        }
        progress?.finish()
        var problems: [PackProblem] = []
        for outcome in outcomes {
            for warning in outcome.warnings { Console.diagnostic(warning) }
            switch outcome.result {
            case .success(let report):
                if let movedAside = report.movedAsideStore {
                    Console.standardError(
                        "warning: \(outcome.destination?.path ?? "?"): started a new history at revision 1; the previous store was kept as \(movedAside).")
                }
                if jobs.count == 1 || !Console.showsProgress {
                    let revisions = report.documents.map { "\($0.kind.rawValue) r\($0.revision)\($0.isNewRevision ? " (new)" : "")" }
                    Console.status(
                        "\(outcome.destination?.path ?? "?"): \(revisions.joined(separator: ", ")); \(report.written.count) files written, \(report.unchanged.count) unchanged.")
                }
            case .failure(let problem):
                problems.append(problem)
                Console.standardError(problem.message)
            }
        }
        if jobs.count > 1 {
            Console.status("\(jobs.count - problems.count) of \(jobs.count) packs generated.")
        }
        if !problems.isEmpty { throw ExitStatus.of(problems) }
    }

    /// The firm file of each profile, loaded once per file: every problem of an invalid
    /// one is reported, and nothing is generated.
    func loadFirms() throws -> [String: FirmSource?] {
        var loaded: [String: FirmSource] = [:]
        var result: [String: FirmSource?] = [:]
        for profile in profiles {
            guard let path = FirmLocator.locate(option: firm, profilePath: profile.path) else {
                result[profile.path] = .some(nil)
                continue
            }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if let known = loaded[absolute] {
                result[profile.path] = known
                continue
            }
            let firmFile = FirmLoader.load(fileAt: path)
            for diagnostic in firmFile.diagnostics { Console.diagnostic(diagnostic) }
            guard firmFile.isValid, let value = firmFile.firm, let root = firmFile.root else {
                Console.standardError("error: the firm file \(path) is invalid; fix it, or pass --firm none to generate without a firm.")
                throw firmFile.isUnreadable ? ExitStatus.failed : ExitStatus.invalidInput
            }
            let source = FirmSource(firm: value, root: root, path: path)
            loaded[absolute] = source
            result[profile.path] = source
        }
        return result
    }

    private func loadTemplates() throws -> TemplateSources {
        let set: TemplateSet
        do {
            set = try TemplateLocator.templates(option: templates)
        } catch {
            Console.standardError("error: \(error)")
            throw ExitStatus.failed
        }
        do {
            return try TemplateSources(set)
        } catch {
            Console.standardError(error.formatted)
            throw ExitStatus.invalidInput
        }
    }
}
