import ArgumentParser
import EngagementCore
import Foundation

/// `engage regenerate PACK`: regenerate the stale documents only.
struct RegenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate",
        abstract: "Regenerate exactly the stale documents of a pack and record their new revisions.",
        discussion: "Documents that are current keep their files and revision numbers."
    )

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var lockWait: LockWaitOption

    func run() throws {
        let folder = URL(fileURLWithPath: packOptions.pack)
        let inspection: PackInspection
        do {
            inspection = try PackInspection(packFolder: folder, profileOverride: packOptions.profile, lockWait: lockWait.lockWait,
                forWriting: true)
        } catch {
            Console.standardError(error.description)
            throw ExitCode(2)
        }
        do {
            // A writing command: it checks the whole store before trusting it, which
            // status, a reader, leaves out for speed.
            try inspection.store.checkIntegrity()
        } catch {
            Console.standardError("error: \(error)")
            throw ExitCode(2)
        }
        let status = PackStatus(inspection)
        let stale = status.staleKinds
        guard !stale.isEmpty else {
            Console.output("All documents are current; nothing to regenerate.")
            return
        }
        do {
            // One pack: the stale documents compile and render in parallel.
            let renderer = try DocumentRenderer(
                sources: TemplateSources(folder: inspection.templatesFolder), kinds: stale, parallel: true)
            let documents = try renderer.render(inspection.current, parallel: true)
            let previous = inspection.latest
            // Publishing takes the pack's exclusive lock: let go of the reader's shared one.
            inspection.store.close()
            let report = try PackGenerator.publish(
                documents, model: inspection.current, profilePath: inspection.profilePath,
                templatesPath: inspection.pack.templatesPath, formats: Set(OutputFormat.allCases), into: folder,
                parallel: true, lockWait: lockWait.lockWait)
            var lines: [String] = []
            for document in report.documents {
                let before = previous[document.kind]?.number
                let sections = status.documents.first { $0.kind == document.kind.rawValue }?.staleSections.map(\.sectionId) ?? []
                lines.append("\(document.kind.rawValue): revision \(before.map(String.init) ?? "none") -> \(document.revision); sections \(sections.joined(separator: ", "))")
            }
            let untouched = DocumentKind.allCases.filter { !stale.contains($0) }.map(\.rawValue)
            if !untouched.isEmpty { lines.append("unchanged: \(untouched.joined(separator: ", "))") }
            lines.append("\(report.written.count) files written.")
            Console.output(lines.joined(separator: "\n"))
        } catch let failure as TemplateFailure {
            Console.standardError(failure.formatted)
            throw ExitCode(1)
        } catch let error as PackError {
            Console.standardError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
