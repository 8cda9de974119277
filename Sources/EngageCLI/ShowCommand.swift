import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage show PACK DOC[@N]`: a past revision, rendered.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a revision of a document.",
        discussion: """
            DOC@N names revision N; DOC alone the latest. The output goes to standard output;
            redirect a Word document or a PDF to a file (engage show PACK strategy@2 --format docx > strategy-r2.docx).
            Word and PDF are made from the stored revision, so they are the files that revision was published as.

            \(ExitStatus.helpText)
            """
    )

    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: PackPath

    @Argument(help: ArgumentHelp("The document (business-case, strategy, change-management or communication) and revision, e.g. strategy@2; the latest without @N.", valueName: "doc[@n]"))
    var document: DocumentReference

    @Option(help: ArgumentHelp("The format: xhtml, html, md, docx or pdf.", valueName: "format"))
    var format: OutputFormat = .xhtml

    @OptionGroup var lockWait: LockWaitOption

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        do {
            let reference = document
            let store = try PackAccess.open(pack.url, wait: lockWait.lockWait)
            let revision = try store.verified(store.revision(reference.kind, number: reference.revision))
            if format == .xhtml {
                FileHandle.standardOutput.write(revision.xhtml)
                return
            }
            if format == .docx || format == .pdf, isatty(STDOUT_FILENO) != 0 {
                Console.standardError("error: a \(format == .docx ? "Word document" : "PDF") is not text: redirect it to a file, e.g. engage show \(pack.url.path) \(reference.kind.rawValue)@\(revision.number) --format \(format.rawValue) > \(reference.kind.rawValue).\(format.rawValue)")
                throw ExitStatus.usage
            }
            let root = try PackAccess.document(revision)
            FileHandle.standardOutput.write(Data(try RenderedPackDocument.bytes(of: root, as: format, name: reference.kind.rawValue)))
        } catch let error as PDFConverter.Failure {
            Console.standardError("error: \(error)")
            throw ExitStatus.failed
        } catch let error as PackError {
            Console.standardError("error: \(error)")
            throw ExitStatus.of(error)
        } catch let error as XMLParseFailure {
            // A stored revision that does not parse: the pack is damaged.
            error.diagnostics.forEach(Console.diagnostic)
            throw ExitStatus.failed
        }
    }
}
