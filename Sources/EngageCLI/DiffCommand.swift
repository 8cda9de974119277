import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage diff PACK DOC[@A] [DOC@B]`: compare two revisions of a document.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two revisions of a document, section by section and word by word.",
        discussion: """
            With DOC alone, compares its latest two revisions; with DOC@A, revision A with the \
            latest; with DOC@A DOC@B, those two. Sections are matched by their stable ids, then \
            by content (renamed or moved).

            \(ExitStatus.helpText)
            """
    )

    /// The output formats of a diff.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, html, json
    }

    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: PackPath

    @Argument(help: ArgumentHelp("The document (business-case, strategy, change-management or communication) and optional revision, e.g. strategy@2.", valueName: "doc[@a]"))
    var first: DocumentReference

    @Argument(help: ArgumentHelp("The revision to compare with, e.g. strategy@3.", valueName: "doc@b"))
    var second: DocumentReference?

    @Option(help: ArgumentHelp("text (a summary, then [-old-]{+new+} marks), html (a redline page) or json (an edit list).", valueName: "format"))
    var format: Format = .text

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when the revisions differ, 0 when they do not.")
    var exitCode = false

    @OptionGroup var lockWait: LockWaitOption

    /// The JSON form: which revisions, whether they differ, the section summary and the edits.
    struct Report: Encodable {
        struct Summary: Encodable {
            var added: [String]
            var removed: [String]
            var moved: [String]
            var renamed: [[String: String]]
            var changed: [String]
            var unchanged: Int
        }

        struct Reason: Encodable {
            var revision: Int
            var reason: String
        }

        var document: String
        var old: Int
        var new: Int
        var identical: Bool
        /// Why each revision after `old`, up to `new`, was made, where `--reason` said.
        var reasons: [Reason]
        var summary: Summary
        var edits: [DiffEdit]
    }

    func validate() throws {
        if let second, second.kind != first.kind {
            throw ValidationError(
                "Compare two revisions of one document: '\(first.kind.rawValue)' and '\(second.kind.rawValue)' are different documents.")
        }
    }

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        do {
            let firstReference = first
            let secondReference = second
            let store = try PackAccess.open(pack.url, wait: lockWait.lockWait)
            let revisions = try store.revisions(of: firstReference.kind)
            guard let latest = revisions.last else { throw PackError.noRevisions(firstReference.kind) }
            let (oldNumber, newNumber): (Int, Int)
            switch (firstReference.revision, secondReference?.revision) {
            case (nil, nil): (oldNumber, newNumber) = (max(1, latest.number - 1), latest.number)
            case (let a?, nil): (oldNumber, newNumber) = (a, latest.number)
            case (let a, let b?): (oldNumber, newNumber) = (a ?? latest.number, b)
            }
            let oldRevision = try store.verified(store.revision(firstReference.kind, number: oldNumber))
            let newRevision = try store.verified(store.revision(firstReference.kind, number: newNumber))
            let oldRoot = try parse(oldRevision)
            let newRoot = try parse(newRevision)
            let diff = DocumentComparison.compare(old: oldRoot, new: newRoot)
            let reasons = revisions.filter { $0.number > min(oldNumber, newNumber) && $0.number <= max(oldNumber, newNumber) }
                .compactMap { revision in revision.reason.map { Report.Reason(revision: revision.number, reason: $0) } }
            switch format {
            case .text:
                let colour = Console.usesColour(on: STDOUT_FILENO)
                let why = reasons.map { "Reason for @\($0.revision): \($0.reason)\n" }.joined()
                Console.output("\(firstReference.kind.rawValue)@\(oldNumber) -> @\(newNumber)\n" + why + DiffTextRenderer(useColour: colour).render(diff))
            case .html:
                let title = "\(firstReference.kind.title): revision \(oldNumber) to \(newNumber)"
                let why = reasons.map { "Revision \($0.revision): \($0.reason)" }
                FileHandle.standardOutput.write(Data(DiffHTMLRenderer(title: title, reasons: why).render(diff).utf8))
            case .json:
                let summary = diff.summary
                try Console.writeJSON(Report(
                    document: firstReference.kind.rawValue, old: oldNumber, new: newNumber, identical: diff.isEmpty, reasons: reasons,
                    summary: .init(
                        added: summary.added, removed: summary.removed, moved: summary.moved,
                        renamed: summary.renamed.map { ["old": $0.oldID, "new": $0.newID] }, changed: summary.changed,
                        unchanged: summary.unchangedCount),
                    edits: diff.edits))
            }
            if exitCode && !diff.isEmpty { throw ExitStatus.no }
        } catch let error as PackError {
            Console.standardError("error: \(error)")
            throw ExitStatus.of(error)
        } catch let failure as XMLParseFailure {
            failure.diagnostics.forEach(Console.diagnostic)
            throw ExitStatus.failed
        }
    }

    private func parse(_ revision: RevisionRecord) throws(XMLParseFailure) -> SourceElement {
        try XMLDocument.parse(
            bytes: [UInt8](revision.xhtml), fileName: "\(revision.kind)@\(revision.number)",
            limits: XMLLimits(maximumBytes: 256 << 20, maximumDepth: 256)
        ).root
    }
}
