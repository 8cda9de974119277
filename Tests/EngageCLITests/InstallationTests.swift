import Foundation
import Testing

/// An installed `engage` is one file: copied anywhere, run from any folder, it finds its
/// schema and templates inside itself (reliability review, defect 2), and it writes a copy
/// of its templates for a firm to customize.
@Suite(.serialized)
struct InstallationTests {
    /// The built binary copied into `bin/` of a scratch folder, far from the build folder,
    /// with a sample profile in `work/`.
    static func installedCopy() throws -> (scratch: ScratchFolder, engage: URL, work: URL) {
        let scratch = try ScratchFolder()
        let bin = scratch.url.appendingPathComponent("bin")
        let work = scratch.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let engage = bin.appendingPathComponent("engage")
        try FileManager.default.copyItem(at: try EngageProcess.executable(), to: engage)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml"),
            to: work.appendingPathComponent("northgate-hospitals.xml"))
        return (scratch, engage, work)
    }

    /// Runs the binary at `engage` in `directory`, without `ENGAGE_TEMPLATES`.
    static func run(_ engage: URL, _ arguments: [String], in directory: URL) throws -> EngageProcess.Outcome {
        let (process, capture) = try EngageProcess.prepare(engage, arguments, in: directory)
        defer { capture.remove() }
        process.environment?["ENGAGE_TEMPLATES"] = nil
        try process.run()
        process.waitUntilExit()
        return try capture.outcome(of: process)
    }

    @Test("A copy of the binary outside the checkout validates, generates and reports a pack current")
    func copiedBinaryWorksFromAnyFolder() throws {
        let (scratch, engage, work) = try Self.installedCopy()
        defer { scratch.remove() }
        let version = try Self.run(engage, ["--version"], in: work)
        #expect(version.status == 0 && !version.standardOutput.isEmpty, "\(version.standardError)")
        let validate = try Self.run(engage, ["validate", "northgate-hospitals.xml"], in: work)
        #expect(validate.status == 0, "\(validate.standardError)")
        let generate = try Self.run(engage, ["generate", "northgate-hospitals.xml", "--out", "pack"], in: work)
        try #require(generate.status == 0, "\(generate.standardError)")
        for kind in ["business-case", "strategy", "change-management", "communication"] {
            for format in ["xhtml", "html", "md"] {
                #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("pack/\(kind).\(format)").path))
            }
        }
        let status = try Self.run(engage, ["status", "pack", "--exit-code"], in: work)
        #expect(status.status == 0, "\(status.standardOutput)\(status.standardError)")
    }

    @Test("No resource bundle of ours is looked up at run time: the binary names none")
    func binaryNamesNoResourceBundle() throws {
        // SwiftPM's Bundle.module falls back to the absolute build folder, so a copied
        // binary can appear to work while the checkout exists; the bundle's name in the
        // binary is what would break once it is gone.
        let bytes = try Data(contentsOf: try EngageProcess.executable())
        #expect(bytes.range(of: Data("EngagementPlanner_EngagementCore.resources".utf8)) == nil)
        #expect(bytes.range(of: Data("EngagementPlanner_ShippedFiles.resources".utf8)) == nil)
    }

    @Test("templates export writes the shipped templates and a README; generating with the copy gives the same documents")
    func exportedTemplatesGiveTheSameDocuments() throws {
        let (scratch, engage, work) = try Self.installedCopy()
        defer { scratch.remove() }
        let export = try Self.run(engage, ["templates", "export", "firm-templates"], in: work)
        try #require(export.status == 0, "\(export.standardError)")
        let folder = work.appendingPathComponent("firm-templates")
        let shipped = repositoryRoot.appendingPathComponent("Templates")
        for path in try FileManager.default.subpathsOfDirectory(atPath: shipped.path) where path.hasSuffix(".xhtml") {
            #expect(
                try Data(contentsOf: folder.appendingPathComponent(path)) == Data(contentsOf: shipped.appendingPathComponent(path)),
                "\(path)")
        }
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("--templates") && readme.contains("ENGAGE_TEMPLATES"))
        let withShipped = try Self.run(engage, ["generate", "northgate-hospitals.xml", "--out", "shipped"], in: work)
        let withCopy = try Self.run(
            engage, ["generate", "northgate-hospitals.xml", "--out", "copy", "--templates", "firm-templates"], in: work)
        try #require(withShipped.status == 0 && withCopy.status == 0, "\(withShipped.standardError)\(withCopy.standardError)")
        for file in ["strategy.xhtml", "business-case.html", "communication.md"] {
            #expect(
                try Data(contentsOf: work.appendingPathComponent("shipped/\(file)"))
                    == Data(contentsOf: work.appendingPathComponent("copy/\(file)")), "\(file)")
        }
    }

    @Test("templates export refuses a folder that is not empty, and a file, with exit 2 and nothing written")
    func exportRefusesToOverwrite() throws {
        let (scratch, engage, work) = try Self.installedCopy()
        defer { scratch.remove() }
        let folder = work.appendingPathComponent("customized")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<html/>".utf8).write(to: folder.appendingPathComponent("strategy.xhtml"))
        let outcome = try Self.run(engage, ["templates", "export", "customized"], in: work)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("'customized' is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["strategy.xhtml"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("strategy.xhtml")) == Data("<html/>".utf8))
        let file = try Self.run(engage, ["templates", "export", "northgate-hospitals.xml"], in: work)
        #expect(file.status == 2 && file.standardError.contains("is a file, not a folder"))
    }
}
