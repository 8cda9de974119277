import ArgumentParser
import EngagementCore
import Foundation

/// `engage templates`: the templates shipped inside engage.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the templates shipped inside engage.",
        subcommands: [TemplatesExportCommand.self]
    )

    /// No subcommand named: bad usage (exit 64), with this command's usage. Written here:
    /// a `ValidationError` from `run` would show the root's usage, and `validate` runs for
    /// `templates export` too.
    func run() throws {
        Console.standardError(
            "Error: Name what to do with the templates: export DIR.\n"
                + "Usage: \(EngageCommand.usageString(for: TemplatesCommand.self))\n  See 'engage templates --help' for more information.")
        throw ExitStatus.usage
    }
}

/// `engage templates export DIR`: a copy of the shipped templates for a firm to customize.
struct TemplatesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a copy of the shipped templates into a folder, to customize.",
        discussion: """
            Writes the four document templates, the partials they include and a README \
            saying how to use the copy (--templates DIR, or ENGAGE_TEMPLATES=DIR). The \
            folder must be new or empty: customized templates are never overwritten.

            \(ExitStatus.helpText)
            """
    )

    @Argument(help: ArgumentHelp("The folder to write into: new, or empty.", valueName: "dir"), completion: .directory)
    var folder: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let written: [String]
        do {
            written = try ShippedTemplates.export(to: URL(fileURLWithPath: folder))
        } catch {
            Console.standardError("error: \(error)")
            throw ExitStatus.failed
        }
        Console.status("\(folder): \(written.count) files written; use it with --templates \(folder).")
    }
}
