import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage show PACK DOC[@N]`: a past revision, rendered.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a revision of a document.",
        discussion: "DOC@N names revision N; DOC alone the latest. The output goes to standard output."
    )

    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: String

    @Argument(help: ArgumentHelp("The document and optional revision, e.g. strategy@2.", valueName: "doc[@n]"))
    var document: String

    @Option(help: ArgumentHelp("The format: xhtml, html or md.", valueName: "format"))
    var format: OutputFormat = .xhtml

    @OptionGroup var lockWait: LockWaitOption

    func run() throws {
        do {
            let reference = try DocumentReference(parsing: document)
            let store = try PackAccess.open(URL(fileURLWithPath: pack), wait: lockWait.lockWait)
            let revision = try store.verified(store.revision(reference.kind, number: reference.revision))
            if format == .xhtml {
                FileHandle.standardOutput.write(revision.xhtml)
                return
            }
            let root = try PackAccess.document(revision)
            FileHandle.standardOutput.write(Data(RenderedPackDocument.bytes(of: root, as: format)))
        } catch let error as PackError {
            Console.standardError("error: \(error)")
            throw ExitCode(1)
        } catch let error as XMLParseFailure {
            error.diagnostics.forEach(Console.diagnostic)
            throw ExitCode(1)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
